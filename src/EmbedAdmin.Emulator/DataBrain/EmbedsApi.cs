using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Emulator.Infrastructure;
using EmbedAdmin.Emulator.State;

namespace EmbedAdmin.Emulator.DataBrain;

/// <summary>Embeds: create, update, list, delete, export on the kebab-case and the legacy paths.</summary>
internal static class EmbedsApi
{
    private static readonly HashSet<string> UpdateKeys = new(StringComparer.Ordinal) { "embedId", "accessSettings" };
    private static readonly HashSet<string> CreateKeys = new(StringComparer.Ordinal) { "dashboardId", "embedType", "metricId", "workspaceName", "name", "accessSettings" };
    private static readonly HashSet<string> ListKeys = new(StringComparer.Ordinal) { "isPagination", "pageNumber" };
    private static readonly HashSet<string> DeleteKeys = new(StringComparer.Ordinal) { "embedId", "isDeleteDashboard" };

    public static void Register(EmulatorRuntime emu)
    {
        var update = Db.Route("PUT /api/v2/data-app/embeds", Db.UpdateEmbedAuth, UpdateAsync);
        emu.Map("PUT", "/api/v2/data-app/embeds", update);
        emu.Map("POST", "/api/v2/dataApp/embed/update", Db.Route("POST /api/v2/dataApp/embed/update", Db.UpdateEmbedAuth, UpdateAsync));

        // The delete page's examples also POST to the kebab-case URL with ?embedId=; that URL is also
        // create, so a POST carrying embedId in the query string is read as a delete.
        emu.Map("POST", "/api/v2/data-app/embeds", Db.Route("POST /api/v2/data-app/embeds", Db.DataAppAuth, r => r.Query("embedId") is not null ? DeleteAsync(r, legacy: false) : CreateAsync(r)));
        emu.Map("POST", "/api/v2/dataApp/embed/create", Db.Route("POST /api/v2/dataApp/embed/create", Db.DataAppAuth, CreateAsync));

        // The legacy create page also names /api/v2/dataApp/embeds.
        emu.Map("POST", "/api/v2/dataApp/embeds", Db.Route("POST /api/v2/dataApp/embeds", Db.DataAppAuth, CreateAsync));
        emu.Map("GET", "/api/v2/data-app/embeds", Db.Route("GET /api/v2/data-app/embeds", Db.DataAppAuth, ListNew));
        emu.Map("POST", "/api/v2/dataApp/embed/list", Db.Route("POST /api/v2/dataApp/embed/list", Db.DataAppAuth, ListLegacyAsync));
        emu.Map("DELETE", "/api/v2/data-app/embeds", Db.Route("DELETE /api/v2/data-app/embeds", Db.DataAppAuth, r => DeleteAsync(r, legacy: false)));
        emu.Map("POST", "/api/v2/dataApp/embed/delete", Db.Route("POST /api/v2/dataApp/embed/delete", Db.DataAppAuth, r => DeleteAsync(r, legacy: true)));
        emu.Map("GET", "/api/v2/data-app/embeds/export", Db.Route("GET /api/v2/data-app/embeds/export", Db.DataAppAuth, Export));
    }

