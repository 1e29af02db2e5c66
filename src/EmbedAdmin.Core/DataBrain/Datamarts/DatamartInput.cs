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
        public static List<DatamartTable>? ReadTables(object? value, string source, List<ValidationProblem> problems)
        {
            var normalized = Normalize(value);
            if (Unreadable(normalized, ErrorIds.InvalidTableList, source + " (tableList)", problems))
            {
                return null;
            }

            var items = Items(normalized, v => v is DatamartTable);
            if (items is null)
            {
                problems.Add(new ValidationProblem(ErrorIds.InvalidTableList, source + " (tableList)", $"expects tables: Get-Datamart's table objects, hashtables or a JSON array in the API's shape; got {FieldValues.Describe(value)}."));
                return null;
            }

            var tables = new List<DatamartTable>();
            for (var i = 0; i < items.Count; i++)
            {
                var path = $"{source} (tableList[{i.ToString(CultureInfo.InvariantCulture)}])";
                switch (items[i])
                {
                    case DatamartTable typed:
                        tables.Add(DatamartFields.Copy(typed, DatamartFields.Table));
                        break;
                    case IDictionary<string, object?> dictionary:
                        tables.Add(ReadTable(dictionary, path, problems));
                        break;
                    default:
                        problems.Add(new ValidationProblem(ErrorIds.InvalidTableList, path, $"expects a table object; got {FieldValues.Describe(items[i])}."));
                        break;
                }
            }

            return tables;
        }

        public static DatamartTenancy? ReadTenancy(object? value, string source, List<ValidationProblem> problems)
        {
            var normalized = Normalize(value);
            if (Unreadable(normalized, ErrorIds.InvalidTenancySettings, source + " (tenancySettings)", problems))
            {
                return null;
            }

            switch (normalized)
            {
                case DatamartTenancy typed:
                    return DatamartFields.Copy(typed, DatamartFields.Tenancy);
                case IDictionary<string, object?> dictionary:
                    return Read<DatamartTenancy>(dictionary, DatamartFields.Tenancy, source + " (tenancySettings)", ErrorIds.InvalidTenancySettings, problems);
                default:
                    problems.Add(new ValidationProblem(ErrorIds.InvalidTenancySettings, source + " (tenancySettings)", $"expects one tenancy object (Get-Datamart's Tenancy, a hashtable or a JSON object); got {FieldValues.Describe(value)}."));
                    return null;
            }
        }

        public static List<DatamartRelationship>? ReadRelationships(object? value, string source, List<ValidationProblem> problems)
        {
            var normalized = Normalize(value);
            if (Unreadable(normalized, ErrorIds.InvalidRelationships, source + " (relationships)", problems))
            {
                return null;
            }

            var items = Items(normalized, v => v is DatamartRelationship);
            if (items is null)
            {
                problems.Add(new ValidationProblem(ErrorIds.InvalidRelationships, source + " (relationships)", $"expects relationships: Get-Datamart's relationship objects, hashtables or a JSON array; got {FieldValues.Describe(value)}."));
                return null;
            }

            var relationships = new List<DatamartRelationship>();
            for (var i = 0; i < items.Count; i++)
            {
                var path = $"{source} (relationships[{i.ToString(CultureInfo.InvariantCulture)}])";
                switch (items[i])
                {
                    case DatamartRelationship typed:
                        relationships.Add(DatamartFields.Copy(typed, DatamartFields.Relationship));
                        break;
                    case IDictionary<string, object?> dictionary:
                        relationships.Add(Read<DatamartRelationship>(dictionary, DatamartFields.Relationship, path, ErrorIds.InvalidRelationships, problems));
                        break;
                    default:
                        problems.Add(new ValidationProblem(ErrorIds.InvalidRelationships, path, $"expects a relationship object; got {FieldValues.Describe(items[i])}."));
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

        private static DatamartTable ReadTable(IDictionary<string, object?> dictionary, string path, List<ValidationProblem> problems)
        {
            var table = Read<DatamartTable>(dictionary, DatamartFields.Table, path, ErrorIds.InvalidTableList, problems, out var columnsField);
            if (columnsField is null || columnsField.Value.Value is null)
            {
                return table;
            }

            var (value, columnsPath) = columnsField.Value;
            var columns = Items(value, v => v is DatamartColumn);
            if (columns is null)
            {
                problems.Add(new ValidationProblem(ErrorIds.InvalidTableList, columnsPath, $"expects a list of columns; got {FieldValues.Describe(value)}."));
                return table;
            }

            for (var j = 0; j < columns.Count; j++)
            {
                var columnPath = path.TrimEnd(')') + $".columns[{j.ToString(CultureInfo.InvariantCulture)}])";
                switch (columns[j])
                {
                    case DatamartColumn typed:
                        table.Columns.Add(DatamartFields.Copy(typed, DatamartFields.Column));
                        break;
                    case IDictionary<string, object?> column:
                        table.Columns.Add(Read<DatamartColumn>(column, DatamartFields.Column, columnPath, ErrorIds.InvalidTableList, problems));
                        break;
                    default:
                        problems.Add(new ValidationProblem(ErrorIds.InvalidTableList, columnPath, $"expects a column object; got {FieldValues.Describe(columns[j])}."));
                        break;
                }
            }

            return table;
        }

        private static T Read<T>(IDictionary<string, object?> dictionary, FieldTable table, string path, string shapeErrorId, List<ValidationProblem> problems)
            where T : class, new() => Read<T>(dictionary, table, path, shapeErrorId, problems, out _);

        /// <summary>
        /// An object from a dictionary in the API's shape, each key matched to its field by the table (API, legacy,
        /// parameter or model name) and read as the field's kind; an unknown key, or a field given twice, is refused.
        /// A list-valued field (a table's columns) is handed back unread, with its path, for the caller.
        /// </summary>
        private static T Read<T>(IDictionary<string, object?> dictionary, FieldTable table, string path, string shapeErrorId, List<ValidationProblem> problems, out (object? Value, string Path)? nested)
            where T : class, new()
        {
            nested = null;
            var model = new T();
            var seen = new HashSet<FieldSpec>();
            foreach (var pair in dictionary)
            {
                var field = table.FindKey(pair.Key);
                var fieldPath = path.TrimEnd(')') + "." + (field?.ApiName ?? pair.Key) + ")";
                if (pair.Value is UnreadableJson bad)
                {
                    problems.Add(new ValidationProblem(shapeErrorId, fieldPath, "is not valid JSON: " + bad.Message));
                }
                else if (field is null && table.IsReadOnly(pair.Key))
                {
                    // The datasource's own value (a column's datatype): Get-Datamart writes it, an update never sends it.
                }
                else if (field is null)
                {
                    problems.Add(new ValidationProblem(ErrorIds.UnknownField, fieldPath, "is not a field the API knows: " + string.Join(", ", table.Fields.Select(f => f.ApiName).Concat(table.ReadOnlyColumns.Select(Camel))) + "."));
                }
                else if (!seen.Add(field))
                {
                    problems.Add(new ValidationProblem(ErrorIds.UnknownField, fieldPath, $"is given twice (as '{field.ApiName}' and an alias of it)."));
                }
                else if (field.Kind == FieldKind.Custom)
                {
                    nested = (pair.Value, fieldPath);
                }
                else if (field.Kind == FieldKind.Boolean)
                {
                    table.Set(field, model, Flag(pair.Value, fieldPath, problems));
                }
                else if (Text(pair.Value, fieldPath, shapeErrorId, problems) is { } text)
                {
                    // A blank value is not set: a name keeps its empty default, which the rules then refuse.
                    table.Set(field, model, text);
                }
            }

            return model;
        }

        private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);

        private static string? Text(object? value, string path, string errorId, List<ValidationProblem> problems)
        {
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
                case bool or long or double or int or decimal:
                    return Convert.ToString(value, CultureInfo.InvariantCulture);
                default:
                    problems.Add(new ValidationProblem(errorId, path, $"expects text; got {FieldValues.Describe(value)}."));
                    return null;
            }
        }

        private static bool Flag(object? value, string path, List<ValidationProblem> problems)
        {
            if (FieldValues.TryParseBoolean(value, out var flag))
            {
                return flag ?? false;
            }

            problems.Add(new ValidationProblem(ErrorIds.InvalidBooleanValue, path, $"{FieldValues.BooleanRule}; got {FieldValues.Describe(value)}."));
            return false;
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
