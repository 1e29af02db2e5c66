using System.Net.Http;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Core.DataBrain.DataApps
{
    /// <summary>
    /// Data-app and API-token endpoints (docs.usedatabrain.com/api-reference/create-data-app, update-data-app,
    /// list-data-apps, create-api-token, list-api-tokens), service token. The camelCase /api/v2/dataApp paths are
    /// the older generation the migration banner calls "deprecated soon", used with -UseLegacyDataBrainPaths.
    /// </summary>
    internal static class DataAppRoutes
    {
        public static ApiRequest List(bool legacy, int page) => DataBrainRequest.Service(HttpMethod.Get, Base(legacy))
            .WithQuery("isPagination", "true")
            .WithQuery("pageNumber", DataBrainPaging.PageNumber(page));

        public static ApiRequest Create(bool legacy) => DataBrainRequest.Service(HttpMethod.Post, Base(legacy));

        /// <summary>PUT {name, updateName}: the update page's only change is the name.</summary>
        public static ApiRequest Rename(bool legacy) => DataBrainRequest.Service(HttpMethod.Put, Base(legacy));

        public static ApiRequest CreateApiToken(bool legacy) => DataBrainRequest.Service(HttpMethod.Post, Base(legacy) + "/api-tokens");

        public static ApiRequest ListApiTokens(bool legacy, string dataAppName) =>
            DataBrainRequest.Service(HttpMethod.Get, Base(legacy) + "/api-tokens").WithQuery("dataAppName", dataAppName);

        private static string Base(bool legacy) => legacy ? "api/v2/dataApp" : "api/v2/data-app";
    }
}
