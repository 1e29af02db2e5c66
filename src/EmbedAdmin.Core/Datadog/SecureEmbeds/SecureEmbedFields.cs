using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.Datadog.SecureEmbeds
{
    /// <summary>
    /// The six attributes of a secure embed (docs.datadoghq.com/api/latest/dashboard-secure-embed), named as the cmdlets' parameters,
    /// with where each goes in the JSON:API body. Create and update share the table: create fills in the
    /// defaults for what was not given, update sends only what was given.
    /// </summary>
    public static class SecureEmbedFields
    {
        public const string StatusActive = "active";
        public const string StatusPaused = "paused";
        public const string InvalidTemplateVariablesId = ErrorIds.InvalidSelectableTemplateVariables;
        public const string AttributesPrefix = "data.attributes.";
        public const string TitlePath = "data.attributes.title";
        public const string TemplateVariablesPath = "data.attributes.selectable_template_vars";
        public const string TemplateVariablesParameter = "SelectableTemplateVariables";

        public static IReadOnlyList<string> LiveSpans { get; } = new[] { "15m", "1h", "4h", "1d", "2d", "1w", "1mo", "3mo" };

        public static IReadOnlyList<string> Statuses { get; } = new[] { StatusActive, StatusPaused };

        public static IReadOnlyList<string> Themes { get; } = new[] { "system", "light", "dark" };

        /// <summary>
        /// The secure-embed field table. Get-SecureEmbed's objects carry the template variables as
        /// TemplateVariables, whose text is the one-cell form, so that name is a column for the field as well.
        /// </summary>
        public static FieldTable Table { get; } = new(
            "secure embed",
            typeof(SecureEmbed),
            new[]
            {
                FieldSpec.Text("Title", TitlePath),
                FieldSpec.Choice("Status", "data.attributes.status", Statuses.ToArray()),
                FieldSpec.Choice("LiveSpan", "data.attributes.global_time.live_span", LiveSpans.ToArray()),
                FieldSpec.Boolean("GlobalTimeSelectable", "data.attributes.global_time_selectable"),
                FieldSpec.Custom(TemplateVariablesParameter, TemplateVariablesPath, ConvertTemplateVariables)
                    .WithLegacyNames("TemplateVariables")
                    .ReadsInto("TemplateVariables"),
                FieldSpec.Boolean("HighDensity", "data.attributes.viewing_preferences.high_density"),
                FieldSpec.Choice("Theme", "data.attributes.viewing_preferences.theme", Themes.ToArray()),
            },
            identity: new[] { "DashboardId", "Token" },
            // Datadog sets these; an exported file carries them, and applying it again ignores them.
            readOnly: new[] { "Id", "Url", "CreatedAt", "CredentialSuffix", "Credential", "CredentialNotice" });

        public static IReadOnlyList<FieldSpec> Fields => Table.Fields;

        /// <summary>
        /// What a person would pick when they say nothing: the last hour, a time picker, live, the viewer's own
        /// light/dark setting, normal density and no template variables. The title has no default: viewers see it.
        /// </summary>
        internal static IReadOnlyList<KeyValuePair<string, Func<JsonNode>>> CreateDefaults { get; } = new[]
        {
            Default("data.attributes.status", () => JsonValue.Create(StatusActive)!),
            Default("data.attributes.global_time.live_span", () => JsonValue.Create("1h")!),
            Default("data.attributes.global_time_selectable", () => JsonValue.Create(true)!),
            Default(TemplateVariablesPath, () => new JsonArray()),
            Default("data.attributes.viewing_preferences.high_density", () => JsonValue.Create(false)!),
            Default("data.attributes.viewing_preferences.theme", () => JsonValue.Create("system")!),
        };

        /// <summary>
        /// The values to apply: the bound parameters, with the row's tv_&lt;name&gt; columns added to the template
        /// variables. Problems in those columns are added to <paramref name="problems"/>.
        /// </summary>
        internal static IReadOnlyDictionary<string, object?> WithColumnVariables(
            IReadOnlyDictionary<string, object?> values,
            IReadOnlyDictionary<string, object?>? row,
            List<ValidationProblem> problems)
        {
            var columns = TemplateVariableInput.FromColumns(row, problems);
            if (columns.Count == 0)
            {
                return values;
            }

            var merged = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in values)
            {
                merged[pair.Key] = pair.Value;
            }

            var combined = new List<object?>();
            var given = values.FirstOrDefault(p => string.Equals(p.Key, TemplateVariablesParameter, StringComparison.OrdinalIgnoreCase)).Value;
            if (!FieldValues.IsUnset(given))
            {
                combined.Add(given);
            }

            combined.AddRange(columns);
            merged[TemplateVariablesParameter] = combined;
            return merged;
        }

        /// <summary>The value at a dotted path under an attributes object ("global_time.live_span"), or null.</summary>
        public static JsonNode? At(JsonObject attributes, string relativePath)
        {
            JsonNode? node = attributes;
            foreach (var part in relativePath.Split('.'))
            {
                node = node is JsonObject obj && obj.TryGetPropertyValue(part, out var child) ? child : null;
            }

            return node;
        }

        /// <summary>"title = "Q1", theme = "dark"": what ShouldProcess shows.</summary>
        internal static string Describe(PartialBody body) => string.Join(
            ", ",
            body.Paths.Where(p => p.StartsWith("data.attributes.", StringComparison.Ordinal))
                .Select(path => path.Substring(path.LastIndexOf('.') + 1) + " = " + body.Get(path)?.ToJsonString(EmbedAdminJson.Options)));

        private static FieldConversion ConvertTemplateVariables(object value)
        {
            try
            {
                return FieldConversion.Ok(TemplateVariableInput.Parse(value).ToJson());
            }
            catch (FormatException exception)
            {
                return FieldConversion.Fail(exception.Message);
            }
        }

        private static KeyValuePair<string, Func<JsonNode>> Default(string path, Func<JsonNode> value) => new(path, value);
    }
}