    /// <summary>
    /// Update an Embed (docs.usedatabrain.com/api-reference/update-embed). Check order: body shape, accessSettings types and enums
    /// (INVALID_ACCESS_SETTINGS), embed exists (EMBED_NOT_FOUND), embed belongs to the caller's data app
    /// (INSUFFICIENT_PERMISSIONS), its workspace exists (INVALID_WORKSPACE_NAME), the datamart exists
    /// (INVALID_DATAMART), the request is self-consistent (CONFLICTING_UPDATE), then a merge.
    /// </summary>
    private static async ValueTask<Reply> UpdateAsync(ApiRequest r)
    {
        var body = await r.ReadJsonAsync().ConfigureAwait(false);
        if (body.Malformed)
        {
            return Db.BadBody(body.Problem!);
        }

        // The update page lists no body-level 400 code of its own; INVALID_REQUEST_BODY is what every
        // sibling page uses for a malformed body or a missing required field.
        if (body.Object is not { } o)
        {
            return Db.BadBody("Request body must be a JSON object with embedId and accessSettings.");
        }

        if (Db.UnknownKey(o, UpdateKeys) is { } unknown)
        {
            return Db.BadBody($"Unknown field '{unknown}'.");
        }

        if (!Db.TryNonEmptyString(o["embedId"], out var embedId))
        {
            return Db.BadBody("embedId is required and must be a string.");
        }

        if (o["accessSettings"] is not JsonObject settings)
        {
            return Db.Error(400, "INVALID_ACCESS_SETTINGS", "accessSettings is required and must be an object.");
        }

        if (AccessPatch.Parse(settings, out var patch) is { } invalid)
        {
            return Db.Error(400, "INVALID_ACCESS_SETTINGS", invalid);
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (!store.EmbedsById.TryGetValue(embedId, out var embed))
            {
                return Db.Error(404, "EMBED_NOT_FOUND", $"Embed configuration '{embedId}' not found.");
            }

            if (embed.DataAppName != r.DataApp)
            {
                return Db.Error(403, "INSUFFICIENT_PERMISSIONS", $"You don't have permission to update embed configuration '{embedId}'.");
            }

            if (embed.WorkspaceName is not null && !store.Workspaces.ContainsKey(embed.WorkspaceName))
            {
                return Db.Error(404, "INVALID_WORKSPACE_NAME", $"Workspace '{embed.WorkspaceName}' of embed '{embedId}' not found.");
            }

            var datamartName = patch.DatamartName ?? embed.AccessSettings.DatamartName;
            DatamartRecord? datamart = null;
            if (patch.DatamartName is not null && !store.Datamarts.TryGetValue(patch.DatamartName, out datamart))
            {
                return Db.Error(404, "INVALID_DATAMART", $"Datamart '{patch.DatamartName}' not found.");
            }

            if (patch.JoinConflict())
            {
                return Db.Error(409, "CONFLICTING_UPDATE", $"joinModel \"{patch.JoinModel}\" conflicts with isIncrementalJoin {(patch.IsIncrementalJoin == true ? "true" : "false")}.");
            }

            if (patch.TableTenancy is { Count: > 0 } tables)
            {
                if (datamart is null && (datamartName is null || !store.Datamarts.TryGetValue(datamartName, out datamart)))
                {
                    return Db.Error(404, "INVALID_DATAMART", $"Embed '{embedId}' has no valid datamart to check tableTenancySettings against.");
                }

                if (Db.CheckTablesInDatamart(tables, datamart) is { } tableError)
                {
                    return Db.Error(400, "INVALID_ACCESS_SETTINGS", tableError);
                }
            }

            patch.ApplyTo(embed.AccessSettings);
            embed.UpdatedAt = store.Now();
            store.Changed(Kinds.Embed, embed.EmbedId, embed);
            store.Touch();
            return IdReply(embedId, mutated: true);
        }
    }

