using System.Net.Http;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Core.DataBrain
{
    /// <summary>
    /// The two kinds of DataBrain request, by the token they take: embeds and guest tokens take the data app's
    /// API key; workspaces, datamarts, datasources and data apps take the organisation's service token
    /// (docs.usedatabrain.com/api-reference/create-workspace: "requires a service token").
    /// </summary>
    internal static class DataBrainRequest
    {
        public static ApiRequest DataApp(HttpMethod method, string path) => new(ApiService.DataBrain, AuthKind.DataAppKey, method, path);

        public static ApiRequest Service(HttpMethod method, string path) => new(ApiService.DataBrain, AuthKind.ServiceToken, method, path);
    }
}
