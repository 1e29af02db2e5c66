using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;

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
                problems.Add(new ValidationProblem("DatasourceNameMismatch", "Path (datasourceName)", $"says '{change.DatasourceName}', but datamart '{current.Name}' reads '{current.DatasourceName}', and an update cannot change the datasource."));
            }

            var predicted = new Datamart
            {
                Name = current.Name,
                DatasourceName = current.DatasourceName,
                Tables = change.Tables is null ? current.Tables : change.Tables.Select(t => PredictTable(t, current.Tables)).ToList(),
                Tenancy = change.Tenancy is null ? current.Tenancy : PredictTenancy(change.Tenancy, current.Tenancy),
                Relationships = change.Relationships is null ? current.Relationships : change.Relationships.Select(DatamartMapping.ToModel).ToList(),
            };

            // tableList replaces the tables; relationships that were not sent stay, and must still fit.
            var tables = predicted.Tables.Select(DatamartMapping.ToBody).ToList();
            for (var i = 0; i < predicted.Relationships.Count; i++)
            {
                var relationship = DatamartMapping.ToBody(predicted.Relationships[i]);
                var path = $"Relationships (relationships[{i.ToString(CultureInfo.InvariantCulture)}] '{relationship.RelationshipName}')";
                if (change.Relationships is null && change.Tables is not null)
                {
                    DatamartRules.CheckEnds(relationship, tables, path, "DanglingRelationship", "DanglingRelationship", "the new table list (the relationship is kept because -Relationships was not given; give it too)", problems);
                }
                else if (change.Relationships is not null && change.Tables is null)
                {
                    DatamartRules.CheckEnds(relationship, tables, path, "UnknownRelationshipTable", "UnknownRelationshipColumn", $"datamart '{current.Name}'", problems);
                }
            }

            if (restoring && change.Tenancy is null && current.Tenancy is not null)
            {
                warnings.Add($"The saved definition has no tenancy settings, but datamart '{current.Name}' now has {current.Tenancy.TenancyLevel ?? "some"}: the API cannot remove tenancy settings, so they stay.");
            }

            return new DatamartPlan(current, predicted, Diff(current, predicted), problems, warnings);
        }

        /// <summary>A table given without a schema keeps the schema of the current table of that name.</summary>
        private static DatamartTable PredictTable(TableBody table, List<DatamartTable> current)
        {
            var model = DatamartMapping.ToModel(table);
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
        private static DatamartTenancy PredictTenancy(TenancyBody tenancy, DatamartTenancy? current) => tenancy.TenancyLevel switch
        {
            DatamartVocabulary.Table => new DatamartTenancy
            {
                TenancyLevel = DatamartVocabulary.Table,
                ClientColumnType = tenancy.ClientColumnType,
                SchemaName = tenancy.SchemaName,
                TableName = tenancy.TableName,
                TableClientNameColumn = tenancy.TableClientNameColumn,
                TablePrimaryKeyColumn = tenancy.TablePrimaryKeyColumn,
            },
            null => new DatamartTenancy
            {
                TenancyLevel = current?.TenancyLevel,
                ClientColumnType = tenancy.ClientColumnType ?? current?.ClientColumnType,
                SchemaName = tenancy.SchemaName ?? current?.SchemaName,
                TableName = tenancy.TableName ?? current?.TableName,
                TableClientNameColumn = tenancy.TableClientNameColumn ?? current?.TableClientNameColumn,
                TablePrimaryKeyColumn = tenancy.TablePrimaryKeyColumn ?? current?.TablePrimaryKeyColumn,
            },
            _ => new DatamartTenancy { TenancyLevel = tenancy.TenancyLevel, PrimaryDatabase = tenancy.PrimaryDatabase },
        };

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
                var changed = Changed(
                    ("label", was.Label, table.Label),
                    ("clientColumn", was.ClientColumn, table.ClientColumn),
                    ("isHide", Flag(was.IsHide), Flag(table.IsHide)),
                    ("indexPattern", was.IndexPattern, table.IndexPattern));
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
                    var columnChanges = Changed(
                        ("alias", prior.Alias, column.Alias),
                        ("label", prior.Label, column.Label),
                        ("isHide", Flag(prior.IsHide), Flag(column.IsHide)),
                        ("isCustomColumn", Flag(prior.IsCustomColumn), Flag(column.IsCustomColumn)),
                        ("sql", prior.Sql, column.Sql),
                        ("isAggregate", Flag(prior.IsAggregate), Flag(column.IsAggregate)),
                        ("isApplyTimezone", Flag(prior.IsApplyTimezone), Flag(column.IsApplyTimezone)));
                    if (columnChanges.Length > 0)
                    {
                        lines.Add($"column {Key(table)}.{column.Name}: {columnChanges}");
                    }
                }
            }
        }

        private static void DiffTenancy(DatamartTenancy? before, DatamartTenancy? after, List<string> lines)
        {
            var changed = Changed(
                ("tenancyLevel", before?.TenancyLevel, after?.TenancyLevel),
                ("clientColumnType", before?.ClientColumnType, after?.ClientColumnType),
                ("schemaName", before?.SchemaName, after?.SchemaName),
                ("tableName", before?.TableName, after?.TableName),
                ("tableClientNameColumn", before?.TableClientNameColumn, after?.TableClientNameColumn),
                ("tablePrimaryKeyColumn", before?.TablePrimaryKeyColumn, after?.TablePrimaryKeyColumn),
                ("primaryDatabase", before?.PrimaryDatabase, after?.PrimaryDatabase));
            if (changed.Length > 0)
            {
                lines.Add("tenancy: " + changed);
            }
        }

        private static void DiffRelationships(List<DatamartRelationship> before, List<DatamartRelationship> after, List<string> lines)
        {
            string Key(DatamartRelationship r) => string.Join("\u0001", r.RelationshipName, r.ParentTableName, r.ParentColumnName, r.ChildTableName, r.ChildColumnName, r.Cardinality, r.JoinType);
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
            string.Join("; ", fields.Where(f => !string.Equals(f.Before, f.After, StringComparison.Ordinal)).Select(f => $"{f.Name} {Show(f.Before)} -> {Show(f.After)}"));

        private static string Flag(bool value) => value ? "true" : "false";

        private static string Show(string? value) => value switch
        {
            null => "(none)",
            "true" or "false" => value,
            _ => "'" + value + "'",
        };

        private static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? string.Empty : "s");
    }
}
