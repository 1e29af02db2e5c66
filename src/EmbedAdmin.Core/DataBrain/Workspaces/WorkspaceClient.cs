using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Listing;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.DataBrain.Workspaces
{
    /// <summary>
    /// Workspace endpoints (docs.usedatabrain.com/api-reference/update-workspace, create-workspace, list-workspaces). They take the service token: the newest pages say so,
    /// older crawls said the data-app key, and AuthKind.ServiceToken falls back to that key when no token was given.
    /// </summary>
    public sealed class WorkspaceClient
    {
        private readonly EmbedAdminSession session;

        public WorkspaceClient(EmbedAdminSession session)
        {
            this.session = session;
        }

        /// <summary>Every workspace, all pages read. The list endpoint returns names only.</summary>
        public Task<IReadOnlyList<Workspace>> ListAsync(RequestContext context, CancellationToken cancellationToken) =>
            DataBrainPaging.ReadAllAsync(
                session,
                WorkspaceRoutes.List,
                ReadWorkspace,
                w => w.Name,
                context,
                cancellationToken);

        public async Task<Workspace> SendAsync(WorkspaceChange change, RequestContext context, CancellationToken cancellationToken)
        {
            var request = (change.Operation == WorkspaceOperation.Create ? WorkspaceRoutes.Create() : WorkspaceRoutes.Update()).WithJson(change.Body.ToUtf8Bytes());
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
