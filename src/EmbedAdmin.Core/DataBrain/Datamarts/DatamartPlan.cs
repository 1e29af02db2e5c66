using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain.Datamarts
{
    /// <summary>
    /// What an update would do to the datamart as it is now: the definition it would leave (following the update
    /// page's rules), one line per difference for -WhatIf and -Confirm, and the problems only the current
    /// definition reveals (relationships left pointing at tables the new table list drops).
    /// </summary>
    public sealed class DatamartPlan
    {
        private DatamartPlan(Datamart current, Datamart predicted, IReadOnlyList<string> changes, IReadOnlyList<ValidationProblem> problems, IReadOnlyList<string> warnings)
        {
            Current = current;
            Predicted = predicted;
            Changes = changes;
            Problems = problems;
            Warnings = warnings;
        }

        public Datamart Current { get; }

        public Datamart Predicted { get; }

        /// <summary>"table public.orders: added (6 columns)", "column public.orders.amount: label (none) -> 'Amount'", …</summary>
        public IReadOnlyList<string> Changes { get; }

        public bool HasChanges => Changes.Count > 0;

        /// <summary>When nothing changes: one line per part, naming the fields compared and ending "(no change)".</summary>
        public IReadOnlyList<string> Unchanged { get; private set; } = Array.Empty<string>();

        /// <summary>Rules broken against the current definition; when any, nothing may be sent.</summary>
        public IReadOnlyList<ValidationProblem> Problems { get; }

        /// <summary>What the update cannot do although the input asks for it.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <param name="current">The datamart as the list shows it now.</param>
        /// <param name="change">The validated update.</param>
        /// <param name="restoring">The change is a whole saved definition (Restore-Datamart), which should leave the datamart exactly as saved.</param>
        public static DatamartPlan Create(Datamart current, DatamartChange change, bool restoring = false)
        {
            var problems = new List<ValidationProblem>();
            var warnings = new List<string>();
            if (change.DatasourceName is not null && current.DatasourceName is not null && !string.Equals(change.DatasourceName, current.DatasourceName, StringComparison.Ordinal))
            {
                problems.Add(new ValidationProblem(ErrorIds.DatasourceNameMismatch, "Path (datasourceName)", $"says '{change.DatasourceName}', but datamart '{current.Name}' reads '{current.DatasourceName}', and an update cannot change the datasource."));
            }

            var predicted = new Datamart
            {
                Name = current.Name,
                DatasourceName = current.DatasourceName,
                Tables = change.Tables is null ? current.Tables : change.Tables.Select(t => PredictTable(t, current.Tables)).ToList(),
                Tenancy = change.Tenancy is null ? current.Tenancy : PredictTenancy(change.Tenancy, current.Tenancy),
                Relationships = change.Relationships is null ? current.Relationships : change.Relationships.Select(r => DatamartFields.Copy(r, DatamartFields.Relationship)).ToList(),
            };

            // tableList replaces the tables; relationships that were not sent stay, and must still fit.
            var tables = predicted.Tables;
            for (var i = 0; i < predicted.Relationships.Count; i++)
            {
                var relationship = predicted.Relationships[i];
                var path = $"Relationships (relationships[{i.ToString(CultureInfo.InvariantCulture)}] '{relationship.RelationshipName}')";
                if (change.Relationships is null && change.Tables is not null)
                {
                    DatamartRules.CheckEnds(relationship, tables, path, ErrorIds.DanglingRelationship, ErrorIds.DanglingRelationship, "the new table list (the relationship is kept because -Relationships was not given; give it too)", problems);
                }
                else if (change.Relationships is not null && change.Tables is null)
                {
                    DatamartRules.CheckEnds(relationship, tables, path, ErrorIds.UnknownRelationshipTable, ErrorIds.UnknownRelationshipColumn, $"datamart '{current.Name}'", problems);
                }
            }

            if (restoring && change.Tenancy is null && current.Tenancy is not null)
            {
                warnings.Add($"The saved definition has no tenancy settings, but datamart '{current.Name}' now has {current.Tenancy.TenancyLevel ?? "some"}: the API cannot remove tenancy settings, so they stay.");
            }

            return new DatamartPlan(current, predicted, Diff(current, predicted), problems, warnings) { Unchanged = Same(predicted) };
        }

        /// <summary>A table given without a schema keeps the schema of the current table of that name.</summary>
        private static DatamartTable PredictTable(DatamartTable table, List<DatamartTable> current)
        {
            var model = DatamartFields.Copy(table, DatamartFields.Table);
            var sameName = current.Where(t => t.Name == table.Name).ToList();
            if (model.SchemaName is null && sameName.Count == 1)
            {
                model.SchemaName = sameName[0].SchemaName;
            }

            var match = sameName.FirstOrDefault(t => t.SchemaName == model.SchemaName);
            foreach (var column in model.Columns)
            {
                column.Datatype = match?.Columns.FirstOrDefault(c => c.Name == column.Name)?.Datatype;
            }

            return model;
        }

        /// <summary>
        /// The update page: with TABLE the settings are replaced and primaryDatabase cleared; with DATABASE or
        /// MULTI_DATABASE primaryDatabase is kept (or null) and the table fields go; without a level the fields
        /// given overlay the current ones and primaryDatabase is cleared.
        /// </summary>
        private static DatamartTenancy PredictTenancy(DatamartTenancy tenancy, DatamartTenancy? current)
        {
            var table = DatamartFields.Tenancy;
            var predicted = tenancy.TenancyLevel is null && current is not null
                ? table.ReadInto(DatamartFields.Copy(current, table), table.ToJson(tenancy))
                : DatamartFields.Copy(tenancy, table);
            var cleared = tenancy.TenancyLevel is DatamartVocabulary.Database or DatamartVocabulary.MultiDatabase
                ? DatamartFields.TableTenancyFields
                : new[] { DatamartFields.PrimaryDatabase };
            foreach (var field in cleared)
            {
                table.Set(field, predicted, null);
            }

            return predicted;
        }

        /// <summary>
        /// What -WhatIf says of an update that would change nothing: each table with the fields compared, from the
        /// field tables, so that "no change" is seen to cover every field of every column row.
        /// </summary>
        private static IReadOnlyList<string> Same(Datamart predicted)
        {
            var tableFields = string.Join(", ", Compared(DatamartFields.Table).Select(f => f.ApiName));
            var columnFields = string.Join(", ", Compared(DatamartFields.Column).Select(f => f.ApiName));
            var lines = predicted.Tables
                .Select(t => $"table {DatamartRules.Qualified(t.SchemaName, t.Name)}: {tableFields}; {Count(t.Columns.Count, "column")} ({string.Join(", ", t.Columns.Select(c => c.Name))}): {columnFields} (no change)")
                .ToList();
            lines.Add($"tenancy: {string.Join(", ", DatamartFields.Tenancy.Fields.Select(f => f.ApiName))} (no change)");
            lines.Add($"relationships: {Count(predicted.Relationships.Count, "relationship")} (no change)");
            return lines;
        }

        public static IReadOnlyList<string> Diff(Datamart before, Datamart after)
        {
            var lines = new List<string>();
            DiffTables(before.Tables, after.Tables, lines);
            DiffTenancy(before.Tenancy, after.Tenancy, lines);
            DiffRelationships(before.Relationships, after.Relationships, lines);
            return lines;
        }

        private static void DiffTables(List<DatamartTable> before, List<DatamartTable> after, List<string> lines)
        {
            string Key(DatamartTable t) => DatamartRules.Qualified(t.SchemaName, t.Name);
            var old = before.GroupBy(Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var now = after.GroupBy(Key).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var table in after.Where(t => !old.ContainsKey(Key(t))))
            {
                lines.Add($"table {Key(table)}: added ({Count(table.Columns.Count, "column")}: {string.Join(", ", table.Columns.Select(c => c.Name))})");
            }

            foreach (var table in before.Where(t => !now.ContainsKey(Key(t))))
            {
                lines.Add($"table {Key(table)}: removed ({Count(table.Columns.Count, "column")})");
            }

            foreach (var table in after.Where(t => old.ContainsKey(Key(t))))
            {
                var was = old[Key(table)];
                var changed = Changed(DatamartFields.Table, was, table);
                if (changed.Length > 0)
                {
                    lines.Add($"table {Key(table)}: {changed}");
                }

                var oldColumns = was.Columns.GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                var newColumns = table.Columns.GroupBy(c => c.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                foreach (var column in table.Columns.Where(c => !oldColumns.ContainsKey(c.Name)))
                {
                    lines.Add($"column {Key(table)}.{column.Name}: added{(column.IsCustomColumn ? " (custom: " + column.Sql + ")" : string.Empty)}");
                }

                foreach (var column in was.Columns.Where(c => !newColumns.ContainsKey(c.Name)))
                {
                    lines.Add($"column {Key(table)}.{column.Name}: removed");
                }

                foreach (var column in table.Columns.Where(c => oldColumns.ContainsKey(c.Name)))
                {
                    var prior = oldColumns[column.Name];
                    var columnChanges = Changed(DatamartFields.Column, prior, column);
                    if (columnChanges.Length > 0)
                    {
                        lines.Add($"column {Key(table)}.{column.Name}: {columnChanges}");
                    }
                }
            }
        }

        private static void DiffTenancy(DatamartTenancy? before, DatamartTenancy? after, List<string> lines)
        {
            var table = DatamartFields.Tenancy;
            var changed = string.Join("; ", table.Fields
                .Select(f => (f.ApiName, Before: before is null ? null : Show(table.ToNode(f, before)), After: after is null ? null : Show(table.ToNode(f, after))))
                .Where(f => f.Before != f.After)
                .Select(f => $"{f.ApiName} {f.Before ?? None} -> {f.After ?? None}"));
            if (changed.Length > 0)
            {
                lines.Add("tenancy: " + changed);
            }
        }

        private static void DiffRelationships(List<DatamartRelationship> before, List<DatamartRelationship> after, List<string> lines)
        {
            string Key(DatamartRelationship r) => string.Join("\u0001", DatamartFields.Relationship.Fields.Select(f => Show(DatamartFields.Relationship.ToNode(f, r))));
            var removed = before.Where(r => !after.Any(a => Key(a) == Key(r))).ToList();
            var added = after.Where(r => !before.Any(b => Key(b) == Key(r))).ToList();
            foreach (var relationship in added.ToList())
            {
                var prior = removed.FirstOrDefault(r => r.RelationshipName == relationship.RelationshipName);
                if (prior is null)
                {
                    continue;
                }

                removed.Remove(prior);
                added.Remove(relationship);
                lines.Add($"relationship {relationship.RelationshipName}: " + Changed(
                    ("parent", prior.ParentTableName + "." + prior.ParentColumnName, relationship.ParentTableName + "." + relationship.ParentColumnName),
                    ("child", prior.ChildTableName + "." + prior.ChildColumnName, relationship.ChildTableName + "." + relationship.ChildColumnName),
                    ("cardinality", prior.Cardinality, relationship.Cardinality),
                    ("join", prior.JoinType, relationship.JoinType)));
            }

            lines.AddRange(added.Select(r => $"relationship {r.RelationshipName}: added ({r.ParentTableName}.{r.ParentColumnName} -> {r.ChildTableName}.{r.ChildColumnName}, {r.Cardinality ?? "no cardinality"}, {r.JoinType ?? "no join"})"));
            lines.AddRange(removed.Select(r => $"relationship {r.RelationshipName}: removed"));
        }

        private static string Changed(params (string Name, string? Before, string? After)[] fields) =>
            string.Join("; ", fields.Where(f => !string.Equals(f.Before, f.After, StringComparison.Ordinal)).Select(f => $"{f.Name} {Quote(f.Before)} -> {Quote(f.After)}"));

        /// <summary>"label (none) -> 'Amount'; isHide false -> true": every field of the table but the ones that name the object.</summary>
        private static string Changed(FieldTable table, object before, object after) =>
            string.Join("; ", Compared(table)
                .Select(f => (f.ApiName, Before: Show(table.ToNode(f, before)), After: Show(table.ToNode(f, after))))
                .Where(f => f.Before != f.After)
                .Select(f => $"{f.ApiName} {f.Before ?? None} -> {f.After ?? None}"));

        /// <summary>The fields compared one by one: not the name, schema or column list, which say which object it is.</summary>
        private static IEnumerable<FieldSpec> Compared(FieldTable table) =>
            table.Fields.Where(f => f.Kind != FieldKind.Custom && f.Parameter is not ("Name" or "SchemaName"));

        private const string None = "(none)";

        // Text quoted, flags as they are; null when not set.
        private static string? Show(System.Text.Json.Nodes.JsonNode? node) =>
            node is null ? null : node is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? "'" + text + "'" : node.ToJsonString();

        private static string Quote(string? value) => value is null ? None : "'" + value + "'";

        private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");
    }
}
