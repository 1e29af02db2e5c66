using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.DataBrain.Dashboards
{
    /// <summary>Export Dashboard and Import Dashboard, with the service token.</summary>
    public sealed class DashboardClient
    {
        private readonly EmbedAdminSession session;

        public DashboardClient(EmbedAdminSession session)
        {
            this.session = session;
        }

        /// <summary>The whole answer, {_meta{exportedAt, workspaceName, dashboardId}, data{…}}: what the import takes back.</summary>
        public async Task<JsonObject> ExportAsync(string dashboardId, string workspaceName, RequestContext context, CancellationToken cancellationToken)
        {
            var body = new JsonObject { ["dashboardId"] = dashboardId, ["workspaceName"] = workspaceName };
            var response = await session.Api.SendAsync(DashboardRoutes.Export().WithJson(JsonSerializer.SerializeToUtf8Bytes(body, EmbedAdminJson.Options)), context, cancellationToken).ConfigureAwait(false);
            DataBrainEnvelope.Open(response);
            return JsonNode.Parse(response.Body) as JsonObject ?? throw response.Unexpected("the export is not a JSON object");
        }

        /// <summary>{data{response{message, dashboardId, dashboardName, workspaceName}}}.</summary>
        public async Task<ImportedDashboard> ImportAsync(DashboardImport import, RequestContext context, CancellationToken cancellationToken)
        {
            var root = DataBrainEnvelope.Open(await session.Api.SendAsync(DashboardRoutes.Import().WithJson(import.ToUtf8Json()), context, cancellationToken).ConfigureAwait(false));
            var answer = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("response", out var inner) ? inner : default;
            return new ImportedDashboard
            {
                DashboardId = DataBrainEnvelope.ReadString(answer, "dashboardId") ?? import.DashboardId,
                DashboardName = DataBrainEnvelope.ReadString(answer, "dashboardName") ?? import.DashboardName,
                WorkspaceName = DataBrainEnvelope.ReadString(answer, "workspaceName") ?? import.WorkspaceName,
                Message = DataBrainEnvelope.ReadString(answer, "message"),
            };
        }
    }
}
