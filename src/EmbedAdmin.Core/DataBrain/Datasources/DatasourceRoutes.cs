using System.Net.Http;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Core.DataBrain.Datasources
{
    /// <summary>
    /// Datasource endpoints, service token (docs.usedatabrain.com/api-reference/list-datasources,
    /// create-datasource, update-datasource, delete-datasource; /helpers/embedding-apis/sync-datasource).
    /// </summary>
    internal static class DatasourceRoutes
    {
        private const string Path = "api/v2/datasource";

        public static ApiRequest List(int page) => DataBrainRequest.Service(HttpMethod.Get, Path)
            .WithQuery("isPagination", "true")
            .WithQuery("pageNumber", DataBrainPaging.PageNumber(page));

        public static ApiRequest Create() => DataBrainRequest.Service(HttpMethod.Post, Path);

        /// <summary>PUT identifies the datasource by credentials.name and needs the full credential set.</summary>
        public static ApiRequest Update() => DataBrainRequest.Service(HttpMethod.Put, Path);

        public static ApiRequest Delete(string name) => DataBrainRequest.Service(HttpMethod.Delete, Path).WithQuery("datasourceName", name);

        public static ApiRequest Sync() => DataBrainRequest.Service(HttpMethod.Post, Path + "/sync");
    }
}
