using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Emulator.Infrastructure;
using EmbedAdmin.Emulator.State;

namespace EmbedAdmin.Emulator.DataBrain;

/// <summary>
/// Guest tokens (docs.usedatabrain.com/developer-docs/token): POST /api/v2/guest-token/create with dataAppName, and the v1 route with
/// workspaceName instead. Error bodies follow the token pages' examples, which carry no status member.
/// </summary>
internal static class GuestTokenApi
{
    private static readonly HashSet<string> V2Keys = new(StringComparer.Ordinal) { "clientId", "dataAppName", "params", "permissions", "expiryTime", "datasourceName" };
    private static readonly HashSet<string> V1Keys = new(StringComparer.Ordinal) { "clientId", "workspaceName", "params", "permissions", "expiryTime", "datasourceName" };
    private static readonly HashSet<string> ParamKeys = new(StringComparer.Ordinal)
    {
        "allowedEmbeds", "dashboardAppFilters", "appFilters", "rlsSettings", "hideDashboardFilters", "userIdentifier", "timezone", "dashboard",
    };

    public static void Register(EmulatorRuntime emu)
    {
        emu.Map("POST", "/api/v2/guest-token/create", Db.Route("POST /api/v2/guest-token/create", Db.GuestTokenAuth, r => CreateAsync(r, v1: false)));
        emu.Map("POST", "/api/v1/guest-token/create", Db.Route("POST /api/v1/guest-token/create", Db.GuestTokenAuth, r => CreateAsync(r, v1: true)));
    }

    private static Reply Err(string code, string message) => Errors.DataBrain(400, code, message, includeStatus: false);

