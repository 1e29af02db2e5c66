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

namespace EmbedAdmin.Core.Datadog.SecureEmbeds
{
    /// <summary>
    /// Reads template variables from everything a person can write: hashtables or objects
    /// (@{ name='org_id'; prefix='org_id'; default_values=@('1'); visible_tags=@('1') }), the API's JSON, the
    /// one-cell form "name=v1|v2;name2:prefix=v3", SecureEmbedTemplateVariable objects from Get-SecureEmbed, and
    /// CSV columns named "tv_&lt;name&gt;".
    /// </summary>
    public static class TemplateVariableInput
    {
        /// <summary>Columns named tv_&lt;name&gt; each hold one variable's values, "v1|v2".</summary>
        public const string ColumnPrefix = "tv_";

        private static readonly string[] NameKeys = { "name" };
        private static readonly string[] PrefixKeys = { "prefix" };
        private static readonly string[] DefaultKeys = { "default_values", "defaultValues", "default" };
        private static readonly string[] VisibleKeys = { "visible_tags", "visibleTags", "visible" };

        /// <summary>Parses any supported form into a list; throws <see cref="FormatException"/> naming the rule broken.</summary>
        public static SecureEmbedTemplateVariables Parse(object? value)
        {
            var result = new List<SecureEmbedTemplateVariable>();
            Collect(value, result);
            var duplicate = result.GroupBy(v => v.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new FormatException($"the template variable '{duplicate.Key}' is given more than once.");
            }

            return new SecureEmbedTemplateVariables(result);
        }

        /// <summary>
        /// The variables a CSV row defines in tv_&lt;name&gt; columns. An empty cell is "not set", like every
        /// other cell; a bad one adds a problem named after its column.
        /// </summary>
        public static IReadOnlyList<SecureEmbedTemplateVariable> FromColumns(IReadOnlyDictionary<string, object?>? row, List<ValidationProblem> problems)
        {
            var result = new List<SecureEmbedTemplateVariable>();
            if (row is null)
            {
                return result;
            }

            foreach (var column in row)
            {
                if (!column.Key.StartsWith(ColumnPrefix, StringComparison.OrdinalIgnoreCase) || FieldValues.IsUnset(column.Value))
                {
                    continue;
                }

                var name = column.Key.Substring(ColumnPrefix.Length).Trim();
                var field = column.Key + " (data.attributes.selectable_template_vars)";
                if (name.Length == 0)
                {
                    problems.Add(new ValidationProblem(SecureEmbedFields.InvalidTemplateVariablesId, field, "a tv_ column needs a variable name after 'tv_'."));
                    continue;
                }

                try
                {
                    var values = Values(column.Value, "the values");
                    result.Add(new SecureEmbedTemplateVariable(name, name, values, values));
                }
                catch (FormatException exception)
                {
                    problems.Add(new ValidationProblem(SecureEmbedFields.InvalidTemplateVariablesId, field, exception.Message));
                }
            }

            return result;
        }

        private static void Collect(object? value, List<SecureEmbedTemplateVariable> result)
        {
            switch (value)
            {
                case null:
                    return;
                case SecureEmbedTemplateVariable variable:
                    result.Add(new SecureEmbedTemplateVariable(variable.Name, variable.Prefix, variable.DefaultValues, variable.VisibleTags));
                    return;
                case string text:
                    CollectText(text, result);
                    return;
                case IDictionary dictionary:
                    result.Add(FromDictionary(dictionary));
                    return;
                case IEnumerable sequence:
                    foreach (var item in sequence)
                    {
                        Collect(item, result);
                    }

                    return;
                default:
                    throw new FormatException($"expects hashtables with name, prefix, default_values and visible_tags, JSON, or 'name=value1|value2;…'; got a {value.GetType().Name}.");
            }
        }

        private static void CollectText(string text, List<SecureEmbedTemplateVariable> result)
        {
            var trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                return;
            }

            if (trimmed.StartsWith("[", StringComparison.Ordinal) || trimmed.StartsWith("{", StringComparison.Ordinal))
            {
                JsonNode? node;
                try
                {
                    node = JsonNode.Parse(trimmed);
                }
                catch (JsonException exception)
                {
                    throw new FormatException("is not valid JSON: " + exception.Message);
                }

                Collect(JsonPlain.ToPlain(node, scalarsAsText: true), result);
                return;
            }

