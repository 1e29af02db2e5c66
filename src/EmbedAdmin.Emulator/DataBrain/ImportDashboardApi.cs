using System.Text.Json.Nodes;
using EmbedAdmin.Emulator.Infrastructure;
using EmbedAdmin.Emulator.State;

namespace EmbedAdmin.Emulator.DataBrain;

/// <summary>
/// Import Dashboard (docs.usedatabrain.com api-reference import-dashboard): creates a workspace dashboard from an
/// Export Dashboard / Export Embed payload, optionally repointing schemas. The page does not name the token;
/// it sits with export-dashboard, which "requires a service token", so the service token is required here too.
/// </summary>
internal static class ImportDashboardApi
{
    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal)
    {
        "workspaceName", "importDashboardData", "dashboardId", "dashboardName", "schemaPairs",
    };

    public static void Register(EmulatorRuntime emu) =>
        emu.Map("POST", "/api/v2/data-app/import-dashboard", Db.Route("POST /api/v2/data-app/import-dashboard", Db.ServiceAuth, ImportAsync));

    private static async ValueTask<Reply> ImportAsync(ApiRequest r)
    {
        var (o, bad) = await DataAppsApi.ReadObjectAsync(r, Keys).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad.Value;
        }

        if (!Db.TryNonEmptyString(o!["workspaceName"], out var workspaceName) || !Db.TryNonEmptyString(o["dashboardId"], out var dashboardId))
        {
            return Db.BadBody("workspaceName and dashboardId are required and must be non-empty strings.");
        }

        var dashboardName = dashboardId;
        if (Db.Has(o, "dashboardName", out var nameNode) && !Db.TryNonEmptyString(nameNode, out dashboardName))
        {
            return Db.BadBody("dashboardName must be a non-empty string.");
        }

        // The export's whole answer ({_meta, data}) is what the page passes; a bare data object is tolerated.
        if (o["importDashboardData"] is not JsonObject import)
        {
            return Db.BadBody("importDashboardData is required and must be the object Export Dashboard returned.");
        }

        var data = import["data"] as JsonObject ?? (import.ContainsKey("_meta") ? null : import);
        if (data is null)
        {
            return Db.BadBody("importDashboardData has no data object.");
        }

        if (DashboardEmbedsApi.DashboardDataError(data) is { } dataError)
        {
            return Db.BadBody("importDashboardData: " + dataError);
        }

        var pairs = new List<(string From, string To)>();
        if (Db.Has(o, "schemaPairs", out var pairsNode))
        {
            if (DashboardEmbedsApi.SchemaPairsError(pairsNode) is { } pairsError)
            {
                return Db.BadBody(pairsError);
            }

            pairs.AddRange(((JsonArray)pairsNode!).Select(p => (p!["replaceSchema"]!.GetValue<string>(), p["targetSchema"]!.GetValue<string>())));
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (!store.Workspaces.ContainsKey(workspaceName))
            {
                return Db.Error(400, "INVALID_WORKSPACE_NAME", $"Workspace '{workspaceName}' not found.");
            }

            if (store.Dashboards.ContainsKey(dashboardId) || store.EmbedsById.ContainsKey(dashboardId))
            {
                return Db.Error(400, "INVALID_DASHBOARD_ID", $"Dashboard already exists: '{dashboardId}'.");
            }

            var copy = (JsonObject)data.DeepClone();
            foreach (var (from, to) in pairs)
            {
                Repoint(copy, from, to);
            }

            var dashboard = new DashboardRecord { DashboardId = dashboardId, Name = dashboardName, WorkspaceName = workspaceName, Data = copy };
            store.Dashboards[dashboardId] = dashboard;
            store.Doc.DataBrain.Dashboards.Add(dashboard);
            store.Changed(Kinds.Dashboard, dashboardId, dashboard);
            store.Touch();

            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteStartObject("data");
            w.WriteStartObject("response");
            w.WriteString("message", "Dashboard imported successfully");
            w.WriteString("dashboardId", dashboardId);
            w.WriteString("dashboardName", dashboardName);
            w.WriteString("workspaceName", workspaceName);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
            return JsonOut.Reply(200, w, mutated: true);
        }
    }

    /// <summary>A schema named in the dashboard: a "schemaName"/"schema" value, or the "schema." prefix of a column or table reference.</summary>
    private static void Repoint(JsonNode node, string from, string to)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    if (child is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        if ((key == "schemaName" || key == "schema") && text == from)
                        {
                            obj[key] = to;
                        }
                        else if (text.StartsWith(from + ".", StringComparison.Ordinal))
                        {
                            obj[key] = to + text[from.Length..];
                        }
                    }
                    else if (child is not null)
                    {
                        Repoint(child, from, to);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Repoint(item, from, to);
                    }
                }

                break;
        }
    }
}
