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
    /// One settable field: the parameter (and CSV column) name, where it goes in the body, and its rule.
    /// Update cmdlets declare a table of these; <see cref="PartialUpdate"/> applies the table to the values given.
    /// </summary>
    public sealed class FieldSpec
    {
        private FieldSpec(string parameter, string apiPath, FieldKind kind, IReadOnlyList<string>? choices, string errorId, Func<object, FieldConversion>? custom)
        {
            Parameter = parameter;
            ApiPath = apiPath;
            Kind = kind;
            Choices = choices ?? Array.Empty<string>();
            ErrorId = errorId;
            this.custom = custom;
        }

        private readonly Func<object, FieldConversion>? custom;

        public string Parameter { get; }

        public string ApiPath { get; }

        /// <summary>The API's own name for the field (the last part of the path): the parameter's alias.</summary>
        public string ApiName => ApiPath.Substring(ApiPath.LastIndexOf('.') + 1);

        public FieldKind Kind { get; }

        public IReadOnlyList<string> Choices { get; }

        public string ErrorId { get; }

        public string DisplayName => $"{Parameter} ({ApiPath})";

        public static FieldSpec Text(string parameter, string apiPath) =>
            new(parameter, apiPath, FieldKind.Text, null, "Invalid" + parameter, null);

        public static FieldSpec Boolean(string parameter, string apiPath) =>
            new(parameter, apiPath, FieldKind.Boolean, null, "Invalid" + parameter, null);

        public static FieldSpec Choice(string parameter, string apiPath, params string[] choices) =>
            new(parameter, apiPath, FieldKind.Choice, choices, "Invalid" + parameter, null);

        public static FieldSpec Custom(string parameter, string apiPath, Func<object, FieldConversion> convert) =>
            new(parameter, apiPath, FieldKind.Custom, null, "Invalid" + parameter, convert);

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
