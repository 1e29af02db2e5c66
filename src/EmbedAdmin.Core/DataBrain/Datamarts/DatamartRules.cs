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
    /// The rules of Create and Update Datamart (docs.usedatabrain.com/api-reference/update-datamart, create-datamart), checked on the request body before
    /// anything is sent, whatever shape the input came in. Enumerations are matched without regard to case and
    /// rewritten in the API's spelling.
    /// </summary>
    public static class DatamartRules
    {
        public static void CheckTables(List<DatamartTable> tables, string source, List<ValidationProblem> problems)
        {
            if (tables.Count == 0)
            {
                problems.Add(new ValidationProblem(ErrorIds.EmptyTableList, source + " (tableList)", "is empty: a datamart needs at least one table (the list replaces every table)."));
                return;
            }

            var seen = new HashSet<(string?, string)>();
            for (var i = 0; i < tables.Count; i++)
            {
                var table = tables[i];
                var path = $"{source} (tableList[{Index(i)}]{Named(table.Name)})";
                if (string.IsNullOrWhiteSpace(table.Name))
                {
                    problems.Add(new ValidationProblem(ErrorIds.MissingTableName, path, "name is required: a table of the datasource."));
                }
                else if (!seen.Add((table.SchemaName, table.Name)))
                {
                    problems.Add(new ValidationProblem(ErrorIds.DuplicateTable, path, $"table '{Qualified(table.SchemaName, table.Name)}' is listed twice."));
                }

                if (table.Columns.Count == 0)
                {
                    problems.Add(new ValidationProblem(ErrorIds.EmptyColumnList, path, "columns is empty: each table needs at least one column."));
                }

                var columns = new HashSet<string>(StringComparer.Ordinal);
                for (var j = 0; j < table.Columns.Count; j++)
                {
                    var column = table.Columns[j];
                    var columnPath = $"{source} (tableList[{Index(i)}]{Named(table.Name)}.columns[{Index(j)}]{Named(column.Name)})";
                    if (string.IsNullOrWhiteSpace(column.Name))
                    {
                        problems.Add(new ValidationProblem(ErrorIds.MissingColumnName, columnPath, "name is required."));
                    }
                    else if (!columns.Add(column.Name))
                    {
                        problems.Add(new ValidationProblem(ErrorIds.DuplicateColumn, columnPath, $"column '{column.Name}' is listed twice in table '{table.Name}'."));
                    }

                    if (column.IsCustomColumn == true && string.IsNullOrWhiteSpace(column.Sql))
                    {
                        problems.Add(new ValidationProblem(ErrorIds.MissingSql, columnPath, "sql is required when isCustomColumn is true: the column's SQL expression."));
                    }

                    // The service would keep (or drop) an expression nothing uses; it is almost always a forgotten isCustomColumn.
                    if (column.IsCustomColumn != true && !string.IsNullOrWhiteSpace(column.Sql))
                    {
                        problems.Add(new ValidationProblem(ErrorIds.UnexpectedSql, columnPath, "sql applies only to a custom column: set isCustomColumn to true, or remove sql."));
                    }
                }
            }
        }

        /// <param name="tenancy">Normalized in place.</param>
        /// <param name="requireLevel">Create needs tenancyLevel; an update may overlay fields on the current settings.</param>
        public static void CheckTenancy(DatamartTenancy tenancy, string source, bool requireLevel, List<ValidationProblem> problems)
        {
            var path = source + " (tenancySettings)";
            if (tenancy.TenancyLevel is not null)
            {
                var level = FieldValues.MatchAllowed(tenancy.TenancyLevel, DatamartVocabulary.TenancyLevels);
                if (level is null)
                {
                    problems.Add(new ValidationProblem(ErrorIds.InvalidTenancyLevel, path.TrimEnd(')') + ".tenancyLevel)", $"must be one of {string.Join(", ", DatamartVocabulary.TenancyLevels)}; got '{tenancy.TenancyLevel}'."));
                    return;
                }

                tenancy.TenancyLevel = level;
            }

            if (tenancy.ClientColumnType is not null)
            {
                var type = FieldValues.MatchAllowed(tenancy.ClientColumnType, DatamartVocabulary.ClientColumnTypes);
                if (type is null)
                {
                    problems.Add(new ValidationProblem(ErrorIds.InvalidClientColumnType, path.TrimEnd(')') + ".clientColumnType)", $"must be NUMBER or STRING; got '{tenancy.ClientColumnType}'."));
                }
                else
                {
                    tenancy.ClientColumnType = type;
                }
            }

            var tableFields = TableFields(tenancy).Where(f => f.Value is not null).Select(f => f.Name).ToList();
            switch (tenancy.TenancyLevel)
            {
                case DatamartVocabulary.Table:
                    var missing = TableFields(tenancy).Where(f => f.Value is null).Select(f => f.Name).ToList();
                    if (missing.Count > 0)
                    {
                        problems.Add(new ValidationProblem(ErrorIds.MissingTenancyField, path, $"TABLE tenancy needs {string.Join(", ", missing)} (the client mapping table and its columns)."));
                    }

                    if (tenancy.PrimaryDatabase is not null)
                    {
                        problems.Add(new ValidationProblem(ErrorIds.UnexpectedTenancyField, path, "primaryDatabase applies to DATABASE and MULTI_DATABASE tenancy; the service clears it for TABLE."));
                    }

                    break;
                case null:
                    if (requireLevel)
                    {
                        problems.Add(new ValidationProblem(ErrorIds.MissingTenancyField, path, "tenancyLevel is required: TABLE, DATABASE or MULTI_DATABASE."));
                    }
                    else if (tableFields.Count == 0 && tenancy.PrimaryDatabase is null)
                    {
                        problems.Add(new ValidationProblem(ErrorIds.EmptyTenancySettings, path, "sets nothing: give tenancyLevel, or the TABLE fields to change."));
                    }
                    else if (tenancy.PrimaryDatabase is not null)
                    {
                        // "if tenancySettings is sent without tenancyLevel, backend logic clears primaryDatabase to null".
                        problems.Add(new ValidationProblem(ErrorIds.UnexpectedTenancyField, path, "primaryDatabase needs tenancyLevel DATABASE or MULTI_DATABASE in the same request; without a level the service clears it."));
                    }

                    break;
                default:
                    if (tableFields.Count > 0)
                    {
                        problems.Add(new ValidationProblem(ErrorIds.UnexpectedTenancyField, path, $"{string.Join(", ", tableFields)} apply to TABLE tenancy only; the service drops them for {tenancy.TenancyLevel}. Remove them."));
                    }

                    break;
            }
        }

        /// <param name="relationships">Normalized in place.</param>
        /// <param name="tables">The table list sent in the same request, or null when it is not sent.</param>
        public static void CheckRelationships(List<DatamartRelationship> relationships, List<DatamartTable>? tables, string source, List<ValidationProblem> problems)
        {
            for (var i = 0; i < relationships.Count; i++)
            {
                var relationship = relationships[i];
                var path = $"{source} (relationships[{Index(i)}]{Named(relationship.RelationshipName)})";
                var missing = new[]
                {
                    ("parentTableName", relationship.ParentTableName), ("parentColumnName", relationship.ParentColumnName), ("childTableName", relationship.ChildTableName),
                    ("childColumnName", relationship.ChildColumnName), ("relationshipName", relationship.RelationshipName),
                }.Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => f.Item1).ToList();
                if (missing.Count > 0)
                {
                    problems.Add(new ValidationProblem(ErrorIds.MissingRelationshipField, path, $"needs {string.Join(", ", missing)}."));
                }

                if (relationship.Cardinality is not null)
                {
                    var cardinality = FieldValues.MatchAllowed(relationship.Cardinality, DatamartVocabulary.Cardinalities);
                    if (cardinality is null)
                    {
                        problems.Add(new ValidationProblem(ErrorIds.InvalidCardinality, path, $"cardinality must be one of {string.Join(", ", DatamartVocabulary.Cardinalities)}, or empty; got '{relationship.Cardinality}'."));
                    }
                    else
                    {
                        relationship.Cardinality = cardinality;
                    }
                }

                if (relationship.JoinType is not null)
                {
                    var join = DatamartVocabulary.MatchJoin(relationship.JoinType);
                    if (join is null)
                    {
                        problems.Add(new ValidationProblem(ErrorIds.InvalidJoinType, path, $"join must be one of {string.Join(", ", DatamartVocabulary.JoinTypes)}, or empty; got '{relationship.JoinType}'."));
                    }
                    else
                    {
                        relationship.JoinType = join;
                    }
                }

                if (tables is not null && missing.Count == 0)
                {
                    CheckEnds(relationship, tables, path, ErrorIds.UnknownRelationshipTable, ErrorIds.UnknownRelationshipColumn, "the table list of this request", problems);
                }
            }
        }

        /// <summary>Both ends of a relationship must be a table and column of the datamart (tables are named without schema).</summary>
        public static void CheckEnds(DatamartRelationship relationship, IReadOnlyList<DatamartTable> tables, string path, string tableErrorId, string columnErrorId, string where, List<ValidationProblem> problems)
        {
            foreach (var (tableName, columnName) in new[] { (relationship.ParentTableName, relationship.ParentColumnName), (relationship.ChildTableName, relationship.ChildColumnName) })
            {
                var matches = tables.Where(t => t.Name == tableName).ToList();
                if (matches.Count == 0)
                {
                    problems.Add(new ValidationProblem(tableErrorId, path, $"table '{tableName}' is not in {where}."));
                }
                else if (!matches.Any(t => t.Columns.Any(c => c.Name == columnName)))
                {
                    problems.Add(new ValidationProblem(columnErrorId, path, $"column '{tableName}.{columnName}' is not in {where}."));
                }
            }
        }

        internal static string Qualified(string? schema, string name) => string.IsNullOrEmpty(schema) ? name : schema + "." + name;

        private static IEnumerable<(string Name, string? Value)> TableFields(DatamartTenancy tenancy) =>
            DatamartFields.TableTenancyFields.Select(f => (f.ApiName, DatamartFields.Tenancy.Get(f, tenancy) as string));

        private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

        private static string Named(string? name) => string.IsNullOrWhiteSpace(name) ? string.Empty : " '" + name + "'";
    }
}