    /// <summary>
    /// Create (embed a pre-built dashboard or metric). Status codes follow the newest (Mintlify) page where
    /// generations disagree: INVALID_WORKSPACE_NAME and "dashboard or metric not found" are 404 there,
    /// 400 in the legacy page.
    /// </summary>
    private static async ValueTask<Reply> CreateAsync(ApiRequest r)
    {
        var body = await r.ReadJsonAsync().ConfigureAwait(false);
        if (body.Malformed)
        {
            return Db.BadBody(body.Problem!);
        }

        if (body.Object is not { } o)
        {
            return Db.BadBody("Request body must be a JSON object.");
        }

        if (Db.UnknownKey(o, CreateKeys) is { } unknown)
        {
            return Db.BadBody($"Unknown field '{unknown}'.");
        }

        if (!Db.TryString(o["embedType"], out var embedType) || (embedType != "dashboard" && embedType != "metric"))
        {
            return Db.BadBody("embedType is required and must be \"dashboard\" or \"metric\".");
        }

        if (!Db.TryNonEmptyString(o["dashboardId"], out var dashboardId))
        {
            return Db.BadBody("dashboardId is required.");
        }

        string? metricId = null;
        if (Db.Has(o, "metricId", out var metricNode))
        {
            if (!Db.TryNonEmptyString(metricNode, out var m))
            {
                return Db.Error(400, "INVALID_METRIC_ID", "metricId must be a non-empty string.");
            }

            metricId = m;
        }

        if (embedType == "metric" && metricId is null)
        {
            return Db.Error(400, "INVALID_METRIC_ID", "metricId is required when embedType is \"metric\".");
        }

        string? workspaceName = null;
        if (Db.Has(o, "workspaceName", out var wsNode))
        {
            if (!Db.TryNonEmptyString(wsNode, out var ws))
            {
                return Db.BadBody("workspaceName must be a non-empty string.");
            }

            workspaceName = ws;
        }

        string? name = null;
        if (Db.Has(o, "name", out var nameNode))
        {
            if (!Db.TryNonEmptyString(nameNode, out var n))
            {
                return Db.BadBody("name must be a non-empty string.");
            }

            name = n;
        }

        if (o["accessSettings"] is not JsonObject settings)
        {
            return Db.BadBody("accessSettings is required and must be an object.");
        }

        if (AccessPatch.Parse(settings, out var patch) is { } invalid)
        {
            return Db.BadBody(invalid);
        }

        if (patch.JoinConflict())
        {
            return Db.BadBody("accessSettings.joinModel conflicts with accessSettings.isIncrementalJoin.");
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (workspaceName is not null && !store.Workspaces.ContainsKey(workspaceName))
            {
                return Db.Error(404, "INVALID_WORKSPACE_NAME", $"Workspace '{workspaceName}' not found.");
            }

            if (!store.Dashboards.TryGetValue(dashboardId, out var dashboard)
                || (workspaceName is not null && dashboard.WorkspaceName != workspaceName)
                || (dashboard.DataAppName is not null && dashboard.DataAppName != r.DataApp))
            {
                return Db.Error(404, "INVALID_DASHBOARD_ID", $"Dashboard '{dashboardId}' not found{(workspaceName is null ? "" : " in workspace '" + workspaceName + "'")}.");
            }

            if (metricId is not null && FindMetric(dashboard, metricId) is null)
            {
                return Db.Error(404, "INVALID_METRIC_ID", $"Metric '{metricId}' not found on dashboard '{dashboardId}'.");
            }

            if (patch.DatamartName is null || !store.Datamarts.TryGetValue(patch.DatamartName, out var datamart))
            {
                return Db.Error(400, "INVALID_DATAMART", patch.DatamartName is null ? "accessSettings.datamartName is required." : $"Datamart '{patch.DatamartName}' not found.");
            }

            if (patch.TableTenancy is { Count: > 0 } tables && Db.CheckTablesInDatamart(tables, datamart) is { } tableError)
            {
                return Db.Error(400, "DATAMART_TABLE_NOT_FOUND", tableError);
            }

            var sequence = store.NextSequence();
            var embedId = "embed_" + sequence.ToString("D6", CultureInfo.InvariantCulture);
            while (store.EmbedsById.ContainsKey(embedId))
            {
                sequence = store.NextSequence();
                embedId = "embed_" + sequence.ToString("D6", CultureInfo.InvariantCulture);
            }

            var now = store.Now();
            var embed = new EmbedRecord
            {
                EmbedId = embedId,
                Sequence = sequence,
                DataAppName = r.DataApp,
                Name = name ?? embedId,
                EmbedType = embedType,
                DashboardId = dashboardId,
                MetricId = metricId,
                WorkspaceName = workspaceName ?? dashboard.WorkspaceName,
                CreatedAt = now,
                UpdatedAt = now,
            };
            patch.ApplyTo(embed.AccessSettings);
            store.AddEmbed(embed);
            store.Touch();
            return IdReply(embedId, mutated: true);
        }
    }

    private static ValueTask<Reply> ListNew(ApiRequest r)
    {
        if (Db.ParseQueryPaging(r, out var paged, out var page) is { } error)
        {
            return ValueTask.FromResult(Db.BadBody(error));
        }

        return ValueTask.FromResult(List(r, paged, page, legacy: false));
    }

    private static async ValueTask<Reply> ListLegacyAsync(ApiRequest r)
    {
        var body = await r.ReadJsonAsync().ConfigureAwait(false);
        if (body.Malformed)
        {
            return Db.BadBody(body.Problem!);
        }

        var o = body.Object;
        if (body.Node is not null && o is null)
        {
            return Db.BadBody("Request body must be a JSON object.");
        }

        if (o is not null && Db.UnknownKey(o, ListKeys) is { } unknown)
        {
            return Db.BadBody($"Unknown field '{unknown}'.");
        }

        if (Db.ParsePaging(o?["isPagination"], o?["pageNumber"], out var paged, out var page) is { } error)
        {
            return Db.BadBody(error);
        }

        return List(r, paged, page, legacy: true);
    }

    /// <summary>10 per page in creation order; the legacy list also carried embedDataAppAccessSetting.</summary>
    private static Reply List(ApiRequest r, bool paged, int page, bool legacy)
    {
        var store = r.Store;
        lock (store.Gate)
        {
            var list = store.AppList(r.DataApp);
            var (start, end) = Db.PageRange(list.Count, paged, page);
            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteStartArray("data");
            for (var i = start; i < end; i++)
            {
                WriteListItem(w, store, list[i], legacy);
            }

            w.WriteEndArray();
            w.WriteNull("error");
            w.WriteEndObject();
            return JsonOut.Reply(200, w);
        }
    }

