using System.Net.Http;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Core.DataBrain
{
    /// <summary>
    /// DataBrain endpoints. The kebab-case paths are the current ones ("use this endpoint for all new
    /// integrations"); the camelCase /api/v2/dataApp/… paths are the older generation, "deprecated soon", kept
    /// for self-hosted installations that predate the move (Connect-EmbedAdmin -UseLegacyDataBrainPaths).
    /// </summary>
    internal static class DataBrainRoutes
    {
        public static ApiRequest UpdateEmbed(bool legacy) => legacy
            ? new ApiRequest(ApiService.DataBrain, AuthKind.DataAppKey, HttpMethod.Post, "api/v2/dataApp/embed/update")
            : new ApiRequest(ApiService.DataBrain, AuthKind.DataAppKey, HttpMethod.Put, "api/v2/data-app/embeds");
    }
}
