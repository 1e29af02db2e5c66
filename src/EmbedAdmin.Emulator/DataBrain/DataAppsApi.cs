using System.Security.Cryptography;
using System.Text.Json;
using EmbedAdmin.Emulator.Infrastructure;
using EmbedAdmin.Emulator.State;

namespace EmbedAdmin.Emulator.DataBrain;

/// <summary>
/// Data apps and their API tokens (service token): docs.usedatabrain.com api-reference create-data-app,
/// update-data-app, list-data-apps, create-api-token, list-api-tokens. Both the kebab-case paths and the
/// older /api/v2/dataApp ones are served, as the migration banner announces.
/// </summary>
internal static class DataAppsApi
{
    // The data-app pages document every error, the invalid token included, as 400: AUTHENTICATION_ERROR.
    public static readonly AuthRule DataAppAdminAuth = new(AuthKind.ServiceToken, "AUTHENTICATION_ERROR", 400, "Invalid service token.");

    private static readonly HashSet<string> CreateKeys = new(StringComparer.Ordinal) { "name" };
    private static readonly HashSet<string> RenameKeys = new(StringComparer.Ordinal) { "name", "updateName" };
    private static readonly HashSet<string> TokenKeys = new(StringComparer.Ordinal) { "dataAppName", "name", "description" };

    public static void Register(EmulatorRuntime emu)
    {
        foreach (var path in new[] { "/api/v2/data-app", "/api/v2/dataApp" })
        {
            emu.Map("GET", path, Db.Route("GET " + path, DataAppAdminAuth, List));
            emu.Map("POST", path, Db.Route("POST " + path, DataAppAdminAuth, CreateAsync));
            emu.Map("PUT", path, Db.Route("PUT " + path, DataAppAdminAuth, RenameAsync));
        }

        foreach (var path in new[] { "/api/v2/data-app/api-tokens", "/api/v2/dataApp/api-tokens" })
        {
            emu.Map("GET", path, Db.Route("GET " + path, DataAppAdminAuth, ListTokens));
            emu.Map("POST", path, Db.Route("POST " + path, DataAppAdminAuth, CreateTokenAsync));
        }
    }

    /// <summary>{data:[{name, type:"embedded", createdAt, updatedAt, embedCount, embeds[{name, embedId, createdAt, updatedAt}]}]}, name order.</summary>
    private static ValueTask<Reply> List(ApiRequest r)
    {
        if (Db.ParseQueryPaging(r, out var paged, out var page) is { } error)
        {
            return ValueTask.FromResult(Db.BadBody(error));
        }

        var store = r.Store;
        lock (store.Gate)
        {
            var apps = store.Doc.DataBrain.DataApps.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
            var (start, end) = Db.PageRange(apps.Count, paged, page);
            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteStartArray("data");
            for (var i = start; i < end; i++)
            {
                var app = apps[i];
                var embeds = store.AppList(app.Name);
                w.WriteStartObject();
                w.WriteString("name", app.Name);
                w.WriteString("type", "embedded");
                w.WriteString("createdAt", app.CreatedAt);
                w.WriteString("updatedAt", app.UpdatedAt);
                w.WriteNumber("embedCount", embeds.Count);
                w.WriteStartArray("embeds");
                foreach (var e in embeds)
                {
                    w.WriteStartObject();
                    w.WriteString("name", e.Name);
                    w.WriteString("embedId", e.EmbedId);
                    w.WriteString("createdAt", e.CreatedAt);
                    w.WriteString("updatedAt", e.UpdatedAt);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            // The data-app pages show successes without an "error" member.
            w.WriteEndArray();
            w.WriteEndObject();
            return ValueTask.FromResult(JsonOut.Reply(200, w));
        }
    }

    private static async ValueTask<Reply> CreateAsync(ApiRequest r)
    {
        var (o, bad) = await ReadObjectAsync(r, CreateKeys).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad.Value;
        }

        if (!Db.TryNonEmptyString(o!["name"], out var name))
        {
            return Db.BadBody("name is required and must be a non-empty string.");
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (store.DataApps.ContainsKey(name))
            {
                return Db.Error(400, "DATA_APP_ALREADY_EXISTS", $"Data app '{name}' already exists.");
            }

            var now = store.Now();
            var app = new DataAppRecord { Name = name, CreatedAt = now, UpdatedAt = now };
            store.Doc.DataBrain.DataApps.Add(app);
            store.DataApps[name] = app;
            store.AppList(name);
            store.Changed(Kinds.DataApp, name, app);
            store.Touch();
            return NameReply(name, mutated: true);
        }
    }

    /// <summary>PUT {name, updateName}: renames the data app; its embeds, dashboards, tokens and keys follow.</summary>
    private static async ValueTask<Reply> RenameAsync(ApiRequest r)
    {
        var (o, bad) = await ReadObjectAsync(r, RenameKeys).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad.Value;
        }

        if (!Db.TryNonEmptyString(o!["name"], out var name) || !Db.TryNonEmptyString(o["updateName"], out var updateName))
        {
            return Db.BadBody("name and updateName are required and must be non-empty strings.");
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (!store.DataApps.TryGetValue(name, out var app))
            {
                return Db.Error(400, "DATA_APP_NOT_FOUND", $"Data app '{name}' not found.");
            }

            if (name == updateName)
            {
                return Db.BadBody("updateName must differ from name.");
            }

            if (store.DataApps.ContainsKey(updateName))
            {
                return Db.Error(400, "DATA_APP_ALREADY_EXISTS", $"Data app '{updateName}' already exists.");
            }

            store.DataApps.Remove(name);
            store.Changed(Kinds.DataApp, name, null);
            app.Name = updateName;
            app.UpdatedAt = store.Now();
            store.DataApps[updateName] = app;
            store.Changed(Kinds.DataApp, updateName, app);

            var embeds = store.AppList(name);
            store.EmbedsByApp.Remove(name);
            store.EmbedsByApp[updateName] = embeds;
            foreach (var e in embeds)
            {
                e.DataAppName = updateName;
                store.Changed(Kinds.Embed, e.EmbedId, e);
            }

            foreach (var d in store.Doc.DataBrain.Dashboards.Where(d => d.DataAppName == name))
            {
                d.DataAppName = updateName;
                store.Changed(Kinds.Dashboard, d.DashboardId, d);
            }

            foreach (var t in store.Doc.DataBrain.GuestTokens.Where(t => t.DataAppName == name))
            {
                t.DataAppName = updateName;
                store.Changed(Kinds.GuestToken, t.Token, t);
            }

            foreach (var key in store.DataBrainKeys.Where(k => k.Value.DataAppName == name).Select(k => k.Key).ToList())
            {
                store.DataBrainKeys[key] = new KeyInfo(KeyKind.DataApp, updateName);
            }

            store.Touch();
            return NameReply(updateName, mutated: true);
        }
    }