    private static async ValueTask<Reply> DeleteAsync(ApiRequest r, bool legacy)
    {
        string? embedId;
        string? deleteDashboard;
        if (legacy)
        {
            var body = await r.ReadJsonAsync().ConfigureAwait(false);
            if (body.Malformed)
            {
                return Db.BadBody(body.Problem!);
            }

            var o = body.Object;
            if (o is not null && Db.UnknownKey(o, DeleteKeys) is { } unknown)
            {
                return Db.BadBody($"Unknown field '{unknown}'.");
            }

            embedId = o is not null && Db.TryNonEmptyString(o["embedId"], out var e) ? e : null;
            deleteDashboard = null;
            if (o is not null && Db.Has(o, "isDeleteDashboard", out var dd))
            {
                deleteDashboard = Db.TryBool(dd, out var b) ? (b ? "true" : "false") : Db.TryString(dd, out var s) ? s : "?";
            }
        }
        else
        {
            embedId = r.Query("embedId");
            deleteDashboard = r.Query("isDeleteDashboard");
        }

        if (string.IsNullOrWhiteSpace(embedId))
        {
            return Db.BadBody("embedId is required.");
        }

        if (deleteDashboard is not null && deleteDashboard != "true" && deleteDashboard != "false")
        {
            return Db.BadBody("isDeleteDashboard must be \"true\" or \"false\".");
        }

        var store = r.Store;
        lock (store.Gate)
        {
            // The delete page documents INVALID_REQUEST_BODY (400) for an embed that cannot be found; an
            // embed of another data app is not visible to this key, so it gets the same answer.
            if (!store.EmbedsById.TryGetValue(embedId, out var embed) || embed.DataAppName != r.DataApp)
            {
                return Db.BadBody($"Embed '{embedId}' not found.");
            }

            store.RemoveEmbed(embed);

            // "Deleting an embed invalidates any associated guest tokens."
            foreach (var token in store.Doc.DataBrain.GuestTokens.Where(t => t.AllowedEmbeds.Contains(embedId)).ToList())
            {
                store.Doc.DataBrain.GuestTokens.Remove(token);
                store.Changed(Kinds.GuestToken, token.Token, null);
            }

            if (deleteDashboard == "true" && embed.DashboardId is not null && store.Dashboards.Remove(embed.DashboardId, out var dashboard))
            {
                store.Doc.DataBrain.Dashboards.Remove(dashboard);
                store.Changed(Kinds.Dashboard, dashboard.DashboardId, null);
            }

            store.Touch();
            return IdReply(embedId, mutated: true);
        }
    }