            foreach (var entry in trimmed.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (entry.Trim().Length == 0)
                {
                    continue;
                }

                var equals = entry.IndexOf('=');
                if (equals <= 0)
                {
                    throw new FormatException($"expects 'name=value1|value2' entries separated by ';'; got '{entry.Trim()}'.");
                }

                var head = entry.Substring(0, equals).Trim();
                var colon = head.IndexOf(':');
                var name = (colon >= 0 ? head.Substring(0, colon) : head).Trim();
                var prefix = colon >= 0 ? head.Substring(colon + 1).Trim() : name;
                if (name.Length == 0 || prefix.Length == 0)
                {
                    throw new FormatException($"'{entry.Trim()}' needs a name (and, after ':', a prefix) before '='.");
                }

                var values = Values(entry.Substring(equals + 1), $"'{name}'");
                result.Add(new SecureEmbedTemplateVariable(name, prefix, values, values));
            }
        }

        /// <summary>
        /// "v1|v2" or a list. The one-cell forms must name at least one value: they set the visible tags too, and
        /// an empty visible list would let a viewer pick any value, i.e. see every customer's data.
        /// </summary>
        private static IReadOnlyList<string> Values(object? value, string what)
        {
            var values = value is string text
                ? text.Split('|').Select(v => v.Trim()).Where(v => v.Length > 0).ToList()
                : Strings(value, what).ToList();
            if (values.Count == 0)
            {
                throw new FormatException($"{what} must list at least one value (separate several with '|').");
            }

            return values;
        }

        private static SecureEmbedTemplateVariable FromDictionary(IDictionary dictionary)
        {
            var known = NameKeys.Concat(PrefixKeys).Concat(DefaultKeys).Concat(VisibleKeys).ToArray();
            foreach (DictionaryEntry entry in dictionary)
            {
                var key = entry.Key?.ToString() ?? string.Empty;
                if (!known.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    throw new FormatException($"'{key}' is not a template variable field; use name, prefix, default_values and visible_tags.");
                }
            }

            var name = Text(dictionary, NameKeys);
            var prefix = Text(dictionary, PrefixKeys);
            if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(prefix))
            {
                throw new FormatException("each template variable needs a name (or at least a prefix).");
            }

            // The docs: the name "usually matches the prefix unless you want a different display name".
            var resolvedName = string.IsNullOrEmpty(name) ? prefix! : name!;
            var defaults = Find(dictionary, DefaultKeys, out var d) ? Strings(d, "default_values").ToList() : null;
            var visible = Find(dictionary, VisibleKeys, out var v) ? Strings(v, "visible_tags").ToList() : null;
            return new SecureEmbedTemplateVariable(resolvedName, string.IsNullOrEmpty(prefix) ? resolvedName : prefix, defaults, visible);
        }

        private static string? Text(IDictionary dictionary, string[] keys)
        {
            if (!Find(dictionary, keys, out var value) || value is null)
            {
                return null;
            }

            if (value is string text)
            {
                return text.Trim();
            }

            if (value is IEnumerable and not IDictionary)
            {
                throw new FormatException($"{keys[0]} must be a single text value; got a list.");
            }

            return Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim();
        }

        private static bool Find(IDictionary dictionary, string[] keys, out object? value)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (keys.Contains(entry.Key?.ToString(), StringComparer.OrdinalIgnoreCase))
                {
                    value = entry.Value;
                    return true;
                }
            }

            value = null;
            return false;
        }

        private static IEnumerable<string> Strings(object? value, string what)
        {
            switch (value)
            {
                case null:
                    yield break;
                case string text:
                    yield return text.Trim();
                    yield break;
                case IDictionary:
                    throw new FormatException($"{what} must be text values; got an object.");
                case IEnumerable sequence:
                    foreach (var item in sequence)
                    {
                        if (item is null)
                        {
                            continue;
                        }

                        if (item is IEnumerable and not string)
                        {
                            throw new FormatException($"{what} must be a flat list of text values.");
                        }

                        yield return (Convert.ToString(item, CultureInfo.InvariantCulture) ?? string.Empty).Trim();
                    }

                    yield break;
                default:
                    yield return (Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty).Trim();
                    yield break;
            }
        }
    }
}
