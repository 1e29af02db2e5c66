using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain.Datamarts
{
    /// <summary>
    /// The datamart's field tables (docs.usedatabrain.com/api-reference/create-datamart, update-datamart,
    /// list-datamarts), each field declared once: the request bodies, the list reader, the -WhatIf diff, the
    /// columns CSV and the New-/Update-Datamart parameters all come from these. The list answers in its own
    /// names (tableName, columnName, datamartTableColumns); they are the fields' legacy names, so one reader
    /// serves a response, a backup and a hand-written definition.
    /// </summary>
    public static class DatamartFields
    {
        public const string TableList = "tableList";
        public const string TenancySettings = "tenancySettings";
        public const string RelationshipList = "relationships";

        /// <summary>
        /// tenancySettings (the list calls it datamartOrganization). The two generations of the docs disagree:
        /// the older create-datamart text makes the settings required and knows TABLE and DATABASE only; the
        /// newest update-datamart page makes them optional and adds MULTI_DATABASE with primaryDatabase. The newest
        /// is followed for both endpoints, which take the same object; a file in the older shape reads the same.
        /// The bare schemaName and tableName are not columns of a datamart row: there they would as well mean a
        /// table of the table list, so a row says TenancySchemaName and TenancyTableName.
        /// </summary>
        public static FieldTable Tenancy { get; } = new(
            "datamart tenancy",
            typeof(DatamartTenancy),
            new[]
            {
                FieldSpec.Choice("TenancyLevel", TenancySettings + ".tenancyLevel", DatamartVocabulary.TenancyLevels.ToArray()),
                FieldSpec.Choice("ClientColumnType", TenancySettings + ".clientColumnType", DatamartVocabulary.ClientColumnTypes.ToArray()),
                Text("TenancySchemaName", TenancySettings + ".schemaName").ReadsInto(nameof(DatamartTenancy.SchemaName)).NotByApiName(),
                Text("TenancyTableName", TenancySettings + ".tableName").ReadsInto(nameof(DatamartTenancy.TableName)).NotByApiName(),
                Text("TableClientNameColumn", TenancySettings + ".tableClientNameColumn"),
                Text("TablePrimaryKeyColumn", TenancySettings + ".tablePrimaryKeyColumn"),
                Text("PrimaryDatabase", TenancySettings + ".primaryDatabase"),
            });

        /// <summary>The tenancy fields only TABLE tenancy uses (the client mapping table); DATABASE levels drop them.</summary>
        public static IReadOnlyList<FieldSpec> TableTenancyFields { get; } =
            Tenancy.Fields.Where(f => f.Parameter is not ("TenancyLevel" or "PrimaryDatabase")).ToList();

        /// <summary>The field only DATABASE and MULTI_DATABASE use; TABLE (and a request without a level) clear it.</summary>
        public static FieldSpec PrimaryDatabase { get; } = Tenancy.Fields.Single(f => f.Parameter == "PrimaryDatabase");

        /// <summary>tableList[].columns[] (the list's datamartTableColumns[]); datatype is the datasource's, read only.</summary>
        public static FieldTable Column { get; } = new(
            "datamart column",
            typeof(DatamartColumn),
            new[]
            {
                Required("Name", "name").WithLegacyNames("columnName"),
                Text("Alias", "alias"),
                Text("Label", "label"),
                FieldSpec.Boolean("IsHide", "isHide"),
                FieldSpec.Boolean("IsCustomColumn", "isCustomColumn"),
                Text("Sql", "sql"),
                // Not on the list page, which shows no aggregate flag; read when present (the emulator sends it).
                FieldSpec.Boolean("IsAggregate", "isAggregate"),
                FieldSpec.Boolean("IsApplyTimezone", "isApplyTimezone"),
            },
            readOnly: new[] { nameof(DatamartColumn.Datatype) });

        /// <summary>tableList[] (the list's datamartTables[]).</summary>
        public static FieldTable Table { get; } = new(
            "datamart table",
            typeof(DatamartTable),
            new[]
            {
                Required("Name", "name").WithLegacyNames("tableName"),
                Text("SchemaName", "schemaName"),
                Text("Label", "label"),
                Text("ClientColumn", "clientColumn"),
                FieldSpec.Boolean("IsHide", "isHide"),
                // The page's text lost this field's name; "indexPattern" is the list's field and the emulator's reading.
                Text("IndexPattern", "indexPattern"),
                FieldSpec.Custom("Columns", "columns", value => Objects(value, Column)).WithLegacyNames("datamartTableColumns")
                    .ReadWith(ReadColumns, value => value),
            });

        /// <summary>relationships[] (the list's datamartRelationships[]).</summary>
        public static FieldTable Relationship { get; } = new(
            "datamart relationship",
            typeof(DatamartRelationship),
            new[]
            {
                Required("ParentTableName", "parentTableName"),
                Required("ParentColumnName", "parentColumnName"),
                Required("ChildTableName", "childTableName"),
                Required("ChildColumnName", "childColumnName"),
                Required("RelationshipName", "relationshipName"),
                Text("Cardinality", "cardinality"),
                // The page's text lost the field's name; the list response and the emulator both use "join".
                Text("JoinType", "join"),
            });

        /// <summary>
        /// What Update-Datamart sets, besides the datamart it names and the files it reads: each part replaces what
        /// the datamart had. An update cannot change the datasource, so a row's DatasourceName (Get-Datamart's)
        /// is read only there.
        /// </summary>
        public static FieldTable Update { get; } = new(
            "datamart",
            typeof(Datamart),
            Parts(),
            identity: new[] { nameof(Datamart.Name) },
            readOnly: new[] { nameof(Datamart.DatasourceName) },
            inputs: new[] { "Path", "ColumnsPath", "BackupPath" });

        /// <summary>What New-Datamart sets: the same parts, and the datasource the new datamart reads.</summary>
        public static FieldTable Create { get; } = new(
            "new datamart",
            typeof(Datamart),
            new[] { Text("DatasourceName", "datasourceName") }.Concat(Parts()).ToList(),
            identity: new[] { nameof(Datamart.Name) },
            inputs: new[] { "Path", "ColumnsPath" });

        /// <summary>The update body: datamartName and each part given (null parts are not sent).</summary>
        public static JsonObject UpdateBody(string name, List<DatamartTable>? tables, DatamartTenancy? tenancy, List<DatamartRelationship>? relationships)
        {
            var body = new JsonObject { ["datamartName"] = name };
            AddParts(body, tables, tenancy, relationships);
            return body;
        }

        /// <summary>The whole current definition as an update body: what a backup holds and a restore sends.</summary>
        public static JsonObject UpdateBody(Datamart datamart) => UpdateBody(datamart.Name, datamart.Tables, datamart.Tenancy, datamart.Relationships);

        public static JsonObject CreateBody(string name, string datasourceName, List<DatamartTable> tables, DatamartTenancy? tenancy, List<DatamartRelationship>? relationships)
        {
            var body = new JsonObject { ["name"] = name, ["datasourceName"] = datasourceName };
            AddParts(body, tables, tenancy, relationships);
            return body;
        }

        /// <summary>One item of the list response as a Datamart; a body in the request shape (a backup) reads the same.</summary>
        public static Datamart FromList(JsonObject item)
        {
            var tables = ReadList<DatamartTable>(item["datamartTables"] ?? item[TableList], Table) ?? new List<DatamartTable>();
            foreach (var column in tables.SelectMany(t => t.Columns))
            {
                // Only a custom column has an expression; anything else there would not survive an update.
                column.Sql = column.IsCustomColumn ? column.Sql : null;
            }

            return new Datamart
            {
                Name = Text(item["name"]) ?? Text(item["datamartName"]) ?? string.Empty,
                DatasourceName = Text(item["companyIntegration"]?["name"]) ?? Text(item["datasourceName"]),
                Tenancy = (item["datamartOrganization"] ?? item[TenancySettings]) is JsonObject organization ? TenancyFromList(organization) : null,
                Tables = tables,
                Relationships = ReadList<DatamartRelationship>(item["datamartRelationships"] ?? item[RelationshipList], Relationship) ?? new List<DatamartRelationship>(),
            };
        }

        /// <summary>A copy of a model object through its table (what a plan or overlay may change without touching the input).</summary>
        public static T Copy<T>(T model, FieldTable table)
            where T : class, new() => table.ReadInto(new T(), table.ToJson(model));

        /// <summary>
        /// The list's datamartOrganization holds every tenancy field, most of them null for a given level; only the
        /// ones the level uses are kept, so that a definition read from the list passes the rules when sent back.
        /// </summary>
        private static DatamartTenancy? TenancyFromList(JsonObject organization)
        {
            var tenancy = Tenancy.ReadInto(new DatamartTenancy(), organization);
            var dropped = tenancy.TenancyLevel switch
            {
                DatamartVocabulary.Table => new[] { PrimaryDatabase },
                DatamartVocabulary.Database or DatamartVocabulary.MultiDatabase => TableTenancyFields,
                _ => Array.Empty<FieldSpec>(),
            };
            foreach (var field in dropped)
            {
                Tenancy.Set(field, tenancy, null);
            }

            return Tenancy.ToJson(tenancy).Count == 0 ? null : tenancy;
        }

        private static FieldSpec[] Parts() => new[]
        {
            FieldSpec.Custom("Tables", TableList, value => Objects(value, Table))
                .ReadWith(node => ReadList<DatamartTable>(node, Table) ?? new List<DatamartTable>(), value => value),
            FieldSpec.Custom("Tenancy", TenancySettings, value => value is DatamartTenancy tenancy ? FieldConversion.Ok(Tenancy.ToJson(tenancy)) : Unexpected(value))
                .ReadWith(node => node is JsonObject obj ? Tenancy.ReadInto(new DatamartTenancy(), obj) : null, value => value),
            FieldSpec.Custom("Relationships", RelationshipList, value => Objects(value, Relationship))
                .ReadWith(node => ReadList<DatamartRelationship>(node, Relationship) ?? new List<DatamartRelationship>(), value => value),
        };

        private static void AddParts(JsonObject body, List<DatamartTable>? tables, DatamartTenancy? tenancy, List<DatamartRelationship>? relationships)
        {
            if (tables is not null)
            {
                body[TableList] = ToArray(tables, Table);
            }

            if (tenancy is not null)
            {
                body[TenancySettings] = Tenancy.ToJson(tenancy);
            }

            if (relationships is not null)
            {
                body[RelationshipList] = ToArray(relationships, Relationship);
            }
        }

        private static JsonArray ToArray<T>(IEnumerable<T> items, FieldTable table)
            where T : class => new(items.Select(item => (JsonNode?)table.ToJson(item)).ToArray());

        // The typed objects a part holds, as JSON; anything else is read by DatamartInput before it gets here.
        private static FieldConversion Objects(object value, FieldTable table) =>
            value is System.Collections.IEnumerable items and not string && items.Cast<object?>().All(i => i is not null && table.Model.IsInstanceOfType(i))
                ? FieldConversion.Ok(new JsonArray(items.Cast<object>().Select(i => (JsonNode?)table.ToJson(i)).ToArray()))
                : Unexpected(value);

        private static FieldConversion Unexpected(object value) => FieldConversion.Fail($"expects Get-Datamart's objects; got {FieldValues.Describe(value)}.");

        // Columns with the datatype the list reports (read only: never sent, but shown and exported).
        private static List<DatamartColumn> ReadColumns(JsonNode node) =>
            node is JsonArray array
                ? array.OfType<JsonObject>().Select(o =>
                {
                    var column = Column.ReadInto(new DatamartColumn(), o);
                    column.Datatype = Text(o["datatype"]);
                    return column;
                }).ToList()
                : new List<DatamartColumn>();

        private static List<T>? ReadList<T>(JsonNode? node, FieldTable table)
            where T : class, new() =>
            node is JsonArray array ? array.OfType<JsonObject>().Select(o => table.ReadInto(new T(), o)).ToList() : null;

        // Text fields read a blank value as not set, as the list writes "" and null alike for an unset label.
        private static FieldSpec Text(string parameter, string apiPath) =>
            FieldSpec.Text(parameter, apiPath).ReadWith(node => Text(node), value => value);

        // A name the model always holds: blank reads as empty, never null, and the rules say it is missing.
        private static FieldSpec Required(string parameter, string apiPath) =>
            FieldSpec.Text(parameter, apiPath).ReadWith(node => Text(node) ?? string.Empty, value => value);

        private static string? Text(JsonNode? node) =>
            node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
    }
}
