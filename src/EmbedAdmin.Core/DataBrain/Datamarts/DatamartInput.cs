using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain.Datamarts
{
    /// <summary>
    /// Reads what a person can write for tables, tenancy and relationships into the request shapes: the typed
    /// objects of Get-Datamart (edited or not), hashtables and PSCustomObjects (as dictionaries), JSON text in the
    /// API's shape, or parsed JSON. Keys are matched without regard to case, under the API's name or the model's
    /// (name/tableName, columns/datamartTableColumns, join/JoinType); any other key is refused, so a misspelt
    /// setting fails instead of being dropped.
    /// </summary>
    public static class DatamartInput
    {
        private static readonly Key[] TableKeys =
        {
            new("name", "tableName"), new("schemaName"), new("clientColumn"), new("isHide"), new("label"), new("indexPattern"),
            new("columns", "datamartTableColumns"),
        };

        private static readonly Key[] ColumnKeys =
        {
            new("name", "columnName"), new("alias"), new("label"), new("isHide"), new("isCustomColumn"), new("sql"), new("isAggregate"),
            new("isApplyTimezone"), new("datatype"),
        };

        private static readonly Key[] TenancyKeys =
        {
            new("tenancyLevel"), new("clientColumnType"), new("schemaName"), new("tableName"), new("tableClientNameColumn"),
            new("tablePrimaryKeyColumn"), new("primaryDatabase"),
        };

        private static readonly Key[] RelationshipKeys =
        {
            new("parentTableName"), new("parentColumnName"), new("childTableName"), new("childColumnName"), new("relationshipName"),
            new("cardinality"), new("join", "joinType"),
        };

        public static List<TableBody>? ReadTables(object? value, string source, List<ValidationProblem> problems)
        {
            var normalized = Normalize(value);
            if (Unreadable(normalized, "InvalidTableList", source + " (tableList)", problems))
            {
                return null;
            }

            var items = Items(normalized, v => v is DatamartTable);
            if (items is null)
            {
                problems.Add(new ValidationProblem("InvalidTableList", source + " (tableList)", $"expects tables: Get-Datamart's table objects, hashtables or a JSON array in the API's shape; got {FieldValues.Describe(value)}."));
                return null;
            }

            var tables = new List<TableBody>();
            for (var i = 0; i < items.Count; i++)
            {
                var path = $"{source} (tableList[{i.ToString(CultureInfo.InvariantCulture)}])";
                switch (items[i])
                {
                    case DatamartTable typed:
                        tables.Add(DatamartMapping.ToBody(typed));
                        break;
                    case IDictionary<string, object?> dictionary:
                        tables.Add(ReadTable(dictionary, path, problems));
                        break;
                    default:
                        problems.Add(new ValidationProblem("InvalidTableList", path, $"expects a table object; got {FieldValues.Describe(items[i])}."));
                        break;
                }
            }

            return tables;
        }

        public static TenancyBody? ReadTenancy(object? value, string source, List<ValidationProblem> problems)
        {
            var normalized = Normalize(value);
            if (Unreadable(normalized, "InvalidTenancySettings", source + " (tenancySettings)", problems))
            {
                return null;
            }

            switch (normalized)
            {
                case DatamartTenancy typed:
                    return DatamartMapping.ToBody(typed);
                case IDictionary<string, object?> dictionary:
                    var fields = Fields(dictionary, TenancyKeys, source + " (tenancySettings)", "InvalidTenancySettings", problems);
                    return new TenancyBody
                    {
                        TenancyLevel = Text(fields, "tenancyLevel", "InvalidTenancySettings", problems),
                        ClientColumnType = Text(fields, "clientColumnType", "InvalidTenancySettings", problems),
                        SchemaName = Text(fields, "schemaName", "InvalidTenancySettings", problems),
                        TableName = Text(fields, "tableName", "InvalidTenancySettings", problems),
                        TableClientNameColumn = Text(fields, "tableClientNameColumn", "InvalidTenancySettings", problems),
                        TablePrimaryKeyColumn = Text(fields, "tablePrimaryKeyColumn", "InvalidTenancySettings", problems),
                        PrimaryDatabase = Text(fields, "primaryDatabase", "InvalidTenancySettings", problems),
                    };
                default:
                    problems.Add(new ValidationProblem("InvalidTenancySettings", source + " (tenancySettings)", $"expects one tenancy object (Get-Datamart's Tenancy, a hashtable or a JSON object); got {FieldValues.Describe(value)}."));
                    return null;
            }
        }

        public static List<RelationshipBody>? ReadRelationships(object? value, string source, List<ValidationProblem> problems)
        {
            var normalized = Normalize(value);
            if (Unreadable(normalized, "InvalidRelationships", source + " (relationships)", problems))
            {
                return null;
            }

            var items = Items(normalized, v => v is DatamartRelationship);
            if (items is null)
            {
                problems.Add(new ValidationProblem("InvalidRelationships", source + " (relationships)", $"expects relationships: Get-Datamart's relationship objects, hashtables or a JSON array; got {FieldValues.Describe(value)}."));
                return null;
            }

            var relationships = new List<RelationshipBody>();
            for (var i = 0; i < items.Count; i++)
            {
                var path = $"{source} (relationships[{i.ToString(CultureInfo.InvariantCulture)}])";
                switch (items[i])
                {
                    case DatamartRelationship typed:
                        relationships.Add(DatamartMapping.ToBody(typed));
                        break;
                    case IDictionary<string, object?> dictionary:
                        var fields = Fields(dictionary, RelationshipKeys, path, "InvalidRelationships", problems);
                        relationships.Add(new RelationshipBody
                        {
                            ParentTableName = Text(fields, "parentTableName", "InvalidRelationships", problems) ?? string.Empty,
                            ParentColumnName = Text(fields, "parentColumnName", "InvalidRelationships", problems) ?? string.Empty,
                            ChildTableName = Text(fields, "childTableName", "InvalidRelationships", problems) ?? string.Empty,
                            ChildColumnName = Text(fields, "childColumnName", "InvalidRelationships", problems) ?? string.Empty,
                            RelationshipName = Text(fields, "relationshipName", "InvalidRelationships", problems) ?? string.Empty,
                            Cardinality = Text(fields, "cardinality", "InvalidRelationships", problems),
                            Join = Text(fields, "join", "InvalidRelationships", problems),
                        });
                        break;
                    default:
                        problems.Add(new ValidationProblem("InvalidRelationships", path, $"expects a relationship object; got {FieldValues.Describe(items[i])}."));
                        break;
                }
            }

            return relationships;
        }

        /// <summary>
        /// Plain .NET values from JSON: objects become case-insensitive dictionaries, arrays lists, and values
        /// strings, booleans or numbers. JSON text (a string starting with '[' or '{') is parsed first.
        /// </summary>
        public static object? Normalize(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    var trimmed = text.Trim();
                    if (trimmed.StartsWith("[", StringComparison.Ordinal) || trimmed.StartsWith("{", StringComparison.Ordinal))
                    {
                        try
                        {
                            return JsonPlain.ToPlain(JsonNode.Parse(trimmed, null, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }));
                        }
                        catch (JsonException exception)
                        {
                            return new UnreadableJson(exception.Message);
                        }
                    }

                    return text;
                case JsonNode node:
                    return JsonPlain.ToPlain(node);
                case IDictionary dictionary:
                    var copy = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        copy[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = Normalize(entry.Value);
                    }

                    return copy;
                case IEnumerable sequence:
                    return sequence.Cast<object?>().Select(Normalize).ToList();
                default:
                    return value;
            }
        }

        private static bool Unreadable(object? normalized, string errorId, string path, List<ValidationProblem> problems)
        {
            if (normalized is UnreadableJson bad)
            {
                problems.Add(new ValidationProblem(errorId, path, "is not valid JSON: " + bad.Message));
                return true;
            }

            return false;
        }

        /// <summary>A list of items; a single item (a dictionary or a typed object) counts as a list of one.</summary>
        private static List<object?>? Items(object? normalized, Func<object?, bool> isTyped) => normalized switch
        {
            List<object?> list => list,
            IDictionary<string, object?> single => new List<object?> { single },
            _ when isTyped(normalized) => new List<object?> { normalized },
            _ => null,
        };

        private static TableBody ReadTable(IDictionary<string, object?> dictionary, string path, List<ValidationProblem> problems)
        {
            var fields = Fields(dictionary, TableKeys, path, "InvalidTableList", problems);
            var table = new TableBody
            {
                Name = Text(fields, "name", "InvalidTableList", problems) ?? string.Empty,
                SchemaName = Text(fields, "schemaName", "InvalidTableList", problems),
                ClientColumn = Text(fields, "clientColumn", "InvalidTableList", problems),
                IsHide = Flag(fields, "isHide", problems),
                Label = Text(fields, "label", "InvalidTableList", problems),
                IndexPattern = Text(fields, "indexPattern", "InvalidTableList", problems),
            };
            if (!fields.TryGetValue("columns", out var columnsField) || columnsField.Value is null)
            {
                return table;
            }

            var columns = Items(columnsField.Value, v => v is DatamartColumn);
            if (columns is null)
            {
                problems.Add(new ValidationProblem("InvalidTableList", columnsField.Path, $"expects a list of columns; got {FieldValues.Describe(columnsField.Value)}."));
                return table;
            }

            for (var j = 0; j < columns.Count; j++)
            {
                var columnPath = path.TrimEnd(')') + $".columns[{j.ToString(CultureInfo.InvariantCulture)}])";
                switch (columns[j])
                {
                    case DatamartColumn typed:
                        table.Columns.Add(DatamartMapping.ToBody(typed));
                        break;
                    case IDictionary<string, object?> column:
                        var c = Fields(column, ColumnKeys, columnPath, "InvalidTableList", problems);
                        table.Columns.Add(new ColumnBody
                        {
                            Name = Text(c, "name", "InvalidTableList", problems) ?? string.Empty,
                            Alias = Text(c, "alias", "InvalidTableList", problems),
                            Label = Text(c, "label", "InvalidTableList", problems),
                            IsHide = Flag(c, "isHide", problems),
                            IsCustomColumn = Flag(c, "isCustomColumn", problems),
                            Sql = Text(c, "sql", "InvalidTableList", problems),
                            IsAggregate = Flag(c, "isAggregate", problems),
                            IsApplyTimezone = Flag(c, "isApplyTimezone", problems),
                        });
                        break;
                    default:
                        problems.Add(new ValidationProblem("InvalidTableList", columnPath, $"expects a column object; got {FieldValues.Describe(columns[j])}."));
                        break;
                }
            }

            return table;
        }

        /// <summary>The dictionary's values by canonical key; unknown keys are reported.</summary>
        private static Dictionary<string, Field> Fields(IDictionary<string, object?> dictionary, Key[] keys, string path, string shapeErrorId, List<ValidationProblem> problems)
        {
            var fields = new Dictionary<string, Field>(StringComparer.Ordinal);
            foreach (var pair in dictionary)
            {
                var key = keys.FirstOrDefault(k => k.Matches(pair.Key));
                var fieldPath = path.TrimEnd(')') + "." + (key?.Name ?? pair.Key) + ")";
                if (pair.Value is UnreadableJson bad)
                {
                    problems.Add(new ValidationProblem(shapeErrorId, fieldPath, "is not valid JSON: " + bad.Message));
                }
                else if (key is null)
                {
                    problems.Add(new ValidationProblem("UnknownField", fieldPath, "is not a field the API knows: " + string.Join(", ", keys.Select(k => k.Name)) + "."));
                }
                else if (fields.ContainsKey(key.Name))
                {
                    problems.Add(new ValidationProblem("UnknownField", fieldPath, $"is given twice (as '{key.Name}' and an alias of it)."));
                }
                else
                {
                    fields[key.Name] = new Field(pair.Value, fieldPath);
                }
            }

            return fields;
        }

        private static string? Text(Dictionary<string, Field> fields, string key, string errorId, List<ValidationProblem> problems)
        {
            if (!fields.TryGetValue(key, out var field))
            {
                return null;
            }

            switch (field.Value)
            {
                case null:
                    return null;
                case string text:
                    return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
                case bool or long or double or int or decimal:
                    return Convert.ToString(field.Value, CultureInfo.InvariantCulture);
                default:
                    problems.Add(new ValidationProblem(errorId, field.Path, $"expects text; got {FieldValues.Describe(field.Value)}."));
                    return null;
            }
        }

        private static bool? Flag(Dictionary<string, Field> fields, string key, List<ValidationProblem> problems)
        {
            if (!fields.TryGetValue(key, out var field))
            {
                return null;
            }

            if (FieldValues.TryParseBoolean(field.Value, out var flag))
            {
                return flag;
            }

            problems.Add(new ValidationProblem("InvalidBooleanValue", field.Path, $"{FieldValues.BooleanRule}; got {FieldValues.Describe(field.Value)}."));
            return null;
        }

        private sealed class Key
        {
            private readonly string[] aliases;

            public Key(string name, params string[] aliases)
            {
                Name = name;
                this.aliases = aliases;
            }

            public string Name { get; }

            public bool Matches(string key) => string.Equals(key, Name, StringComparison.OrdinalIgnoreCase)
                || aliases.Any(a => string.Equals(key, a, StringComparison.OrdinalIgnoreCase));
        }

        private sealed class Field
        {
            public Field(object? value, string path)
            {
                Value = value;
                Path = path;
            }

            public object? Value { get; }

            public string Path { get; }
        }

        /// <summary>JSON text that could not be parsed, carried to where its field name is known.</summary>
        internal sealed class UnreadableJson
        {
            public UnreadableJson(string message)
            {
                Message = message;
            }

            public string Message { get; }
        }
    }
}
