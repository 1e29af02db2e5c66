using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.DataBrain.Datasources
{
    /// <summary>Datasource list, create, update, delete and sync over the session's pipeline, with the service token.</summary>
    public sealed class DatasourceClient
    {
        private readonly EmbedAdminSession session;

        public DatasourceClient(EmbedAdminSession session)
        {
            this.session = session;
        }

        /// <summary>Every datasource, all pages read; the list returns names only.</summary>
        public Task<IReadOnlyList<Datasource>> ListAsync(RequestContext context, CancellationToken cancellationToken) =>
            DataBrainPaging.ReadAllAsync(
                session,
                DatasourceRoutes.List,
                item => new Datasource { Name = DataBrainEnvelope.ReadString(item, "name") ?? string.Empty },
                d => d.Name,
                context,
                cancellationToken);

        public async Task<Datasource> SendAsync(DatasourceChange change, RequestContext context, CancellationToken cancellationToken)
        {
            // Masked from here on wherever the module prints text, whatever the field is called for this type.
            session.Redactor.AddKnownSecret(change.Secret);
            var request = (change.Operation == DatasourceOperation.Create ? DatasourceRoutes.Create() : DatasourceRoutes.Update()).WithJson(change.ToUtf8Json());
            var root = DataBrainEnvelope.Open(await session.Api.SendAsync(request, context, cancellationToken).ConfigureAwait(false));
            return change.ToDatasource(DataBrainEnvelope.ReadString(root, "name") ?? change.Name);
        }

        /// <summary>
        /// DELETE ?datasourceName= → {id, message}. DATASOURCE_IN_USE keeps its code (and so its error id) and gains
        /// a message that says nothing was removed; the service's own words, which name the users, follow.
        /// </summary>
        public async Task<Datasource> DeleteAsync(string name, RequestContext context, CancellationToken cancellationToken)
        {
            JsonElement root;
            try
            {
                root = DataBrainEnvelope.Open(await session.Api.SendAsync(DatasourceRoutes.Delete(name), context, cancellationToken).ConfigureAwait(false));
            }
            catch (EmbedAdminApiException exception) when (exception.ApiCode == "DATASOURCE_IN_USE")
            {
                throw new EmbedAdminApiException(
                    exception.Service,
                    exception.StatusCode,
                    exception.ApiCode,
                    $"Datasource '{name}' was not removed because it is still in use. DataBrain says: {exception.ApiMessage}",
                    exception.RequestId,
                    exception.RetryAfter,
                    exception.Details,
                    exception);
            }

            return new Datasource { Name = DataBrainEnvelope.ReadString(root, "id") ?? name, Message = DataBrainEnvelope.ReadString(root, "message") };
        }

        /// <summary>
        /// POST {input:{datasourceId}}. The list gives names only, so the name is the id sent: the only identifier a
        /// client of these endpoints ever holds.
        /// </summary>
        public async Task<Datasource> SyncAsync(string name, RequestContext context, CancellationToken cancellationToken)
        {
            var body = new JsonObject { ["input"] = new JsonObject { ["datasourceId"] = name } };
            var request = DatasourceRoutes.Sync().WithJson(JsonSerializer.SerializeToUtf8Bytes(body, EmbedAdminJson.Options));
            var root = DataBrainEnvelope.Open(await session.Api.SendAsync(request, context, cancellationToken).ConfigureAwait(false));
            var data = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var d) ? d : root;
            var synced = DataBrainEnvelope.ReadString(data, "syncedAt");
            return new Datasource
            {
                Name = name,
                Message = DataBrainEnvelope.ReadString(data, "message"),
                SyncedAt = System.DateTimeOffset.TryParse(synced, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ? when : session.Clock.UtcNow,
            };
        }
    }
}
