using System.Net.Http;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Core.DataBrain.Workspaces
{
    /// <summary>
    /// Workspace endpoints (docs.usedatabrain.com/api-reference/create-workspace, update-workspace,
    /// list-workspaces): one path, the verb says which.
    /// </summary>
    internal static class WorkspaceRoutes
    {
        private const string Path = "api/v2/workspace";

        public static ApiRequest List(int page) => DataBrainRequest.Service(HttpMethod.Get, Path)
            .WithQuery("isPagination", "true")
            .WithQuery("pageNumber", DataBrainPaging.PageNumber(page));

        public static ApiRequest Create() => DataBrainRequest.Service(HttpMethod.Post, Path);

        public static ApiRequest Update() => DataBrainRequest.Service(HttpMethod.Put, Path);
    }
}
