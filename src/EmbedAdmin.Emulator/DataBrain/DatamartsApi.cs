using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Emulator.Infrastructure;
using EmbedAdmin.Emulator.State;

namespace EmbedAdmin.Emulator.DataBrain;

/// <summary>Datamarts (docs.usedatabrain.com/api-reference/update-datamart, create-datamart, list-datamarts, delete-datamart): list, create, update, delete; service token.</summary>
internal static class DatamartsApi
{
    // "Optional schema name (required only for schema-based datasources like PostgreSQL, SQL Server)."
    private static readonly HashSet<string> SchemaBasedTypes = new(StringComparer.OrdinalIgnoreCase) { "postgres", "mssql", "redshift", "cockroachdb", "snowflake" };

    private static readonly HashSet<string> CreateKeys = new(StringComparer.Ordinal) { "name", "datasourceName", "tableList", "tenancySettings", "relationships" };
    private static readonly HashSet<string> UpdateKeys = new(StringComparer.Ordinal) { "datamartName", "tableList", "tenancySettings", "relationships" };
    private static readonly HashSet<string> TableKeys = new(StringComparer.Ordinal) { "name", "schemaName", "clientColumn", "isHide", "label", "indexPattern", "columns" };
    private static readonly HashSet<string> ColumnKeys = new(StringComparer.Ordinal) { "name", "alias", "label", "isHide", "isCustomColumn", "sql", "isAggregate", "isApplyTimezone" };
    private static readonly HashSet<string> TenancyKeys = new(StringComparer.Ordinal) { "tenancyLevel", "clientColumnType", "schemaName", "tableName", "tableClientNameColumn", "tablePrimaryKeyColumn", "primaryDatabase" };
    private static readonly HashSet<string> RelationshipKeys = new(StringComparer.Ordinal) { "parentTableName", "parentColumnName", "childTableName", "childColumnName", "relationshipName", "cardinality", "join" };
    private static readonly string[] TenancyLevels = { "TABLE", "DATABASE", "MULTI_DATABASE" };
    private static readonly string[] Cardinalities = { "ManyToMany", "ManyToOne", "OneToMany", "OneToOne" };
    private static readonly string[] Joins = { "INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN" };
    private static readonly HashSet<string> ListKeys = new(StringComparer.Ordinal) { "isPagination", "pageNumber" };

    public static void Register(EmulatorRuntime emu)
    {
        emu.Map("GET", "/api/v2/data-app/datamarts", Db.Route("GET /api/v2/data-app/datamarts", Db.ServiceAuth, ListNew));
        emu.Map("POST", "/api/v2/dataApp/datamart/list", Db.Route("POST /api/v2/dataApp/datamart/list", Db.ServiceAuth, ListLegacyAsync));
        emu.Map("POST", "/api/v2/data-app/datamarts", Db.Route("POST /api/v2/data-app/datamarts", Db.ServiceAuth, CreateAsync));
        emu.Map("POST", "/api/v2/dataApp/datamart/create", Db.Route("POST /api/v2/dataApp/datamart/create", Db.ServiceAuth, CreateAsync));

        // The legacy create page also names /api/v2/dataApp/datamarts.
        emu.Map("POST", "/api/v2/dataApp/datamarts", Db.Route("POST /api/v2/dataApp/datamarts", Db.ServiceAuth, CreateAsync));
        emu.Map("PUT", "/api/v2/data-app/datamarts", Db.Route("PUT /api/v2/data-app/datamarts", Db.ServiceAuth, UpdateAsync));

        // Delete is singular "datamart" on the new path, as the delete page shows.
        emu.Map("DELETE", "/api/v2/data-app/datamart", Db.Route("DELETE /api/v2/data-app/datamart", Db.ServiceAuth, r => DeleteAsync(r, legacy: false)));
        emu.Map("POST", "/api/v2/dataApp/datamart/delete", Db.Route("POST /api/v2/dataApp/datamart/delete", Db.ServiceAuth, r => DeleteAsync(r, legacy: true)));
    }

    /// <summary>
    /// Update Datamart (docs.usedatabrain.com/api-reference/update-datamart). tableList, when sent, replaces all tables and columns (the older page
    /// calls this destructive; the newest says the same in "replaces existing"). tenancySettings, when
    /// sent, applies as the page describes; relationships, when sent, replace all relationships and when
    /// omitted stay as they are. Response {"id"} without an error member.
    /// </summary>
    private static async ValueTask<Reply> UpdateAsync(ApiRequest r)
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

