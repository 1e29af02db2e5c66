using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain.Datamarts
{
    public enum DatamartOperation
    {
        Create,
        Update,
    }

    /// <summary>Everything a cmdlet gathered for one input row; each source is optional.</summary>
    public sealed class DatamartRequest
    {
        public string? Name { get; set; }

        public string? DatasourceName { get; set; }

        /// <summary>A JSON file in the API's request shape (a backup is one); read first, then overridden by the rest.</summary>
        public string? DefinitionPath { get; set; }

        /// <summary>A columns CSV, one row per table column; it gives the table list.</summary>
        public string? ColumnsPath { get; set; }

        public object? Tables { get; set; }

        public object? Tenancy { get; set; }

        public object? Relationships { get; set; }

        /// <summary>Tenancy parameters by parameter name (the fields of <see cref="DatamartFields.Tenancy"/>); they overlay the tenancy from the other sources.</summary>
        public IReadOnlyDictionary<string, object?> TenancyValues { get; set; } = new Dictionary<string, object?>();
    }

    /// <summary>
    /// A validated create or update of one datamart. An update sends only the parts given, and each part replaces
    /// what the datamart had: tableList replaces every table and column, relationships replace every
    /// relationship; tenancySettings with a level replaces the settings, without one it overlays them.
    /// </summary>
    public sealed class DatamartChange
    {
        private static readonly JsonSerializerOptions Indented = new(EmbedAdminJson.Options) { WriteIndented = true };

        private DatamartChange(DatamartOperation operation, string name, string? datasourceName, List<DatamartTable>? tables, DatamartTenancy? tenancy, List<DatamartRelationship>? relationships)
        {
            Operation = operation;
            Name = name;
            DatasourceName = datasourceName;
            Tables = tables;
            Tenancy = tenancy;
            Relationships = relationships;
        }

        public DatamartOperation Operation { get; }

        public string Name { get; }

        /// <summary>Create: the datasource. Update: only a check (a definition file may name it; an update cannot change it).</summary>
        public string? DatasourceName { get; }

        public List<DatamartTable>? Tables { get; }

        public DatamartTenancy? Tenancy { get; }

        public List<DatamartRelationship>? Relationships { get; }

        /// <summary>The API names of the parts sent: tableList, tenancySettings, relationships.</summary>
        public IReadOnlyList<string> Parts => new[] { ("tableList", Tables is not null), ("tenancySettings", Tenancy is not null), ("relationships", Relationships is not null) }
            .Where(p => p.Item2).Select(p => p.Item1).ToList();

        /// <summary>One change per datamart the input names (a columns CSV may name several).</summary>
        /// <exception cref="EmbedAdminValidationException">A rule is broken; nothing may be sent.</exception>
        public static IReadOnlyList<DatamartChange> From(DatamartOperation operation, DatamartRequest request)
        {
            var problems = new List<ValidationProblem>();
            var name = Clean(request.Name);
            var datasource = Clean(request.DatasourceName);
            List<DatamartTable>? tables = null;
            DatamartTenancy? tenancy = null;
            List<DatamartRelationship>? relationships = null;
            string tablesSource = "Tables", tenancySource = "Tenancy", relationshipsSource = "Relationships";

            if (!Unset(request.DefinitionPath))
            {
                var file = ReadDefinition(request.DefinitionPath!, problems);
                if (file is not null)
                {
                    // A create may copy a saved definition under a new name; an update applies only to its own datamart.
                    name = operation == DatamartOperation.Create ? name ?? file.Name : Agree(name, file.Name, "Path", problems);
                    datasource ??= file.DatasourceName;
                    (tables, tablesSource) = file.Tables is null ? (tables, tablesSource) : (file.Tables, "Path");
                    (tenancy, tenancySource) = file.Tenancy is null ? (tenancy, tenancySource) : (file.Tenancy, "Path");
                    (relationships, relationshipsSource) = file.Relationships is null ? (relationships, relationshipsSource) : (file.Relationships, "Path");
                }
            }

            IReadOnlyList<ColumnsCsvGroup>? groups = null;
            if (!Unset(request.ColumnsPath))
            {
                if (!Unset(request.Tables))
                {
                    problems.Add(new ValidationProblem(ErrorIds.ConflictingTableInput, "ColumnsPath, Tables", "both give the table list: use one of them."));
                }

                try
                {
                    groups = ColumnsCsv.Group(ColumnsCsv.ReadFile(request.ColumnsPath!), problems);
                }
                catch (EmbedAdminValidationException exception)
                {
                    problems.AddRange(exception.Problems);
                }
            }

            if (!Unset(request.Tables))
            {
                (tables, tablesSource) = (DatamartInput.ReadTables(request.Tables, "Tables", problems), "Tables");
            }

            if (!Unset(request.Tenancy))
            {
                (tenancy, tenancySource) = (DatamartInput.ReadTenancy(request.Tenancy, "Tenancy", problems), "Tenancy");
            }

            var overlay = new PartialBody();
            PartialUpdate.Apply(DatamartFields.Tenancy.Fields, request.TenancyValues, overlay, problems);
            if (!overlay.IsEmpty)
            {
                tenancy = Overlay(tenancy ?? new DatamartTenancy(), overlay);
                tenancySource = tenancySource == "Tenancy" && Unset(request.Tenancy) ? "TenancyLevel" : tenancySource;
            }

            if (!Unset(request.Relationships))
            {
                (relationships, relationshipsSource) = (DatamartInput.ReadRelationships(request.Relationships, "Relationships", problems), "Relationships");
            }

            var drafts = new List<(string? Name, List<DatamartTable>? Tables)>();
            if (groups is null)
            {
                drafts.Add((name, tables));
            }
            else
            {
                tablesSource = "ColumnsPath";
                var named = groups.Where(g => g.DatamartName.Length > 0).ToList();
                if (named.Count > 0 && name is not null && named.Any(g => g.DatamartName != name))
                {
                    problems.Add(new ValidationProblem(ErrorIds.DatamartNameMismatch, "ColumnsPath (DatamartName)", $"names {string.Join(", ", named.Select(g => "'" + g.DatamartName + "'").Distinct())}, but the datamart is '{name}'."));
                }
                else if (named.Count > 0 && groups.Any(g => g.DatamartName.Length == 0))
                {
                    problems.Add(new ValidationProblem(ErrorIds.MissingDatamartName, "ColumnsPath (DatamartName)", "is empty on some rows and set on others: fill it on every row, or on none and give -Name."));
                }
                else if (groups.Count > 1 && (tenancy is not null || relationships is not null || datasource is not null))
                {
                    problems.Add(new ValidationProblem(ErrorIds.AmbiguousDatamartInput, "ColumnsPath", "names several datamarts, so it cannot be combined with tenancy, relationships or a datasource meant for one: run one command per datamart."));
                }
                else
                {
                    drafts.AddRange(groups.Select(g => ((string?)(g.DatamartName.Length > 0 ? g.DatamartName : name), (List<DatamartTable>?)g.Tables)));
                }
            }

            var changes = new List<DatamartChange>();
            foreach (var draft in drafts)
            {
                if (draft.Name is null)
                {
                    problems.Add(new ValidationProblem(ErrorIds.MissingDatamartName, "Name (" + (operation == DatamartOperation.Create ? "name" : "datamartName") + ")", "is required: the exact (case-sensitive) name of the datamart."));
                }

                if (operation == DatamartOperation.Create)
                {
                    if (datasource is null)
                    {
                        problems.Add(new ValidationProblem(ErrorIds.MissingDatasourceName, "DatasourceName (datasourceName)", "is required: the datasource the datamart reads (case-sensitive)."));
                    }

                    if (draft.Tables is null)
                    {
                        problems.Add(new ValidationProblem(ErrorIds.EmptyTableList, "Tables (tableList)", "is required: give -Tables, -ColumnsPath or -Path with at least one table."));
                    }
                }
                else if (draft.Tables is null && tenancy is null && relationships is null && problems.Count == 0)
                {
                    problems.Add(new ValidationProblem(ErrorIds.NoDatamartChanges, "Tables, Tenancy, Relationships", "nothing to update: give a table list, tenancy settings or relationships (empty CSV cells count as not set)."));
                }

                if (draft.Tables is not null)
                {
                    DatamartRules.CheckTables(draft.Tables, tablesSource, problems);
                }

                if (tenancy is not null)
                {
                    DatamartRules.CheckTenancy(tenancy, tenancySource, operation == DatamartOperation.Create, problems);
                }

                if (relationships is not null)
                {
                    DatamartRules.CheckRelationships(relationships, draft.Tables, relationshipsSource, problems);
                }

                changes.Add(new DatamartChange(operation, draft.Name ?? string.Empty, datasource, draft.Tables, tenancy, relationships));
            }

            if (problems.Count > 0)
            {
                throw new EmbedAdminValidationException(Distinct(problems));
            }

            return changes;
        }

        /// <summary>The update body: datamartName and the parts given.</summary>
        public JsonObject ToUpdateBody() => DatamartFields.UpdateBody(Name, Tables, Tenancy, Relationships);

        public byte[] ToUtf8Json() => Encoding.UTF8.GetBytes((Operation == DatamartOperation.Create
            ? DatamartFields.CreateBody(Name, DatasourceName ?? string.Empty, Tables ?? new List<DatamartTable>(), Tenancy, Relationships)
            : ToUpdateBody()).ToJsonString(EmbedAdminJson.Options));

        /// <summary>A definition as a file in the update shape: what backups hold and -Path reads.</summary>
        public static string ToDefinitionJson(JsonObject body) => body.ToJsonString(Indented);

        /// <summary>"tableList (3 tables, 18 columns), tenancySettings (TABLE), relationships (2)".</summary>
        public string Describe()
        {
            var parts = new List<string>();
            if (Tables is not null)
            {
                parts.Add($"tableList ({Tables.Count} tables, {Tables.Sum(t => t.Columns.Count)} columns)");
            }

            if (Tenancy is not null)
            {
                parts.Add($"tenancySettings ({Tenancy.TenancyLevel ?? "fields only"})");
            }

            if (Relationships is not null)
            {
                parts.Add($"relationships ({Relationships.Count})");
            }

            return string.Join(", ", parts);
        }

        /// <summary>What was sent, as a Datamart (the create endpoint answers with the name only).</summary>
        public Datamart ToDatamart() => new()
        {
            Name = Name,
            DatasourceName = DatasourceName,
            Tenancy = Tenancy is null ? null : DatamartFields.Copy(Tenancy, DatamartFields.Tenancy),
            Tables = (Tables ?? new List<DatamartTable>()).Select(t => DatamartFields.Copy(t, DatamartFields.Table)).ToList(),
            Relationships = (Relationships ?? new List<DatamartRelationship>()).Select(r => DatamartFields.Copy(r, DatamartFields.Relationship)).ToList(),
        };

        /// <summary>
        /// The tenancy parameters over the settings from the other sources: only the fields given change. A
        /// -TenancyLevel naming another level than the piped or saved settings starts afresh: the old level's
        /// fields (a TABLE mapping when switching to DATABASE) would not apply and would only be refused.
        /// </summary>
        private static DatamartTenancy Overlay(DatamartTenancy tenancy, PartialBody overlay)
        {
            var given = overlay.Get(DatamartFields.TenancySettings) as JsonObject ?? new JsonObject();
            var level = given["tenancyLevel"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            var start = level is not null && tenancy.TenancyLevel is not null && !string.Equals(level, tenancy.TenancyLevel, StringComparison.OrdinalIgnoreCase)
                ? new DatamartTenancy()
                : DatamartFields.Copy(tenancy, DatamartFields.Tenancy);
            return DatamartFields.Tenancy.ReadInto(start, given);
        }

        private sealed class Definition
        {
            public string? Name { get; set; }

            public string? DatasourceName { get; set; }

            public List<DatamartTable>? Tables { get; set; }

            public DatamartTenancy? Tenancy { get; set; }

            public List<DatamartRelationship>? Relationships { get; set; }
        }

        /// <summary>
        /// A JSON file in the API's own shape: the update body (datamartName, tableList, tenancySettings,
        /// relationships; a backup is one) or the create body (name, datasourceName, …). Comments and trailing
        /// commas are allowed, because people edit these files by hand.
        /// </summary>
        private static Definition? ReadDefinition(string path, List<ValidationProblem> problems)
        {
            string text;
            try
            {
                text = File.ReadAllText(path, Encoding.UTF8);
            }
            catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
            {
                problems.Add(new ValidationProblem(ErrorIds.DefinitionFileNotFound, "Path", $"'{path}' does not exist."));
                return null;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                problems.Add(new ValidationProblem(ErrorIds.InvalidDefinitionFile, "Path", $"'{path}' cannot be read: {exception.Message}"));
                return null;
            }

            JsonNode? root;
            try
            {
                root = JsonNode.Parse(text.TrimStart('\uFEFF'), null, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException exception)
            {
                problems.Add(new ValidationProblem(ErrorIds.InvalidDefinitionFile, "Path", $"'{path}' is not valid JSON: {exception.Message}"));
                return null;
            }

            if (root is not JsonObject obj)
            {
                problems.Add(new ValidationProblem(ErrorIds.InvalidDefinitionFile, "Path", $"'{path}' must hold one JSON object in the API's shape (datamartName, tableList, tenancySettings, relationships)."));
                return null;
            }

            var definition = new Definition();
            foreach (var pair in obj)
            {
                var key = pair.Key;
                if (Is(key, "datamartName", "name"))
                {
                    definition.Name = definition.Name is null ? Clean(pair.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null) : Duplicate(key);
                }
                else if (Is(key, "datasourceName"))
                {
                    definition.DatasourceName = Clean(pair.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null);
                }
                else if (Is(key, "tableList", "tables"))
                {
                    definition.Tables = DatamartInput.ReadTables(pair.Value, "Path", problems);
                }
                else if (Is(key, "tenancySettings", "tenancy"))
                {
                    definition.Tenancy = pair.Value is null ? null : DatamartInput.ReadTenancy(pair.Value, "Path", problems);
                }
                else if (Is(key, "relationships"))
                {
                    definition.Relationships = DatamartInput.ReadRelationships(pair.Value, "Path", problems);
                }
                else
                {
                    problems.Add(new ValidationProblem(ErrorIds.UnknownField, $"Path ({key})", "is not a field of the datamart request: datamartName (or name), datasourceName, tableList, tenancySettings, relationships."));
                }
            }

            return definition;

            string? Duplicate(string key)
            {
                problems.Add(new ValidationProblem(ErrorIds.UnknownField, $"Path ({key})", "names the datamart a second time; keep datamartName or name."));
                return definition.Name;
            }
        }

        /// <summary>
        /// Null or a blank string (an empty CSV cell) is "not given". Unlike FieldValues.IsUnset, an empty list is
        /// given: "-Relationships @()" removes every relationship, and an empty table list must be refused, not skipped.
        /// </summary>
        private static bool Unset(object? value) => value is null || (value is string text && string.IsNullOrWhiteSpace(text));

        private static bool Is(string key, params string[] names) => names.Any(n => string.Equals(n, key, StringComparison.OrdinalIgnoreCase));

        private static string? Agree(string? given, string? fromFile, string source, List<ValidationProblem> problems)
        {
            if (given is not null && fromFile is not null && !string.Equals(given, fromFile, StringComparison.Ordinal))
            {
                problems.Add(new ValidationProblem(ErrorIds.DatamartNameMismatch, $"Name, {source} (datamartName)", $"the parameter says '{given}' but the file is for '{fromFile}': a definition is applied only to its own datamart."));
            }

            return given ?? fromFile;
        }

        private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private static List<ValidationProblem> Distinct(List<ValidationProblem> problems) =>
            problems.GroupBy(p => (p.ErrorId, p.Field, p.Rule)).Select(g => g.First()).ToList();
    }
}
