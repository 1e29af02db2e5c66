using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Listing;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.DataBrain.Embeds
{
    /// <summary>DataBrain embed operations over a session's HTTP pipeline.</summary>
    public sealed class EmbedClient
    {
        private readonly EmbedAdminSession session;

        public EmbedClient(EmbedAdminSession session)
        {
            this.session = session;
        }

        private bool Legacy => session.UseLegacyDataBrainPaths;

        public async Task<EmbedAccess> UpdateEmbedAccessAsync(EmbedAccessChange change, RequestContext context, CancellationToken cancellationToken)
        {
            var request = EmbedRoutes.UpdateEmbed(Legacy).WithJson(change.Body.ToUtf8Bytes());
            var root = DataBrainEnvelope.Open(await session.Api.SendAsync(request, context, cancellationToken).ConfigureAwait(false));
            return change.ToEmbedAccess(DataBrainEnvelope.ReadString(root, "id") ?? change.EmbedId);
        }

        /// <summary>The whole export payload ({_meta, data}) of an embed.</summary>
        public async Task<JsonObject> ExportEmbedAsync(string embedId, RequestContext context, CancellationToken cancellationToken)
        {
            var response = await session.Api.SendAsync(EmbedRoutes.ExportEmbed(embedId), context, cancellationToken).ConfigureAwait(false);
            DataBrainEnvelope.Open(response);
            return JsonNode.Parse(response.Body) as JsonObject ?? throw response.Unexpected("the export is not a JSON object");
        }

        /// <summary>
        /// The embed's current access settings. No endpoint reads one embed; the export's
        /// _meta.embedDataAppAccessSetting is the documented way (the new list no longer carries them).
        /// </summary>
        public async Task<JsonObject> ReadAccessSettingsAsync(string embedId, RequestContext context, CancellationToken cancellationToken)
        {
            var export = await ExportEmbedAsync(embedId, context, cancellationToken).ConfigureAwait(false);
            return export["_meta"]?["embedDataAppAccessSetting"] as JsonObject ?? new JsonObject();
        }

        public async Task<Changes.ChangePlan> PlanAccessChangeAsync(EmbedAccessChange change, RequestContext context, CancellationToken cancellationToken) =>
            EmbedAccessPlan.Create(change, await ReadAccessSettingsAsync(change.EmbedId, context, cancellationToken).ConfigureAwait(false));

        /// <summary>Every embed, page by page, keeping those the filter accepts; with access settings if asked.</summary>
        public async Task<IReadOnlyList<Embed>> ListEmbedsAsync(
            Func<Embed, bool> filter,
            bool includeAccess,
            int throttleLimit,
            RequestContext context,
            CancellationToken cancellationToken)
        {
            var all = await DataBrainPaging.ReadAllAsync(
                session,
                page => EmbedRoutes.ListEmbeds(Legacy, page),
                ReadEmbed,
                embed => embed.EmbedId,
                context,
                cancellationToken).ConfigureAwait(false);
            var embeds = all.Where(filter).ToList();

            if (includeAccess)
            {
                using var slots = new SemaphoreSlim(Math.Max(1, throttleLimit));
                await Task.WhenAll(embeds.Where(e => e.Access is null).Select(async embed =>
                {
                    await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        embed.Access = AccessSettings.Read(embed.EmbedId, await ReadAccessSettingsAsync(embed.EmbedId, context, cancellationToken).ConfigureAwait(false));
                    }
                    catch (Errors.EmbedAdminApiException exception)
                    {
                        // One unreadable embed must not cost the whole listing.
                        embed.AccessError = exception.ApiCode + ": " + exception.ApiMessage;
                    }
                    finally
                    {
                        slots.Release();
                    }
                })).ConfigureAwait(false);
            }

            return embeds;
        }

        public async Task<Embed> CreateEmbedAsync(EmbedRequest request, RequestContext context, CancellationToken cancellationToken)
        {
            var root = DataBrainEnvelope.Open(await session.Api.SendAsync(EmbedRoutes.CreateEmbed(Legacy).WithJson(request.ToJsonBytes()), context, cancellationToken).ConfigureAwait(false));
            return request.ToEmbed(DataBrainEnvelope.ReadString(root, "id"));
        }

        public async Task<DashboardEmbed> CreateDashboardEmbedAsync(DashboardEmbedRequest request, RequestContext context, CancellationToken cancellationToken)
        {
            var api = EmbedRoutes.CreateDashboardEmbed(Legacy);
            api = request.ImportFile is null ? api.WithJson(request.ToJsonBytes()) : api.WithContent(request.ToMultipart);
            var root = DataBrainEnvelope.Open(await session.Api.SendAsync(api, context, cancellationToken).ConfigureAwait(false));
            return request.ToDashboardEmbed(DataBrainEnvelope.ReadString(root, "id") ?? request.DashboardId, DataBrainEnvelope.ReadString(root, "name"));
        }

        /// <summary>
        /// Deletes the embed. When an earlier attempt got no answer and the repeat is refused, the lost attempt may
        /// have deleted it: the delete page answers INVALID_REQUEST_BODY for an unknown embed, which a malformed
        /// request also gets, so the export is asked, and EMBED_NOT_FOUND there means the delete is done.
        /// </summary>
        public async Task<string> DeleteEmbedAsync(string embedId, bool deleteDashboard, RequestContext context, CancellationToken cancellationToken)
        {
            try
            {
                var root = DataBrainEnvelope.Open(await session.Api.SendAsync(EmbedRoutes.DeleteEmbed(Legacy, embedId, deleteDashboard), context, cancellationToken).ConfigureAwait(false));
                return DataBrainEnvelope.ReadString(root, "id") ?? embedId;
            }
            catch (EmbedAdminApiException refused) when (refused.EarlierAttemptUnanswered)
            {
                try
                {
                    await ExportEmbedAsync(embedId, context, cancellationToken).ConfigureAwait(false);
                }
                catch (EmbedAdminApiException gone) when (gone.ApiCode == "EMBED_NOT_FOUND")
                {
                    context.ReportAlreadyDeleted("embed '" + embedId + "'");
                    return embedId;
                }

                throw;
            }
        }

        private static Embed ReadEmbed(JsonElement item)
        {
            string? Text(JsonElement element, string name) =>
                element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            JsonElement Child(JsonElement element, string name) =>
                element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;
            DateTimeOffset? When(string? text) =>
                DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ? when : null;

            var metadata = Child(item, "embedMetadata");
            var dashboard = Child(item, "externalDashboard");
            var metric = Child(item, "externalMetric");
            var embedId = Text(item, "embedId") ?? Text(metadata, "embedId") ?? string.Empty;
            var embed = new Embed
            {
                EmbedId = embedId,
                Name = Text(item, "name") ?? Text(metadata, "name"),
                EmbedType = Text(item, "embedType") ?? Text(metadata, "embedType"),
                DashboardId = Text(metadata, "dashboardId") ?? Text(dashboard, "externalDashboardId"),
                DashboardName = Text(dashboard, "name"),
                MetricId = Text(metadata, "metricId") ?? Text(metric, "metricId"),
                MetricName = Text(metric, "name"),
                DataAppName = Text(metadata, "dataAppName"),
                CreatedAt = When(Text(metadata, "createdAt") ?? Text(Child(dashboard, "metadata"), "createdAt")),
                UpdatedAt = When(Text(metadata, "updatedAt") ?? Text(Child(dashboard, "metadata"), "updatedAt")),
            };

            // The legacy list still carried the access settings; when they are there, no export is needed.
            var legacySettings = Child(item, "embedDataAppAccessSetting");
            if (legacySettings.ValueKind == JsonValueKind.Object && JsonNode.Parse(legacySettings.GetRawText()) is JsonObject settings)
            {
                embed.Access = AccessSettings.Read(embedId, settings);
            }

            return embed;
        }
    }
}
