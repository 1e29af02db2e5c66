using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EmbedAdmin.Core.Json;

namespace EmbedAdmin.Core.Models
{
    /// <summary>
    /// One selectable template variable of a secure embed (selectable_template_vars[]): the tag prefix it filters on,
    /// the values selected by default, and the values the viewer may see at all.
    /// </summary>
    public sealed class SecureEmbedTemplateVariable
    {
        public SecureEmbedTemplateVariable()
        {
        }

        public SecureEmbedTemplateVariable(string name, string? prefix, IReadOnlyList<string>? defaultValues, IReadOnlyList<string>? visibleTags)
        {
            Name = name;
            Prefix = prefix;
            DefaultValues = defaultValues;
            VisibleTags = visibleTags;
        }

        /// <summary>Display name; "usually matches the prefix unless you want a different display name".</summary>
        [JsonPropertyName("name")]
        public string Name { get; set; } = string.Empty;

        [JsonPropertyName("prefix")]
        public string? Prefix { get; set; }

        [JsonPropertyName("default_values")]
        public IReadOnlyList<string>? DefaultValues { get; set; }

        /// <summary>Restricts which tag values the viewer can pick: the line between one customer's data and another's.</summary>
        [JsonPropertyName("visible_tags")]
        public IReadOnlyList<string>? VisibleTags { get; set; }

        /// <summary>The one-cell form when it says everything ("org_id=1|2", "org:org_id=1"), otherwise the API's JSON.</summary>
        public override string ToString() => SecureEmbedTemplateVariables.IsCompact(this)
            ? SecureEmbedTemplateVariables.Compact(this)
            : ToJson().ToJsonString(EmbedAdminJson.Options);

        /// <summary>The request shape. Lists the caller did not give are left out rather than sent empty.</summary>
        internal JsonObject ToJson()
        {
            var json = new JsonObject { ["name"] = Name, ["prefix"] = Prefix ?? Name };
            if (DefaultValues is not null)
            {
                json["default_values"] = new JsonArray(DefaultValues.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            }

            if (VisibleTags is not null)
            {
                json["visible_tags"] = new JsonArray(VisibleTags.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            }

            return json;
        }
    }

    /// <summary>
    /// The template variables of a secure embed. Its text form is what Export-Csv writes, and what
    /// New-SecureEmbed and Set-SecureEmbed read back: "name=v1|v2;name2=v3" when every variable fits that form
    /// (prefix equal to the name, or written "name:prefix"; default values equal to the visible tags), else JSON.
    /// </summary>
    public sealed class SecureEmbedTemplateVariables : ReadOnlyCollection<SecureEmbedTemplateVariable>
    {
        public SecureEmbedTemplateVariables(IList<SecureEmbedTemplateVariable> items)
            : base(items)
        {
        }

        public static SecureEmbedTemplateVariables Empty { get; } = new(Array.Empty<SecureEmbedTemplateVariable>());

        public override string ToString()
        {
            if (Count == 0)
            {
                return string.Empty;
            }

            return this.All(IsCompact)
                ? string.Join(";", this.Select(Compact))
                : ToJson().ToJsonString(EmbedAdminJson.Options);
        }

        internal JsonArray ToJson() => new(this.Select(v => (JsonNode?)v.ToJson()).ToArray());

        internal static bool IsCompact(SecureEmbedTemplateVariable variable) =>
            variable.Name.Length > 0
            && variable.DefaultValues is { Count: > 0 } defaults
            && variable.VisibleTags is not null
            && defaults.SequenceEqual(variable.VisibleTags, StringComparer.Ordinal)
            && !HasSeparator(variable.Name) && !HasSeparator(variable.Prefix ?? string.Empty)
            && defaults.All(v => v.Length > 0 && v.IndexOfAny(new[] { '|', ';' }) < 0 && v.Trim() == v);

        internal static string Compact(SecureEmbedTemplateVariable variable)
        {
            var head = variable.Prefix is null || variable.Prefix == variable.Name ? variable.Name : variable.Name + ":" + variable.Prefix;
            return head + "=" + string.Join("|", variable.DefaultValues!);
        }

        private static bool HasSeparator(string text) => text.IndexOfAny(new[] { '=', ':', '|', ';' }) >= 0 || text.Trim() != text;
    }
}
