using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Core.Requests
{
    public enum FieldKind
    {
        Text,
        Boolean,
        Choice,
        Custom,
    }

    /// <summary>
    /// One settable field, declared once: the parameter (and CSV column) name, where it goes in the body, its rule,
    /// the other names a CSV column may use for it, and the model property it is read back into. A resource's
    /// <see cref="FieldTable"/> lists these; <see cref="PartialUpdate"/> applies them to the values given.
    /// </summary>
    public sealed class FieldSpec
    {
        private FieldSpec(
            string parameter,
            string apiPath,
            FieldKind kind,
            IReadOnlyList<string>? choices,
            string errorId,
            Func<object, FieldConversion>? custom,
            IReadOnlyList<string>? legacyNames,
            string? property,
            Func<JsonNode, object?>? reader = null,
            Func<object?, object?>? cell = null,
            bool apiNameIsColumn = true)
        {
            Parameter = parameter;
            ApiPath = apiPath;
            Kind = kind;
            Choices = choices ?? Array.Empty<string>();
            ErrorId = errorId;
            this.custom = custom;
            LegacyNames = legacyNames ?? Array.Empty<string>();
            Property = property;
            this.reader = reader;
            this.cell = cell;
            ApiNameIsColumn = apiNameIsColumn;
        }

        private readonly Func<object, FieldConversion>? custom;
        private readonly Func<JsonNode, object?>? reader;
        private readonly Func<object?, object?>? cell;

        public string Parameter { get; }

        /// <summary>
        /// Older names of the field that a CSV column or a response may still use (e.g. "tableList"). A legacy name
        /// that differs from the API name only in case needs no parameter alias: PowerShell binds without case.
        /// </summary>
        public IReadOnlyList<string> LegacyNames { get; }

        /// <summary>
        /// The model property the field's value is read back into (by default the parameter's name), or null for a
        /// field that is sent but never read back (<see cref="WriteOnly"/>).
        /// </summary>
        public string? Property { get; }

        /// <summary>Every name a column may carry for this field: the parameter, the API name and the legacy names.</summary>
        public IEnumerable<string> ColumnNames =>
            (ApiNameIsColumn ? new[] { Parameter, ApiName } : new[] { Parameter }).Concat(LegacyNames).Distinct(StringComparer.OrdinalIgnoreCase);

        /// <summary>False when the API's name would mean another field in the same row (see <see cref="NotByApiName"/>).</summary>
        public bool ApiNameIsColumn { get; }

        /// <summary>The header an export writes for the field: the API's name, or the parameter's where that name is not a column.</summary>
        public string ColumnName => ApiNameIsColumn ? ApiName : Parameter;

        public string ApiPath { get; }

        /// <summary>The API's own name for the field (the last part of the path): the parameter's alias.</summary>
        public string ApiName => ApiPath.Substring(ApiPath.LastIndexOf('.') + 1);

        public FieldKind Kind { get; }

        public IReadOnlyList<string> Choices { get; }

        public string ErrorId { get; }

        public string DisplayName => $"{Parameter} ({ApiPath})";

        public static FieldSpec Text(string parameter, string apiPath) =>
            new(parameter, apiPath, FieldKind.Text, null, ErrorIds.Invalid(parameter), null, null, parameter);

        public static FieldSpec Boolean(string parameter, string apiPath) =>
            new(parameter, apiPath, FieldKind.Boolean, null, ErrorIds.Invalid(parameter), null, null, parameter);

        public static FieldSpec Choice(string parameter, string apiPath, params string[] choices) =>
            new(parameter, apiPath, FieldKind.Choice, choices, ErrorIds.Invalid(parameter), null, null, parameter);

        public static FieldSpec Custom(string parameter, string apiPath, Func<object, FieldConversion> convert) =>
            new(parameter, apiPath, FieldKind.Custom, null, ErrorIds.Invalid(parameter), convert, null, parameter);

        /// <summary>The same field with older names a column or a response may use.</summary>
        public FieldSpec WithLegacyNames(params string[] names) =>
            new(Parameter, ApiPath, Kind, Choices, ErrorId, custom, names, Property, reader, cell, ApiNameIsColumn);

        /// <summary>The same field read back into a model property of another name.</summary>
        public FieldSpec ReadsInto(string property) =>
            new(Parameter, ApiPath, Kind, Choices, ErrorId, custom, LegacyNames, property, reader, cell, ApiNameIsColumn);

        /// <summary>
        /// The same field without a model property: it is sent (a create's template, filters, a file) but the
        /// object the cmdlet writes does not carry it, so nothing reads it back and no column exports it.
        /// </summary>
        public FieldSpec WriteOnly() =>
            new(Parameter, ApiPath, Kind, Choices, ErrorId, custom, LegacyNames, null, reader, cell, ApiNameIsColumn);

        /// <summary>
        /// The same field with its own way of reading the API's JSON into the model, and of writing the model's value
        /// as one CSV cell that <see cref="Convert"/> accepts again.
        /// </summary>
        public FieldSpec ReadWith(Func<JsonNode, object?> read, Func<object?, object?> toCell) =>
            new(Parameter, ApiPath, Kind, Choices, ErrorId, custom, LegacyNames, Property, read, toCell, ApiNameIsColumn);

        /// <summary>
        /// The same field without its API name as a column: where a row sets several objects, the bare name
        /// ("tableName") would mean a field of another object too, so only the parameter's name binds.
        /// </summary>
        public FieldSpec NotByApiName() =>
            new(Parameter, ApiPath, Kind, Choices, ErrorId, custom, LegacyNames, Property, reader, cell, apiNameIsColumn: false);

        /// <summary>The model value of a JSON value from the API: bool for flags, text for names and choices.</summary>
        public object? Read(JsonNode? node)
        {
            if (node is null)
            {
                return null;
            }

            if (reader is not null)
            {
                return reader(node);
            }

            return Kind switch
            {
                FieldKind.Boolean => node is JsonValue flag && flag.TryGetValue<bool>(out var b) ? b : null,
                _ => node is JsonValue text && text.TryGetValue<string>(out var s) ? s : null,
            };
        }

        /// <summary>The model value as a CSV cell (or pipeline value) that binds back to the parameter unchanged.</summary>
        public object? ToCell(object? value) => cell is null ? value : cell(value);

        /// <summary>
        /// A JSON value as a diff shows it: strings without quotes, everything else as the request would carry it
        /// after <see cref="Convert"/>, so a current value and a proposed one compare equal when they mean the same.
        /// </summary>
        public string Show(JsonNode? node)
        {
            if (node is null)
            {
                return NotSet;
            }

            if (reader is not null && cell is not null)
            {
                var again = ToCell(Read(node));
                if (again is not null && Convert(again) is { Rule: null, Value: { } normal })
                {
                    node = normal;
                }
            }

            return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node.ToJsonString(EmbedAdmin.Core.Json.EmbedAdminJson.Options);
        }

        public const string NotSet = "(not set)";

        /// <summary>Converts a set (non-empty) value to its JSON form, or says which rule it broke.</summary>
        public FieldConversion Convert(object value)
        {
            switch (Kind)
            {
                case FieldKind.Text:
                    var text = value as string ?? System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                    return FieldConversion.Ok(JsonValue.Create(text.Trim()));
                case FieldKind.Boolean:
                    return FieldValues.TryParseBoolean(value, out var flag) && flag.HasValue
                        ? FieldConversion.Ok(JsonValue.Create(flag.Value))
                        : FieldConversion.Fail($"{FieldValues.BooleanRule}; got {FieldValues.Describe(value)}.");
                case FieldKind.Choice:
                    var choice = value is string s ? FieldValues.MatchAllowed(s, Choices) : null;
                    return choice is not null
                        ? FieldConversion.Ok(JsonValue.Create(choice))
                        : FieldConversion.Fail($"must be one of {string.Join(", ", Choices)}; got {FieldValues.Describe(value)}.");
                default:
                    return custom!(value);
            }
        }
    }

    public sealed class FieldConversion
    {
        private FieldConversion(JsonNode? value, string? rule)
        {
            Value = value;
            Rule = rule;
        }

        public JsonNode? Value { get; }

        /// <summary>Null when the value was accepted; otherwise the broken rule in words.</summary>
        public string? Rule { get; }

        public static FieldConversion Ok(JsonNode? value) => new(value, null);

        public static FieldConversion Fail(string rule) => new(null, rule);
    }

    /// <summary>Builds a <see cref="PartialBody"/> from the values a caller set, checking each against its spec.</summary>
    public static class PartialUpdate
    {
        /// <param name="specs">The fields the endpoint accepts.</param>
        /// <param name="values">Parameter name to value, for the parameters that were bound. Unset (empty) values are skipped.</param>
        /// <param name="body">The body to add to.</param>
        /// <param name="problems">Receives one problem per field that broke its rule.</param>
        public static void Apply(IEnumerable<FieldSpec> specs, IReadOnlyDictionary<string, object?> values, PartialBody body, List<ValidationProblem> problems)
        {
            foreach (var spec in specs)
            {
                if (!TryGet(values, spec.Parameter, out var value) || FieldValues.IsUnset(value))
                {
                    continue;
                }

                var conversion = spec.Convert(value!);
                if (conversion.Rule is null)
                {
                    body.Set(spec.ApiPath, conversion.Value);
                }
                else
                {
                    problems.Add(new ValidationProblem(spec.ErrorId, spec.DisplayName, conversion.Rule));
                }
            }
        }

        private static bool TryGet(IReadOnlyDictionary<string, object?> values, string name, out object? value)
        {
            if (values.TryGetValue(name, out value))
            {
                return true;
            }

            foreach (var pair in values.Where(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)))
            {
                value = pair.Value;
                return true;
            }

            value = null;
            return false;
        }
    }
}
