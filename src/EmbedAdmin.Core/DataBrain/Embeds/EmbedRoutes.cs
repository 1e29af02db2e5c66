using System.Net.Http;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Core.DataBrain.Embeds
{
    /// <summary>
    /// DataBrain embed endpoints. The kebab-case paths are the current ones ("use this endpoint for all new
    /// integrations"); the camelCase /api/v2/dataApp/… paths are the older generation, "deprecated soon", kept
    /// for self-hosted installations that predate the move (Connect-EmbedAdmin -UseLegacyDataBrainPaths).
    /// </summary>
    internal static class EmbedRoutes
    {
        public static ApiRequest UpdateEmbed(bool legacy) => legacy
            ? DataApp(HttpMethod.Post, "api/v2/dataApp/embed/update")
            : DataApp(HttpMethod.Put, "api/v2/data-app/embeds");

        public static ApiRequest CreateEmbed(bool legacy) => legacy
            ? DataApp(HttpMethod.Post, "api/v2/dataApp/embed/create")
            : DataApp(HttpMethod.Post, "api/v2/data-app/embeds");

        /// <summary>The new list is a GET with string query flags; the legacy one a POST with the same flags in the body.</summary>
        public static ApiRequest ListEmbeds(bool legacy, int pageNumber)
        {
            var page = DataBrainPaging.PageNumber(pageNumber);
            return legacy
                ? DataApp(HttpMethod.Post, "api/v2/dataApp/embed/list").WithJson(System.Text.Encoding.UTF8.GetBytes($"{{\"isPagination\":true,\"pageNumber\":{page}}}"))
                : DataApp(HttpMethod.Get, "api/v2/data-app/embeds").WithQuery("isPagination", "true").WithQuery("pageNumber", page);
        }

        public static ApiRequest DeleteEmbed(bool legacy, string embedId, bool deleteDashboard)
        {
            if (legacy)
            {
                var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new System.Collections.Generic.Dictionary<string, string> { ["embedId"] = embedId });
                return DataApp(HttpMethod.Post, "api/v2/dataApp/embed/delete").WithJson(body);
            }

            return DataApp(HttpMethod.Delete, "api/v2/data-app/embeds")
                .WithQuery("embedId", embedId)
                .WithQuery("isDeleteDashboard", deleteDashboard ? "true" : null);
        }

        // Export has no legacy twin.
        public static ApiRequest ExportEmbed(string embedId) =>
            DataApp(HttpMethod.Get, "api/v2/data-app/embeds/export").WithQuery("embedId", embedId);

        public static ApiRequest CreateDashboardEmbed(bool legacy) => legacy
            ? DataApp(HttpMethod.Post, "api/v2/dataApp/dashboard-embeds")
            : DataApp(HttpMethod.Post, "api/v2/data-app/dashboard-embeds");

        private static ApiRequest DataApp(HttpMethod method, string path) => DataBrainRequest.DataApp(method, path);
    }
}
