using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Emulator.Infrastructure;
using EmbedAdmin.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace EmbedAdmin.Emulator.DataBrain;

/// <summary>
/// Create a per-client dashboard embed (docs.usedatabrain.com/api-reference/create-dashboard-embed): POST /api/v2/data-app/dashboard-embeds and the legacy
/// /api/v2/dataApp/dashboard-embeds, as application/json or multipart/form-data.
/// </summary>
internal static class DashboardEmbedsApi
{
    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal)
    {
        "dashboardId", "workspaceName", "clientId", "templateDashboardId", "metadata", "isAllowPrivateMetricsByDefault",
        "name", "embedDescription", "isImportMetrics", "importDashboardData", "isRenameDashboard", "metricImportMode",
        "schemaPairs", "accessSettings",
    };

    // Multipart carries these as text; the page says object/boolean fields "can be sent as JSON strings".
    private static readonly HashSet<string> JsonTextFields = new(StringComparer.Ordinal)
    {
        "accessSettings", "metadata", "importDashboardData", "schemaPairs",
        "isAllowPrivateMetricsByDefault", "isImportMetrics", "isRenameDashboard",
    };

    private static readonly string[] BoolFields = { "isAllowPrivateMetricsByDefault", "isImportMetrics", "isRenameDashboard" };

    public static void Register(EmulatorRuntime emu)
    {
        emu.Map("POST", "/api/v2/data-app/dashboard-embeds", Db.Route("POST /api/v2/data-app/dashboard-embeds", Db.DataAppAuth, r => CreateAsync(r, legacy: false)));
        emu.Map("POST", "/api/v2/dataApp/dashboard-embeds", Db.Route("POST /api/v2/dataApp/dashboard-embeds", Db.DataAppAuth, r => CreateAsync(r, legacy: true)));
    }

    private static async ValueTask<Reply> CreateAsync(ApiRequest r, bool legacy)
    {
        JsonObject o;
        JsonObject? fileData = null;
        var contentType = r.Http.Request.ContentType;
        if (contentType is not null && contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var (form, fileDataFromForm, error) = await ReadMultipartAsync(r.Http).ConfigureAwait(false);
            if (error is not null)
            {
                return error.Value;
            }

            o = form!;
            fileData = fileDataFromForm;
        }
        else
        {
            var body = await r.ReadJsonAsync().ConfigureAwait(false);
            if (body.Malformed)
            {
                return Db.BadBody(body.Problem!);
            }

            if (body.Object is not { } jo)
            {
                return Db.BadBody("Request body validation failed: a JSON object or multipart/form-data is required.");
            }

            o = jo;
        }

        if (Db.UnknownKey(o, Keys) is { } unknown)
        {
            return Db.BadBody($"Request body validation failed: unknown field '{unknown}'.");
        }

        if (!Db.TryNonEmptyString(o["dashboardId"], out var dashboardId))
        {
            return Db.BadBody("Request body validation failed: dashboardId is required.");
        }

        if (!o.TryGetPropertyValue("workspaceName", out var wsNode) || wsNode is null)
        {
            return Db.BadBody("Request body validation failed: workspaceName is required.");
        }

        if (!Db.TryNonEmptyString(wsNode, out var workspaceName))
        {
            return Db.Error(400, "WORKSPACE_ID_ERROR", "Invalid workspace name.");
        }

        if (!o.TryGetPropertyValue("clientId", out var clientNode) || clientNode is null)
        {
            return Db.BadBody("Request body validation failed: clientId is required.");
        }

        if (!Db.TryNonEmptyString(clientNode, out var clientId))
        {
            return Db.Error(400, "CLIENT_ID_ERROR", "Invalid client id.");
        }

        string? template = null;
        if (Db.Has(o, "templateDashboardId", out var tNode))
        {
            if (!Db.TryNonEmptyString(tNode, out var t))
            {
                return Db.Error(400, "TEMPLATE_DASHBOARD_ERROR", "Invalid template dashboard id.");
            }

            template = t;
        }

        var flags = new bool[BoolFields.Length];
        for (var i = 0; i < BoolFields.Length; i++)
        {
            if (Db.Has(o, BoolFields[i], out var b) && !Db.TryBool(b, out flags[i]))
            {
                return Db.BadBody($"Request body validation failed: {BoolFields[i]} must be a boolean.");
            }
        }

        var (allowPrivate, importMetrics, rename) = (flags[0], flags[1], flags[2]);
        if (Db.Has(o, "metadata", out var metaNode) && metaNode is not JsonObject)
        {
            return Db.BadBody("Request body validation failed: metadata must be an object.");
        }

        string? name = null;
        if (Db.Has(o, "name", out var nameNode))
        {
            if (!Db.TryNonEmptyString(nameNode, out var n))
            {
                return Db.BadBody("Request body validation failed: name must be a non-empty string.");
            }

            name = n;
        }

        string? description = null;
        if (Db.Has(o, "embedDescription", out var descNode))
        {
            if (!Db.TryString(descNode, out var d))
            {
                return Db.BadBody("Request body validation failed: embedDescription must be a string.");
            }

            description = d;
        }

        string? importMode = null;
        if (Db.Has(o, "metricImportMode", out var modeNode))
        {
            if (!Db.TryString(modeNode, out var m) || (m != "GALLERY" && m != "METRIC"))
            {
                return Db.BadBody("Request body validation failed: metricImportMode must be \"GALLERY\" or \"METRIC\".");
            }

            importMode = m;
        }

        if (Db.Has(o, "schemaPairs", out var pairsNode) && SchemaPairsError(pairsNode) is { } pairsError)
        {
            return Db.BadBody("Request body validation failed: " + pairsError);
        }

        // "If both importDashboardData and importDashboardDataFile are provided, importDashboardDataFile takes precedence."
        JsonObject? importData = fileData;
        if (importData is null && Db.Has(o, "importDashboardData", out var importNode))
        {
            if (importNode is not JsonObject io)
            {
                return Db.BadBody("Request body validation failed: importDashboardData must be an object.");
            }

            importData = io;
        }

        if (importData is not null && DashboardDataError(importData) is { } dataError)
        {
            return Db.Error(400, "DASHBOARD_CREATE_ERROR", "Failed to create client dashboard: " + dataError);
        }

        if (o["accessSettings"] is not JsonObject settings)
        {
            return Db.BadBody("Request body validation failed: accessSettings is required and must be an object.");
        }

        if (AccessPatch.Parse(settings, out var patch) is { } invalid)
        {
            return Db.BadBody("Request body validation failed: " + invalid);
        }

        if (patch.MissingRequired() is { } missing)
        {
            return Db.BadBody($"Request body validation failed: {missing} is required.");
        }

        if (patch.JoinConflict())
        {
            return Db.BadBody("Request body validation failed: joinModel conflicts with isIncrementalJoin.");
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (!store.Workspaces.ContainsKey(workspaceName))
            {
                return Db.Error(400, "WORKSPACE_ID_ERROR", $"Invalid workspace name '{workspaceName}'.");
            }

            // Unique within the data app; dashboard ids are one namespace in this emulator, which is stricter.
            if (store.Dashboards.ContainsKey(dashboardId) || store.EmbedsById.ContainsKey(dashboardId))
            {
                return Db.Error(400, "INVALID_DASHBOARD_ID", $"Dashboard already exists: '{dashboardId}'.");
            }

            DashboardRecord? templateDashboard = null;
            if (template is not null && !store.Dashboards.TryGetValue(template, out templateDashboard))
            {
                return Db.Error(400, "TEMPLATE_DASHBOARD_ERROR", $"Invalid template dashboard id '{template}'.");
            }

            if (!store.Datamarts.TryGetValue(patch.DatamartName!, out var datamart))
            {
                return Db.BadBody($"Request body validation failed: datamart '{patch.DatamartName}' not found.");
            }

            if (patch.TableTenancy is { Count: > 0 } tables && Db.CheckTablesInDatamart(tables, datamart) is { } tableError)
            {
                return Db.BadBody("Request body validation failed: " + tableError);
            }

            JsonObject data;
            if (importData is not null)
            {
                // Hydrated from the import; template-based metric import is skipped, as the page says.
                data = (JsonObject)importData.DeepClone();
            }
            else if (templateDashboard is not null)
            {
                data = new JsonObject
                {
                    ["layout"] = templateDashboard.Data["layout"]?.DeepClone() ?? new JsonArray(),
                    ["filters"] = templateDashboard.Data["filters"]?.DeepClone() ?? new JsonArray(),
                    ["gridMargins"] = templateDashboard.Data["gridMargins"]?.DeepClone(),
                    ["metrics"] = importMetrics ? templateDashboard.Data["metrics"]?.DeepClone() ?? new JsonArray() : new JsonArray(),
                };
                if (importMetrics)
                {
                    data["metricImportMode"] = importMode ?? "GALLERY";
                }
            }
            else
            {
                data = new JsonObject { ["layout"] = new JsonArray(), ["filters"] = new JsonArray(), ["metrics"] = new JsonArray() };
            }

            var now = store.Now();
            var dashboard = new DashboardRecord
            {
                DashboardId = dashboardId,
                Name = rename && name is not null ? name : dashboardId + "_" + clientId,
                WorkspaceName = workspaceName,
                DataAppName = r.DataApp,
                ClientId = clientId,
                Metadata = o["metadata"]?.DeepClone() as JsonObject,
                Data = data,
            };
            store.Dashboards[dashboardId] = dashboard;
            store.Doc.DataBrain.Dashboards.Add(dashboard);
            store.Changed(Kinds.Dashboard, dashboardId, dashboard);

            var embed = new EmbedRecord
            {
                EmbedId = dashboardId,
                Sequence = store.NextSequence(),
                DataAppName = r.DataApp,
                Name = name ?? dashboardId,
                EmbedType = "dashboard",
                DashboardId = dashboardId,
                WorkspaceName = workspaceName,
                ClientId = clientId,
                EmbedDescription = description,
                IsAllowPrivateMetricsByDefault = allowPrivate,
                CreatedAt = now,
                UpdatedAt = now,
            };
            patch.ApplyTo(embed.AccessSettings);
            store.AddEmbed(embed);
            store.Touch();

            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteString("id", dashboardId);
            w.WriteNull("error");

            // "Returned by the new endpoint; the legacy endpoint returns only id and error."
            if (!legacy)
            {
                w.WriteString("name", embed.Name);
            }

            w.WriteEndObject();
            return JsonOut.Reply(200, w, mutated: true);
        }
    }

    /// <summary>Turns a multipart form into the JSON body it stands for, parsing JSON-string fields.</summary>
    private static async Task<(JsonObject? Body, JsonObject? FileData, Reply? Error)> ReadMultipartAsync(HttpContext http)
    {
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, null, Db.BadBody("Request body validation failed: unreadable multipart body: " + ex.Message));
        }

        var o = new JsonObject();
        foreach (var (key, values) in form)
        {
            var text = values.ToString();
            if (!JsonTextFields.Contains(key))
            {
                o[key] = text;
                continue;
            }

            try
            {
                o[key] = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON: keep the raw text so the type check reports the field by name.
                o[key] = text;
            }
        }

        JsonObject? fileData = null;
        foreach (var file in form.Files)
        {
            if (file.Name != "importDashboardDataFile")
            {
                return (null, null, Db.BadBody($"Request body validation failed: unexpected file field '{file.Name}'."));
            }

            var media = file.ContentType?.Split(';')[0].Trim();
            if (!string.Equals(media, "application/json", StringComparison.OrdinalIgnoreCase))
            {
                return (null, null, Db.Error(400, "INVALID_DASHBOARD_DATA", "Uploaded file must have MIME type application/json."));
            }

            JsonNode? parsed;
            try
            {
                await using var stream = file.OpenReadStream();
                parsed = await JsonNode.ParseAsync(stream, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return (null, null, Db.Error(400, "INVALID_DASHBOARD_DATA", "Uploaded file is not valid JSON."));
            }

            if (parsed?["data"] is not JsonObject data)
            {
                return (null, null, Db.Error(400, "INVALID_DASHBOARD_DATA", "Uploaded JSON missing data."));
            }

            fileData = data;
        }

        return (o, fileData, null);
    }

    internal static string? SchemaPairsError(JsonNode? node)
    {
        if (node is not JsonArray pairs)
        {
            return "schemaPairs must be an array.";
        }

        foreach (var p in pairs)
        {
            if (p is not JsonObject po || !Db.TryNonEmptyString(po["replaceSchema"], out _) || !Db.TryNonEmptyString(po["targetSchema"], out _) || po.Count != 2)
            {
                return "each schemaPairs item needs exactly replaceSchema and targetSchema strings.";
            }
        }

        return null;
    }

    /// <summary>An import must look like an export's data object; anything else cannot hydrate a dashboard.</summary>
    internal static string? DashboardDataError(JsonObject data)
    {
        foreach (var key in new[] { "layout", "filters", "metrics" })
        {
            if (data[key] is { } v && v is not JsonArray)
            {
                return $"data.{key} must be an array.";
            }
        }

        if (data["metrics"] is JsonArray metrics)
        {
            foreach (var m in metrics)
            {
                if (m is not JsonObject mo || !Db.TryNonEmptyString(mo["metricId"], out _))
                {
                    return "every data.metrics item needs a metricId.";
                }
            }
        }

        return null;
    }
}
