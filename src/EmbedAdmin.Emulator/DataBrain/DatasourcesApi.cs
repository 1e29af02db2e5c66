using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Emulator.Infrastructure;
using EmbedAdmin.Emulator.State;

namespace EmbedAdmin.Emulator.DataBrain;

/// <summary>
/// Datasource create, update, delete and sync (service token): docs.usedatabrain.com api-reference
/// create-datasource, update-datasource, delete-datasource and embedding-apis/sync-datasource. The list route
/// lives with the other name lists in <see cref="OrgApi"/>.
/// </summary>
internal static class DatasourcesApi
{
    /// <summary>The datasourceType values the create-datasource page lists.</summary>
    public static readonly string[] Types =
    {
        "snowflake", "postgres", "redshift", "cockroachdb", "mysql", "mongodb", "clickhouse", "singlestore", "bigquery",
        "databricks", "elasticsearch", "opensearch", "mssql", "awss3", "csv", "firebolt", "athena", "trino",
    };

    private static readonly HashSet<string> BodyKeys = new(StringComparer.Ordinal) { "datasourceType", "credentials", "tenancySettings" };
    private static readonly HashSet<string> SyncKeys = new(StringComparer.Ordinal) { "input" };

    public static void Register(EmulatorRuntime emu)
    {
        emu.Map("POST", "/api/v2/datasource", Db.Route("POST /api/v2/datasource", Db.DatasourceAuth, r => UpsertAsync(r, create: true)));
        emu.Map("PUT", "/api/v2/datasource", Db.Route("PUT /api/v2/datasource", Db.DatasourceAuth, r => UpsertAsync(r, create: false)));
        emu.Map("DELETE", "/api/v2/datasource", Db.Route("DELETE /api/v2/datasource", Db.DatasourceAuth, Delete));
        emu.Map("POST", "/api/v2/datasource/sync", Db.Route("POST /api/v2/datasource/sync", Db.DatasourceAuth, SyncAsync));
    }

    /// <summary>
    /// Create and update take the same body. Update identifies the datasource by credentials.name and "needs the
    /// full credential set" (partial updates are not supported): every credential field the datasource has must
    /// be sent again, so a missing password is refused instead of being wiped.
    /// </summary>
    private static async ValueTask<Reply> UpsertAsync(ApiRequest r, bool create)
    {
        var (o, bad) = await DataAppsApi.ReadObjectAsync(r, BodyKeys).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad.Value;
        }

        if (!Db.TryString(o!["datasourceType"], out var type) || Array.IndexOf(Types, type) < 0)
        {
            return Db.BadBody("datasourceType is required and must be one of " + string.Join(", ", Types) + ".");
        }

        if (o["credentials"] is not JsonObject credentials)
        {
            return Db.BadBody("credentials is required and must be an object.");
        }

        if (!Db.TryNonEmptyString(credentials["name"], out var name))
        {
            return Db.BadBody("credentials.name is required and must be a non-empty string.");
        }