    /// <summary>
    /// Export: the page documents _meta.embedDataAppAccessSetting with ten fields; this emulator returns the
    /// whole setting (adding datamartName, isAllowAiPilot, joinModel, tableTenancySettings) because export is
    /// the only documented way to read an embed's current settings back.
    /// </summary>
    private static ValueTask<Reply> Export(ApiRequest r)
    {
        var embedId = r.Query("embedId");
        if (string.IsNullOrWhiteSpace(embedId))
        {
            return ValueTask.FromResult(Db.BadBody("embedId query parameter is required."));
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (!store.EmbedsById.TryGetValue(embedId, out var embed))
            {
                return ValueTask.FromResult(Db.Error(404, "EMBED_NOT_FOUND", $"Embed configuration '{embedId}' not found."));
            }

            if (embed.DataAppName != r.DataApp)
            {
                return ValueTask.FromResult(Db.Error(403, "INSUFFICIENT_PERMISSIONS", $"You don't have permission to export embed configuration '{embedId}'."));
            }

            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteStartObject("_meta");
            w.WriteString("exportedAt", store.Now());
            w.WriteString("embedId", embed.EmbedId);
            w.WriteString("name", embed.Name);
            w.WriteString("embedType", embed.EmbedType);
            WriteNullable(w, "dashboardId", embed.DashboardId);
            if (embed.MetricId is not null)
            {
                w.WriteString("metricId", embed.MetricId);
            }

            w.WritePropertyName("embedDataAppAccessSetting");
            WriteAccessSettings(w, embed.AccessSettings);
            w.WriteEndObject();
            w.WritePropertyName("data");
            if (embed.DashboardId is not null && store.Dashboards.TryGetValue(embed.DashboardId, out var dashboard))
            {
                dashboard.Data.WriteTo(w);
            }
            else
            {
                w.WriteStartObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            return ValueTask.FromResult(JsonOut.Reply(200, w));
        }
    }

    internal static Reply IdReply(string id, bool mutated)
    {
        var w = JsonOut.Begin();
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteNull("error");
        w.WriteEndObject();
        return JsonOut.Reply(200, w, mutated);
    }

    internal static JsonObject? FindMetric(DashboardRecord dashboard, string metricId)
    {
        if (dashboard.Data["metrics"] is JsonArray metrics)
        {
            foreach (var m in metrics)
            {
                if (m is JsonObject mo && Db.TryString(mo["metricId"], out var id) && id == metricId)
                {
                    return mo;
                }
            }
        }

        return null;
    }

    internal static void WriteAccessSettings(Utf8JsonWriter w, AccessSettingsRecord a)
    {
        w.WriteStartObject();
        WriteNullable(w, "datamartName", a.DatamartName);
        w.WriteBoolean("isAllowAiPilot", a.IsAllowAiPilot);
        w.WriteBoolean("isAllowEmailReports", a.IsAllowEmailReports);
        w.WriteBoolean("isAllowManageMetrics", a.IsAllowManageMetrics);
        w.WriteBoolean("isAllowCreateDashboardView", a.IsAllowCreateDashboardView);
        w.WriteBoolean("isAllowMetricCreation", a.IsAllowMetricCreation);
        w.WriteBoolean("isAllowMetricDeletion", a.IsAllowMetricDeletion);
        w.WriteBoolean("isAllowMetricLayoutChange", a.IsAllowMetricLayoutChange);
        w.WriteBoolean("isAllowMetricUpdate", a.IsAllowMetricUpdate);
        w.WriteBoolean("isAllowUnderlyingData", a.IsAllowUnderlyingData);
        w.WriteString("metricCreationMode", a.MetricCreationMode);
        WriteNullable(w, "joinModel", a.JoinModel);
        w.WriteBoolean("isIncrementalJoin", a.IsIncrementalJoin);
        w.WritePropertyName("tableTenancySettings");
        if (a.TableTenancySettings is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStartArray();
            foreach (var t in a.TableTenancySettings)
            {
                w.WriteStartObject();
                w.WriteString("name", t.Name);
                w.WriteString("clientColumn", t.ClientColumn);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    internal static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteListItem(Utf8JsonWriter w, Store store, EmbedRecord e, bool legacy)
    {
        store.Dashboards.TryGetValue(e.DashboardId ?? "", out var dashboard);
        w.WriteStartObject();
        w.WriteString("embedId", e.EmbedId);
        w.WriteString("embedType", e.EmbedType);
        w.WriteString("name", e.Name);
        w.WritePropertyName("externalDashboard");
        if (e.DashboardId is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStartObject();
            w.WriteString("externalDashboardId", e.DashboardId);
            w.WriteStartObject("metadata");
            w.WriteString("createdAt", e.CreatedAt);
            w.WriteString("updatedAt", e.UpdatedAt);
            w.WriteEndObject();
            WriteNullable(w, "name", dashboard?.Name);
            w.WriteEndObject();
        }

        w.WritePropertyName("externalMetric");
        if (e.MetricId is null)
        {
            w.WriteNullValue();
        }
        else
        {
            w.WriteStartObject();
            w.WriteString("metricId", e.MetricId);
            string? metricName = null;
            if (dashboard is not null && FindMetric(dashboard, e.MetricId) is { } metric && Db.TryString(metric["name"], out var mn))
            {
                metricName = mn;
            }

            WriteNullable(w, "name", metricName);
            w.WriteEndObject();
        }

        w.WriteStartObject("embedMetadata");
        w.WriteString("embedId", e.EmbedId);
        w.WriteString("name", e.Name);
        w.WriteString("embedType", e.EmbedType);
        w.WriteString("dataAppName", e.DataAppName);
        WriteNullable(w, "metricId", e.MetricId);
        WriteNullable(w, "dashboardId", e.DashboardId);
        w.WriteString("createdAt", e.CreatedAt);
        w.WriteString("updatedAt", e.UpdatedAt);
        w.WriteEndObject();
        if (legacy)
        {
            w.WritePropertyName("embedDataAppAccessSetting");
            WriteAccessSettings(w, e.AccessSettings);
        }

        w.WriteEndObject();
    }
}
