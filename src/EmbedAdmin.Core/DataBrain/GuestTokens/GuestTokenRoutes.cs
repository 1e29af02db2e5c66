using System.Net.Http;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Core.DataBrain.GuestTokens
{
    /// <summary>
    /// The guest-token endpoint (docs.usedatabrain.com/developer-docs/token). Its v1 twin took workspaceName
    /// instead of dataAppName; only v2 is used.
    /// </summary>
    internal static class GuestTokenRoutes
    {
        public static ApiRequest Create() => DataBrainRequest.DataApp(HttpMethod.Post, "api/v2/guest-token/create");
    }
}