    /// <summary>GET ?dataAppName= : data[{key, name, description, createdAt}], keys in full as the list page shows them.</summary>
    private static ValueTask<Reply> ListTokens(ApiRequest r)
    {
        var name = r.Query("dataAppName");
        if (string.IsNullOrWhiteSpace(name))
        {
            return ValueTask.FromResult(Db.BadBody("dataAppName is required."));
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (!store.DataApps.TryGetValue(name, out var app))
            {
                return ValueTask.FromResult(Db.Error(400, "DATA_APP_NOT_FOUND", $"Data app '{name}' not found."));
            }

            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var key in app.ApiKeys)
            {
                WriteToken(w, key, "default", null, app.CreatedAt);
            }

            foreach (var t in app.ApiTokens)
            {
                WriteToken(w, t.Key, t.Name, t.Description, t.CreatedAt);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            return ValueTask.FromResult(JsonOut.Reply(200, w));
        }
    }

    /// <summary>POST {dataAppName, name}: {key}. The new key authenticates as the data app from then on.</summary>
    private static async ValueTask<Reply> CreateTokenAsync(ApiRequest r)
    {
        var (o, bad) = await ReadObjectAsync(r, TokenKeys).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad.Value;
        }

        if (!Db.TryNonEmptyString(o!["dataAppName"], out var appName) || !Db.TryNonEmptyString(o["name"], out var tokenName))
        {
            return Db.BadBody("dataAppName and name are required and must be non-empty strings.");
        }

        string? description = null;
        if (Db.Has(o, "description", out var descNode) && !Db.TryString(descNode, out description!))
        {
            return Db.BadBody("description must be a string.");
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (!store.DataApps.TryGetValue(appName, out var app))
            {
                return Db.Error(400, "DATA_APP_NOT_FOUND", $"Data app '{appName}' not found.");
            }

            if (app.ApiTokens.Exists(t => t.Name == tokenName))
            {
                return Db.BadBody($"Data app '{appName}' already has an API token named '{tokenName}'.");
            }

            // Random, unlike the emulator's other ids: a key that could be guessed from a sequence is no key.
            var key = "dbn_live_emu_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
            app.ApiTokens.Add(new ApiTokenRecord { Name = tokenName, Key = key, Description = description, CreatedAt = store.Now() });
            store.DataBrainKeys[key] = new KeyInfo(KeyKind.DataApp, appName);
            store.Changed(Kinds.DataApp, appName, app);
            store.Touch();

            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteString("key", key);
            w.WriteEndObject();
            return JsonOut.Reply(200, w, mutated: true);
        }
    }

    private static void WriteToken(Utf8JsonWriter w, string key, string name, string? description, string createdAt)
    {
        w.WriteStartObject();
        w.WriteString("key", key);
        w.WriteString("name", name);
        if (description is null)
        {
            w.WriteNull("description");
        }
        else
        {
            w.WriteString("description", description);
        }

        w.WriteString("createdAt", createdAt);
        w.WriteEndObject();
    }

    private static Reply NameReply(string name, bool mutated)
    {
        var w = JsonOut.Begin();
        w.WriteStartObject();
        w.WriteStartObject("data");
        w.WriteString("name", name);
        w.WriteEndObject();
        w.WriteEndObject();
        return JsonOut.Reply(200, w, mutated);
    }

    /// <summary>A JSON object body with only the allowed keys, or the INVALID_REQUEST_BODY reply.</summary>
    internal static async ValueTask<(System.Text.Json.Nodes.JsonObject? Body, Reply? Error)> ReadObjectAsync(ApiRequest r, HashSet<string> allowed)
    {
        var body = await r.ReadJsonAsync().ConfigureAwait(false);
        if (body.Malformed)
        {
            return (null, Db.BadBody(body.Problem!));
        }

        if (body.Object is not { } o)
        {
            return (null, Db.BadBody("Request body must be a JSON object."));
        }

        if (Db.UnknownKey(o, allowed) is { } unknown)
        {
            return (null, Db.BadBody($"Unknown field '{unknown}'."));
        }

        return (o, null);
    }
}