        foreach (var (key, value) in credentials)
        {
            if (value is not JsonValue v || v.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
            {
                return Db.BadBody($"credentials.{key} must be a string, number or boolean.");
            }

            if (v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Trim().Length == 0)
            {
                return Db.BadBody($"credentials.{key} must not be empty.");
            }
        }

        if (credentials.Count < 2)
        {
            return Db.BadBody("credentials needs the connection fields of the datasource type besides name.");
        }

        if (Db.Has(o, "tenancySettings", out var tenancy) && tenancy is not JsonObject)
        {
            return Db.BadBody("tenancySettings must be an object.");
        }

        var store = r.Store;
        lock (store.Gate)
        {
            store.Datasources.TryGetValue(name, out var source);
            if (create && source is not null)
            {
                return Db.BadBody($"Datasource '{name}' already exists.");
            }

            if (!create)
            {
                if (source is null)
                {
                    return Db.Error(400, "DATASOURCE_NAME_ERROR", $"Datasource '{name}' not found.");
                }

                if (source.DatasourceType != type)
                {
                    return Db.BadBody($"datasourceType of '{name}' is {source.DatasourceType}; it cannot be changed to {type}.");
                }

                var missing = source.Credentials?.Select(p => p.Key).Where(k => !credentials.ContainsKey(k)).ToList() ?? new List<string>();
                if (missing.Count > 0)
                {
                    return Db.BadBody("Partial updates are not supported: the full credential set is required; missing credentials." + string.Join(", credentials.", missing) + ".");
                }
            }

            var now = store.Now();
            if (source is null)
            {
                source = new DatasourceRecord { Name = name, DatasourceType = type, CreatedAt = now };
                store.Datasources[name] = source;
                store.Doc.DataBrain.Datasources.Add(source);
            }

            source.Credentials = (JsonObject)credentials.DeepClone();
            source.TenancySettings = tenancy?.DeepClone() as JsonObject ?? source.TenancySettings;
            source.UpdatedAt = now;

            // Update "re-caches the schema" as a sync does.
            if (!create)
            {
                source.LastSyncedAt = now;
                source.SyncCount++;
            }

            store.Changed(Kinds.Datasource, name, source);
            store.Touch();

            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteEndObject();
            return JsonOut.Reply(200, w, mutated: true);
        }
    }

    /// <summary>DELETE ?datasourceName= : {id, message}; refused with DATASOURCE_IN_USE while a workspace or datamart uses it.</summary>
    private static ValueTask<Reply> Delete(ApiRequest r)
    {
        var name = r.Query("datasourceName");
        if (string.IsNullOrWhiteSpace(name))
        {
            return ValueTask.FromResult(Db.BadBody("datasourceName is required."));
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (!store.Datasources.TryGetValue(name, out var source))
            {
                return ValueTask.FromResult(Db.Error(400, "DATASOURCE_NAME_ERROR", $"Datasource '{name}' not found."));
            }

            var users = store.Workspaces.Values.Where(w => w.DatasourceName == name).Select(w => $"workspace '{w.Name}'")
                .Concat(store.Datamarts.Values.Where(d => d.DatasourceName == name).Select(d => $"datamart '{d.Name}'"))
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToList();
            if (users.Count > 0)
            {
                return ValueTask.FromResult(Db.Error(400, "DATASOURCE_IN_USE", $"Datasource '{name}' is in use by {string.Join(", ", users)}."));
            }

            store.Datasources.Remove(name);
            store.Doc.DataBrain.Datasources.Remove(source);
            store.Changed(Kinds.Datasource, name, null);
            store.Touch();

            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteString("id", name);
            w.WriteString("message", "Datasource deleted successfully");
            w.WriteEndObject();
            return ValueTask.FromResult(JsonOut.Reply(200, w, mutated: true));
        }
    }

    /// <summary>
    /// POST {input:{datasourceId}}. The list returns names only, so the name is the id a client can know;
    /// the sync page's example id is accepted in that role.
    /// </summary>
    private static async ValueTask<Reply> SyncAsync(ApiRequest r)
    {
        var (o, bad) = await DataAppsApi.ReadObjectAsync(r, SyncKeys).ConfigureAwait(false);
        if (bad is not null)
        {
            return bad.Value;
        }

        if (o!["input"] is not JsonObject input || input.Count != 1 || !Db.TryNonEmptyString(input["datasourceId"], out var id))
        {
            return Db.BadBody("input.datasourceId is required and must be a non-empty string.");
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (!store.Datasources.TryGetValue(id, out var source))
            {
                return Db.Error(400, "DATASOURCE_NAME_ERROR", $"Datasource '{id}' not found.");
            }

            source.LastSyncedAt = store.Now();
            source.SyncCount++;
            store.Changed(Kinds.Datasource, id, source);
            store.Touch();

            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteStartObject("data");
            w.WriteString("datasourceId", id);
            w.WriteString("message", "Datasource synced successfully");
            w.WriteString("syncedAt", source.LastSyncedAt);
            w.WriteEndObject();
            w.WriteNull("error");
            w.WriteEndObject();
            return JsonOut.Reply(200, w, mutated: true);
        }
    }
}
