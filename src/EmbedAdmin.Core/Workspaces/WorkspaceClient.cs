using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Listing;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.Workspaces
{
    /// <summary>
    /// Workspace endpoints (api-surface §1.5, seed 003). They take the service token: the newest pages say so,
    /// older crawls said the data-app key, and AuthKind.ServiceToken falls back to that key when no token was given.
    /// </summary>
    public sealed class WorkspaceClient
    {
        private const string Path = "api/v2/workspace";
        private readonly EmbedAdminSession session;

        public WorkspaceClient(EmbedAdminSession session)
        {
            this.session = session;
        }

        /// <summary>Every workspace, all pages read. The list endpoint returns names only.</summary>
        public Task<IReadOnlyList<Workspace>> ListAsync(RequestContext context, CancellationToken cancellationToken) =>
            DataBrainPaging.ReadAllAsync(
                session,
                page => new ApiRequest(ApiService.DataBrain, AuthKind.ServiceToken, HttpMethod.Get, Path)
                    .WithQuery("isPagination", "true")
                    .WithQuery("pageNumber", DataBrainPaging.PageNumber(page)),
                ReadWorkspace,
                w => w.Name,
                context,
                cancellationToken);

        public async Task<Workspace> SendAsync(WorkspaceChange change, RequestContext context, CancellationToken cancellationToken)
        {
            var method = change.Operation == WorkspaceOperation.Create ? HttpMethod.Post : HttpMethod.Put;
            var request = new ApiRequest(ApiService.DataBrain, AuthKind.ServiceToken, method, Path).WithJson(change.Body.ToUtf8Bytes());
            var response = await session.Api.SendAsync(request, context, cancellationToken).ConfigureAwait(false);

            // {"data":{"name":"Sales Analytics"},"error":null}
            var root = DataBrainEnvelope.Open(response);
            var name = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data)
                ? DataBrainEnvelope.ReadString(data, "name")
                : null;
            return change.ToWorkspace(name ?? change.Name);
        }

        private static Workspace ReadWorkspace(JsonElement element) =>
            new() { Name = DataBrainEnvelope.ReadString(element, "name") ?? string.Empty };
    }
}
