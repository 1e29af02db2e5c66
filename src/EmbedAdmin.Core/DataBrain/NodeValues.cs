using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain
{
    /// <summary>Turns what a person writes for an object field (hashtable, object, JSON text) into JSON.</summary>
    internal static class NodeValues
    {
        public static FieldConversion Object(object value, string what)
        {
            var node = ToNode(value, out var error);
            return node is JsonObject ? FieldConversion.Ok(node) : FieldConversion.Fail(error ?? $"expects {what}: a hashtable, an object or a JSON object.");
        }

        public static FieldConversion ArrayOfObjects(object value, string what)
        {
            var node = ToNode(value, out var error);
            if (node is JsonObject single)
            {
                node = new JsonArray(single);
            }

            return node is JsonArray array && array.All(i => i is JsonObject)
                ? FieldConversion.Ok(array)
                : FieldConversion.Fail(error ?? $"expects {what}: hashtables, objects or a JSON array of objects.");
        }

        public static FieldConversion Strings(object value)
        {
            var items = value switch
            {
                string text when text.TrimStart().StartsWith("[", StringComparison.Ordinal) => ToNode(text, out _) is JsonArray parsed
                    ? parsed.Select(n => n?.ToString() ?? string.Empty).ToList()
                    : new List<string>(),
                string text => text.Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).ToList(),
                // One CSV cell may hold several values ("a;b"), so each item is split as a single cell would be.
                IEnumerable sequence => sequence.Cast<object?>()
                    .SelectMany(o => (Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).Split(new[] { ';', ',' }, StringSplitOptions.RemoveEmptyEntries))
                    .Select(s => s.Trim())
                    .ToList(),
                _ => new List<string> { Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty },
            };
            items = items.Where(s => s.Length > 0).ToList();
            return items.Count == 0
                ? FieldConversion.Fail("lists nothing.")
                : FieldConversion.Ok(new JsonArray(items.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray()));
        }

        public static JsonNode? ToNode(object value, out string? error)
        {
            error = null;
            if (value is string text)
            {
                try
                {
                    return JsonNode.Parse(text);
                }
                catch (JsonException exception)
                {
                    error = "is not valid JSON: " + exception.Message;
                    return null;
                }
            }

            if (value is JsonNode node)
            {
                return node.DeepClone();
            }

            return JsonSerializer.SerializeToNode(value, value.GetType(), EmbedAdminJson.Options);
        }
    }
}