    private static async ValueTask<Reply> CreateAsync(ApiRequest r, bool v1)
    {
        var body = await r.ReadJsonAsync().ConfigureAwait(false);
        if (body.Malformed)
        {
            return Err(Db.InvalidRequestBody, body.Problem!);
        }

        if (body.Object is not { } o)
        {
            return Err(Db.InvalidRequestBody, "Request body must be a JSON object.");
        }

        // Catches the common data_app_name / guest_token misreading loudly.
        if (Db.UnknownKey(o, v1 ? V1Keys : V2Keys) is { } unknown)
        {
            return Err(Db.InvalidRequestBody, $"Unknown field '{unknown}'.");
        }

        if (!o.TryGetPropertyValue("clientId", out var clientNode) || clientNode is null)
        {
            return Err(Db.InvalidRequestBody, "clientId is required (use \"None\" without tenancy).");
        }

        if (!Db.TryNonEmptyString(clientNode, out var clientId))
        {
            return Err("CLIENT_ID_ERROR", "Invalid client id.");
        }

        string? scopeName = null;
        if (v1)
        {
            if (!Db.TryNonEmptyString(o["workspaceName"], out var ws))
            {
                return Err("WORKSPACE_ID_ERROR", "workspaceName is required.");
            }

            scopeName = ws;
        }
        else
        {
            if (!Db.TryNonEmptyString(o["dataAppName"], out var app))
            {
                return Err(Db.InvalidRequestBody, "dataAppName is required.");
            }

            if (app != r.DataApp)
            {
                return Err(Db.InvalidRequestBody, $"dataAppName '{app}' does not match the data app of this API key.");
            }
        }

        long? expiry = null;
        if (Db.Has(o, "expiryTime", out var expiryNode))
        {
            if (expiryNode is not JsonValue ev || ev.GetValueKind() != JsonValueKind.Number || !ev.TryGetValue<long>(out var ms) || ms <= 0)
            {
                return Err(Db.InvalidRequestBody, "expiryTime must be a positive number of milliseconds.");
            }

            expiry = ms;
        }

        if (Db.Has(o, "permissions", out var permNode))
        {
            if (permNode is not JsonObject perms)
            {
                return Err(Db.InvalidRequestBody, "permissions must be an object.");
            }

            foreach (var (k, v) in perms)
            {
                if (!Db.TryBool(v, out _))
                {
                    return Err(Db.InvalidRequestBody, $"permissions.{k} must be a boolean.");
                }
            }
        }

        var p = o["params"];
        if (p is not null and not JsonObject)
        {
            return Err(Db.InvalidRequestBody, "params must be an object.");
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (scopeName is not null && !store.Workspaces.ContainsKey(scopeName))
            {
                return Err("WORKSPACE_ID_ERROR", $"Invalid workspace name '{scopeName}'.");
            }

            string? datasource = null;
            if (Db.Has(o, "datasourceName", out var dsNode) && (!Db.TryNonEmptyString(dsNode, out datasource!) || !store.Datasources.ContainsKey(datasource)))
            {
                return Err(Db.InvalidRequestBody, "datasourceName is not a known datasource.");
            }

            var allowed = new List<string>();
            if (p is JsonObject po && ParamsError(store, r.DataApp, po, allowed) is { } paramsError)
            {
                return paramsError;
            }

            var sequence = store.NextSequence();
            var token = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("guest-token\n" + sequence))[..16]).ToString();
            var record = new GuestTokenRecord
            {
                Token = token,
                DataAppName = r.DataApp,
                ClientId = clientId,
                AllowedEmbeds = allowed,
                ExpiryTime = expiry,
                CreatedAt = store.Now(),
                Params = p?.DeepClone() as JsonObject,
                Permissions = o["permissions"]?.DeepClone() as JsonObject,
            };
            store.Doc.DataBrain.GuestTokens.Add(record);
            store.Changed(Kinds.GuestToken, token, record);
            store.Touch();
            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteString("token", token);
            w.WriteEndObject();
            return JsonOut.Reply(200, w, mutated: true);
        }
    }

    private static Reply? ParamsError(Store store, string dataApp, JsonObject p, List<string> allowed)
    {
        if (Db.UnknownKey(p, ParamKeys) is { } unknown)
        {
            return Err(Db.InvalidRequestBody, $"Unknown params field '{unknown}'.");
        }

        if (Db.Has(p, "allowedEmbeds", out var ae))
        {
            if (ae is not JsonArray list)
            {
                return Err(Db.InvalidRequestBody, "params.allowedEmbeds must be an array of embed ids.");
            }

            foreach (var item in list)
            {
                if (!Db.TryNonEmptyString(item, out var id) || !store.EmbedsById.TryGetValue(id, out var embed) || embed.DataAppName != dataApp)
                {
                    return Err(Db.InvalidRequestBody, $"params.allowedEmbeds contains an unknown embed: {item?.ToJsonString()}.");
                }

                allowed.Add(id);
            }
        }

        if (Db.Has(p, "dashboardAppFilters", out var daf))
        {
            if (daf is not JsonArray filters)
            {
                return Err("DASHBOARD_PARAM_ERROR", "params.dashboardAppFilters must be an array.");
            }

            foreach (var f in filters)
            {
                if (f is not JsonObject fo || !Db.TryNonEmptyString(fo["dashboardId"], out var dash) || !store.Dashboards.ContainsKey(dash)
                    || (Db.Has(fo, "values", out var values) && values is not JsonObject)
                    || (Db.Has(fo, "isShowOnUrl", out var show) && !Db.TryBool(show, out _)))
                {
                    return Err("DASHBOARD_PARAM_ERROR", "invalid dashboard id");
                }
            }
        }

        if (Db.Has(p, "dashboard", out var legacyDashboard)
            && (legacyDashboard is not JsonObject ld || !Db.TryNonEmptyString(ld["id"], out var legacyId) || !store.Dashboards.ContainsKey(legacyId)))
        {
            return Err("DASHBOARD_PARAM_ERROR", "invalid dashboard id");
        }

        if (MetricFiltersError(store, p["appFilters"]) is { } appError)
        {
            return Err("APP_FILTER_PARAM_ERROR", "params.appFilters: " + appError);
        }

        if (MetricFiltersError(store, p["rlsSettings"]) is { } rlsError)
        {
            return Err("RLS_SETTINGS_PARAM_ERROR", "params.rlsSettings: " + rlsError);
        }

        if (Db.Has(p, "hideDashboardFilters", out var hide) && (hide is not JsonArray ha || ha.Any(h => !Db.TryString(h, out _))))
        {
            return Err(Db.InvalidRequestBody, "params.hideDashboardFilters must be an array of filter names.");
        }

        foreach (var key in new[] { "userIdentifier", "timezone" })
        {
            if (Db.Has(p, key, out var v) && !Db.TryNonEmptyString(v, out _))
            {
                return Err(Db.InvalidRequestBody, $"params.{key} must be a string.");
            }
        }

        return null;
    }

    private static string? MetricFiltersError(Store store, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray items)
        {
            return "must be an array.";
        }

        foreach (var item in items)
        {
            if (item is not JsonObject io || !Db.TryNonEmptyString(io["metricId"], out var metricId))
            {
                return "every item needs a metricId.";
            }

            if (io["values"] is not JsonObject)
            {
                return $"values of metric '{metricId}' must be an object.";
            }

            if (!store.Dashboards.Values.Any(d => EmbedsApi.FindMetric(d, metricId) is not null))
            {
                return $"unknown metric '{metricId}'.";
            }
        }

        return null;
    }
}