        if (Db.UnknownKey(o, UpdateKeys) is { } unknown)
        {
            return Db.BadBody($"Unknown field '{unknown}'.");
        }

        if (!Db.TryNonEmptyString(o["datamartName"], out var name))
        {
            return Db.BadBody("datamartName is required.");
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (!store.Datamarts.TryGetValue(name, out var datamart))
            {
                return Db.Error(400, "INVALID_DATAMART", $"Datamart '{name}' not found.");
            }

            if (!store.Datasources.TryGetValue(datamart.DatasourceName, out var datasource))
            {
                return Db.Error(500, "INTERNAL_SERVER_ERROR", $"Datasource '{datamart.DatasourceName}' of datamart '{name}' is missing.");
            }

            var tables = datamart.Tables;
            if (o.TryGetPropertyValue("tableList", out var tableNode))
            {
                if (ParseTables(tableNode, datasource, out tables) is { } tableError)
                {
                    return Db.BadBody(tableError);
                }
            }

            var tenancy = datamart.TenancySettings;
            if (o.TryGetPropertyValue("tenancySettings", out var tenancyNode))
            {
                if (ParseTenancy(tenancyNode, datasource, datamart.TenancySettings, requireLevel: false, out tenancy) is { } tenancyError)
                {
                    return Db.BadBody(tenancyError);
                }
            }

            var relationships = datamart.Relationships;
            if (o.TryGetPropertyValue("relationships", out var relNode))
            {
                if (ParseRelationships(relNode, tables, out relationships) is { } relError)
                {
                    return Db.BadBody(relError);
                }
            }

            datamart.Tables = tables;
            datamart.TenancySettings = tenancy;
            datamart.Relationships = relationships;
            store.Changed(Kinds.Datamart, name, datamart);
            store.Touch();
            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteString("id", name);
            w.WriteEndObject();
            return JsonOut.Reply(200, w, mutated: true);
        }
    }

    /// <summary>
    /// Create Datamart. tenancySettings is optional here: older text said "Each datamart requires tenancy
    /// settings", newer pages mark it optional (DRIFT; the newest wins). Legacy create codes:
    /// DATASOURCE_NAME_ERROR for an unknown datasource, INVALID_TENANCY for tenancy problems.
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

        if (!Db.TryNonEmptyString(o["name"], out var name))
        {
            return Db.BadBody("name is required.");
        }

        if (!Db.TryNonEmptyString(o["datasourceName"], out var datasourceName))
        {
            return Db.Error(400, "DATASOURCE_NAME_ERROR", "datasourceName is required.");
        }

        if (!o.TryGetPropertyValue("tableList", out var tableNode))
        {
            return Db.BadBody("tableList is required.");
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (store.Datamarts.ContainsKey(name))
            {
                return Db.BadBody($"Datamart '{name}' already exists.");
            }

            // Case-sensitive, as the page warns.
            if (!store.Datasources.TryGetValue(datasourceName, out var datasource))
            {
                return Db.Error(400, "DATASOURCE_NAME_ERROR", $"Datasource '{datasourceName}' not found.");
            }

            if (ParseTables(tableNode, datasource, out var tables) is { } tableError)
            {
                return Db.BadBody(tableError);
            }

            TenancyRecord? tenancy = null;
            if (o.TryGetPropertyValue("tenancySettings", out var tenancyNode)
                && ParseTenancy(tenancyNode, datasource, null, requireLevel: true, out tenancy) is { } tenancyError)
            {
                return Db.Error(400, "INVALID_TENANCY", tenancyError);
            }

            var relationships = new List<RelationshipRecord>();
            if (o.TryGetPropertyValue("relationships", out var relNode) && ParseRelationships(relNode, tables, out relationships) is { } relError)
            {
                return Db.BadBody(relError);
            }

            var datamart = new DatamartRecord { Name = name, DatasourceName = datasourceName, Tables = tables, TenancySettings = tenancy, Relationships = relationships };
            store.Datamarts[name] = datamart;
            store.Doc.DataBrain.Datamarts.Add(datamart);
            store.Changed(Kinds.Datamart, name, datamart);
            store.Touch();
            return EmbedsApi.IdReply(name, mutated: true);
        }
    }

    private static async ValueTask<Reply> DeleteAsync(ApiRequest r, bool legacy)
    {
        string? name;
        if (legacy)
        {
            var body = await r.ReadJsonAsync().ConfigureAwait(false);
            if (body.Malformed)
            {
                return Db.BadBody(body.Problem!);
            }

            name = body.Object is { } o && Db.TryNonEmptyString(o["datamartName"], out var n) ? n : null;
        }
        else
        {
            name = r.Query("datamartName");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return Db.BadBody("datamartName is required.");
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (!store.Datamarts.Remove(name, out var datamart))
            {
                return Db.BadBody("Datamart not found.");
            }

            store.Doc.DataBrain.Datamarts.Remove(datamart);
            store.Changed(Kinds.Datamart, name, null);
            store.Touch();
            return EmbedsApi.IdReply(name, mutated: true);
        }
    }

    private static ValueTask<Reply> ListNew(ApiRequest r)
    {
        if (Db.ParseQueryPaging(r, out var paged, out var page) is { } error)
        {
            return ValueTask.FromResult(Db.BadBody(error));
        }

        return ValueTask.FromResult(List(r.Store, paged, page));
    }

    private static async ValueTask<Reply> ListLegacyAsync(ApiRequest r)
    {
        var body = await r.ReadJsonAsync().ConfigureAwait(false);
        if (body.Malformed)
        {
            return Db.BadBody(body.Problem!);
        }

        var o = body.Object;
        if (o is not null && Db.UnknownKey(o, ListKeys) is { } unknown)
        {
            return Db.BadBody($"Unknown field '{unknown}'.");
        }

        if (Db.ParsePaging(o?["isPagination"], o?["pageNumber"], out var paged, out var page) is { } error)
        {
            return Db.BadBody(error);
        }

        return List(r.Store, paged, page);
    }

    /// <summary>The list shape of the list-datamarts page, plus isAggregate, indexPattern and primaryDatabase so every stored field can be read back.</summary>
    private static Reply List(Store store, bool paged, int page)
    {
        lock (store.Gate)
        {
            var sorted = store.Datamarts.Values.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
            var (start, end) = Db.PageRange(sorted.Count, paged, page);
            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteStartArray("data");
            for (var i = start; i < end; i++)
            {
                WriteDatamart(w, sorted[i]);
            }

            w.WriteEndArray();
            w.WriteNull("error");
            w.WriteEndObject();
            return JsonOut.Reply(200, w);
        }
    }

    private static void WriteDatamart(Utf8JsonWriter w, DatamartRecord d)
    {
        w.WriteStartObject();
        w.WriteString("name", d.Name);
        w.WritePropertyName("datamartOrganization");
        if (d.TenancySettings is { } t)
        {
            w.WriteStartObject();
            EmbedsApi.WriteNullable(w, "tenancyLevel", t.TenancyLevel);
            EmbedsApi.WriteNullable(w, "schemaName", t.SchemaName);
            EmbedsApi.WriteNullable(w, "tableName", t.TableName);
            EmbedsApi.WriteNullable(w, "clientColumnType", t.ClientColumnType);
            EmbedsApi.WriteNullable(w, "tableClientNameColumn", t.TableClientNameColumn);
            EmbedsApi.WriteNullable(w, "tablePrimaryKeyColumn", t.TablePrimaryKeyColumn);
            EmbedsApi.WriteNullable(w, "primaryDatabase", t.PrimaryDatabase);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteStartObject("companyIntegration");
        w.WriteString("name", d.DatasourceName);
        w.WriteEndObject();
        w.WriteStartArray("datamartTables");
        foreach (var table in d.Tables)
        {
            w.WriteStartObject();
            EmbedsApi.WriteNullable(w, "schemaName", table.SchemaName);
            w.WriteString("tableName", table.Name);
            EmbedsApi.WriteNullable(w, "label", table.Label);
            EmbedsApi.WriteNullable(w, "clientColumn", table.ClientColumn);
            w.WriteBoolean("isHide", table.IsHide);
            EmbedsApi.WriteNullable(w, "indexPattern", table.IndexPattern);
            w.WriteStartArray("datamartTableColumns");
            foreach (var c in table.Columns)
            {
                w.WriteStartObject();
                w.WriteString("columnName", c.Name);
                EmbedsApi.WriteNullable(w, "datatype", c.Datatype);
                EmbedsApi.WriteNullable(w, "alias", c.Alias);
                EmbedsApi.WriteNullable(w, "label", c.Label);
                w.WriteBoolean("isHide", c.IsHide);
                w.WriteBoolean("isCustomColumn", c.IsCustomColumn);
                EmbedsApi.WriteNullable(w, "sql", c.Sql);
                w.WriteBoolean("isAggregate", c.IsAggregate);
                w.WriteBoolean("isApplyTimezone", c.IsApplyTimezone);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("datamartRelationships");
        foreach (var rel in d.Relationships)
        {
            w.WriteStartObject();
            w.WriteString("parentTableName", rel.ParentTableName);
            w.WriteString("parentColumnName", rel.ParentColumnName);
            w.WriteString("childTableName", rel.ChildTableName);
            w.WriteString("childColumnName", rel.ChildColumnName);
            w.WriteString("relationshipName", rel.RelationshipName);
            EmbedsApi.WriteNullable(w, "cardinality", rel.Cardinality);
            EmbedsApi.WriteNullable(w, "join", rel.Join);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    // Every check runs (so every out value is assigned); the first message found wins.
    private static string? FirstError(params string?[] errors) => Array.Find(errors, e => e is not null);

    private static string? OptionalString(JsonObject o, string key, string path, out string? value)
    {
        value = null;
        if (Db.Has(o, key, out var node))
        {
            if (!Db.TryString(node, out var s))
            {
                return $"{path}.{key} must be a string.";
            }

            value = s;
        }

        return null;
    }

    private static string? OptionalBool(JsonObject o, string key, string path, out bool value)
    {
        value = false;
        if (Db.Has(o, key, out var node) && !Db.TryBool(node, out value))
        {
            return $"{path}.{key} must be a boolean.";
        }

        return null;
    }

    private static string? ParseTables(JsonNode? node, DatasourceRecord datasource, out List<DatamartTableRecord> tables)
    {
        tables = new List<DatamartTableRecord>();
        if (node is not JsonArray array || array.Count == 0)
        {
            return "tableList must be a non-empty array.";
        }

        var schemaBased = SchemaBasedTypes.Contains(datasource.DatasourceType);
        for (var i = 0; i < array.Count; i++)
        {
            var path = "tableList[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (array[i] is not JsonObject t)
            {
                return path + " must be an object.";
            }

            if (Db.UnknownKey(t, TableKeys) is { } unknown)
            {
                return $"{path} has unknown field '{unknown}'.";
            }

            if (!Db.TryNonEmptyString(t["name"], out var tableName))
            {
                return path + ".name is required.";
            }

            if (OptionalString(t, "schemaName", path, out var schemaName) is { } e1)
            {
                return e1;
            }

            if (schemaBased && string.IsNullOrEmpty(schemaName))
            {
                return $"{path}.schemaName is required for {datasource.DatasourceType} datasources.";
            }

            var source = datasource.Tables.Find(s => s.Name == tableName && (schemaName is null || s.SchemaName == schemaName));
            if (source is null)
            {
                return $"{path}: table '{(schemaName is null ? "" : schemaName + ".")}{tableName}' does not exist in datasource '{datasource.Name}'.";
            }

            if (tables.Exists(x => x.Name == tableName && x.SchemaName == (schemaName ?? source.SchemaName)))
            {
                return $"{path}: table '{tableName}' is listed twice.";
            }

            if (FirstError(
                OptionalString(t, "clientColumn", path, out var clientColumn),
                OptionalString(t, "label", path, out var label),
                OptionalString(t, "indexPattern", path, out var indexPattern),
                OptionalBool(t, "isHide", path, out var isHide)) is { } e2)
            {
                return e2;
            }

            if (clientColumn is not null && !source.Columns.Exists(c => c.Name == clientColumn))
            {
                return $"{path}.clientColumn '{clientColumn}' does not exist in table '{tableName}'.";
            }

            if (t["columns"] is not JsonArray columns || columns.Count == 0)
            {
                return path + ".columns must be a non-empty array.";
            }

            var table = new DatamartTableRecord
            {
                Name = tableName,
                SchemaName = schemaName ?? source.SchemaName,
                ClientColumn = clientColumn,
                IsHide = isHide,
                Label = label,
                IndexPattern = indexPattern,
            };
            for (var j = 0; j < columns.Count; j++)
            {
                var cpath = path + ".columns[" + j.ToString(CultureInfo.InvariantCulture) + "]";
                if (columns[j] is not JsonObject c)
                {
                    return cpath + " must be an object.";
                }

                if (Db.UnknownKey(c, ColumnKeys) is { } cu)
                {
                    return $"{cpath} has unknown field '{cu}'.";
                }

                if (!Db.TryNonEmptyString(c["name"], out var columnName))
                {
                    return cpath + ".name is required.";
                }

                if (FirstError(
                    OptionalString(c, "alias", cpath, out var alias),
                    OptionalString(c, "label", cpath, out var clabel),
                    OptionalString(c, "sql", cpath, out var sql),
                    OptionalBool(c, "isHide", cpath, out var chide),
                    OptionalBool(c, "isCustomColumn", cpath, out var custom),
                    OptionalBool(c, "isAggregate", cpath, out var aggregate),
                    OptionalBool(c, "isApplyTimezone", cpath, out var timezone)) is { } e3)
                {
                    return e3;
                }

                // "When true, the sql field is required to define the column's SQL expression."
                if (custom && string.IsNullOrWhiteSpace(sql))
                {
                    return $"{cpath}.sql is required when isCustomColumn is true.";
                }

                var sourceColumn = source.Columns.Find(x => x.Name == columnName);
                if (!custom && sourceColumn is null)
                {
                    return $"{cpath}: column '{columnName}' does not exist in table '{tableName}'.";
                }

                if (table.Columns.Exists(x => x.Name == columnName))
                {
                    return $"{cpath}: column '{columnName}' is listed twice.";
                }

                table.Columns.Add(new DatamartColumnRecord
                {
                    Name = columnName,
                    Datatype = sourceColumn?.Datatype,
                    Alias = alias,
                    Label = clabel,
                    IsHide = chide,
                    IsCustomColumn = custom,
                    Sql = sql,
                    IsAggregate = aggregate,
                    IsApplyTimezone = timezone,
                });
            }

            tables.Add(table);
        }

        return null;
    }

    private static string? ParseTenancy(JsonNode? node, DatasourceRecord datasource, TenancyRecord? existing, bool requireLevel, out TenancyRecord? result)
    {
        result = existing;
        if (node is not JsonObject t)
        {
            return "tenancySettings must be an object.";
        }

        if (Db.UnknownKey(t, TenancyKeys) is { } unknown)
        {
            return $"tenancySettings has unknown field '{unknown}'.";
        }

        string? level = null;
        if (Db.Has(t, "tenancyLevel", out var levelNode))
        {
            if (!Db.TryString(levelNode, out var l) || Array.IndexOf(TenancyLevels, l) < 0)
            {
                return "tenancySettings.tenancyLevel must be one of TABLE, DATABASE, MULTI_DATABASE.";
            }

            level = l;
        }
        else if (requireLevel)
        {
            return "tenancySettings.tenancyLevel is required.";
        }

        if (FirstError(
            OptionalString(t, "clientColumnType", "tenancySettings", out var columnType),
            OptionalString(t, "schemaName", "tenancySettings", out var schema),
            OptionalString(t, "tableName", "tenancySettings", out var table),
            OptionalString(t, "tableClientNameColumn", "tenancySettings", out var nameColumn),
            OptionalString(t, "tablePrimaryKeyColumn", "tenancySettings", out var keyColumn),
            OptionalString(t, "primaryDatabase", "tenancySettings", out var primaryDatabase)) is { } typeError)
        {
            return typeError;
        }

        if (columnType is not null && columnType != "NUMBER" && columnType != "STRING")
        {
            return "tenancySettings.clientColumnType must be NUMBER or STRING.";
        }

        if (level == "TABLE")
        {
            foreach (var (field, value) in new[] { ("clientColumnType", columnType), ("schemaName", schema), ("tableName", table), ("tableClientNameColumn", nameColumn), ("tablePrimaryKeyColumn", keyColumn) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    return $"tenancySettings.{field} is required when tenancyLevel is TABLE.";
                }
            }

            var mapping = datasource.Tables.Find(x => x.Name == table && x.SchemaName == schema);
            if (mapping is null)
            {
                return $"tenancySettings: client mapping table '{schema}.{table}' does not exist in datasource '{datasource.Name}'.";
            }

            foreach (var column in new[] { nameColumn!, keyColumn! })
            {
                if (!mapping.Columns.Exists(c => c.Name == column))
                {
                    return $"tenancySettings: column '{column}' does not exist in '{schema}.{table}'.";
                }
            }

            // "If tenancyLevel is TABLE, backend logic also clears primaryDatabase to null."
            result = new TenancyRecord { TenancyLevel = "TABLE", ClientColumnType = columnType, SchemaName = schema, TableName = table, TableClientNameColumn = nameColumn, TablePrimaryKeyColumn = keyColumn };
            return null;
        }

        if (level is not null)
        {
            // DATABASE / MULTI_DATABASE: primaryDatabase is stored, or null when omitted.
            result = new TenancyRecord { TenancyLevel = level, PrimaryDatabase = primaryDatabase };
            return null;
        }

        // No tenancyLevel: the other fields overlay the current settings, and "backend logic clears
        // primaryDatabase to null".
        var merged = existing is null ? new TenancyRecord() : new TenancyRecord
        {
            TenancyLevel = existing.TenancyLevel,
            ClientColumnType = existing.ClientColumnType,
            SchemaName = existing.SchemaName,
            TableName = existing.TableName,
            TableClientNameColumn = existing.TableClientNameColumn,
            TablePrimaryKeyColumn = existing.TablePrimaryKeyColumn,
        };
        merged.ClientColumnType = columnType ?? merged.ClientColumnType;
        merged.SchemaName = schema ?? merged.SchemaName;
        merged.TableName = table ?? merged.TableName;
        merged.TableClientNameColumn = nameColumn ?? merged.TableClientNameColumn;
        merged.TablePrimaryKeyColumn = keyColumn ?? merged.TablePrimaryKeyColumn;
        merged.PrimaryDatabase = null;
        result = merged;
        return null;
    }

    private static string? ParseRelationships(JsonNode? node, List<DatamartTableRecord> tables, out List<RelationshipRecord> relationships)
    {
        relationships = new List<RelationshipRecord>();
        if (node is not JsonArray array)
        {
            return "relationships must be an array (send [] to remove all).";
        }

        for (var i = 0; i < array.Count; i++)
        {
            var path = "relationships[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (array[i] is not JsonObject o)
            {
                return path + " must be an object.";
            }

            if (Db.UnknownKey(o, RelationshipKeys) is { } unknown)
            {
                return $"{path} has unknown field '{unknown}'.";
            }

            var values = new string[5];
            var names = new[] { "parentTableName", "parentColumnName", "childTableName", "childColumnName", "relationshipName" };
            for (var k = 0; k < names.Length; k++)
            {
                if (!Db.TryNonEmptyString(o[names[k]], out values[k]))
                {
                    return $"{path}.{names[k]} is required.";
                }
            }

            // cardinality and join: "Optional: Can be omitted or set to null".
            string? cardinality = null;
            if (o["cardinality"] is { } cn && (!Db.TryString(cn, out cardinality!) || Array.IndexOf(Cardinalities, cardinality) < 0))
            {
                return $"{path}.cardinality must be one of ManyToMany, ManyToOne, OneToMany, OneToOne, or null.";
            }

            string? join = null;
            if (o["join"] is { } jn && (!Db.TryString(jn, out join!) || Array.IndexOf(Joins, join) < 0))
            {
                return $"{path}.join must be one of INNER JOIN, LEFT JOIN, RIGHT JOIN, FULL JOIN, or null.";
            }

            for (var side = 0; side < 2; side++)
            {
                var tableName = values[side * 2];
                var columnName = values[(side * 2) + 1];
                var table = tables.Find(t => t.Name == tableName);
                if (table is null)
                {
                    return $"{path}: table '{tableName}' is not part of the datamart.";
                }

                if (!table.Columns.Exists(c => c.Name == columnName))
                {
                    return $"{path}: column '{columnName}' is not part of table '{tableName}' in the datamart.";
                }
            }

            relationships.Add(new RelationshipRecord
            {
                ParentTableName = values[0],
                ParentColumnName = values[1],
                ChildTableName = values[2],
                ChildColumnName = values[3],
                RelationshipName = values[4],
                Cardinality = cardinality,
                Join = join,
            });
        }

        return null;
    }
}
