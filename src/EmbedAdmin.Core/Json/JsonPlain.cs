using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmbedAdmin.Core.Json
{
    /// <summary>
    /// JSON as the plain values a hashtable from the command line holds: objects as dictionaries (keys without
    /// case), arrays as lists. So one reader serves a JSON cell and a hashtable alike.
    /// </summary>
    public static class JsonPlain
    {
        /// <param name="node">The JSON.</param>
        /// <param name="scalarsAsText">
        /// True to give every scalar as text (a string without its quotes, anything else as written: "42", "true"),
        /// for readers whose values are all text; false for strings, bools, longs and doubles.
        /// </param>
        public static object? ToPlain(JsonNode? node, bool scalarsAsText = false)
        {
            switch (node)
            {
                case null:
                    return null;
                case JsonObject obj:
                    var dictionary = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var pair in obj)
                    {
                        dictionary[pair.Key] = ToPlain(pair.Value, scalarsAsText);
                    }

                    return dictionary;
                case JsonArray array:
                    return array.Select(item => ToPlain(item, scalarsAsText)).ToList();
                default:
                    if (scalarsAsText)
                    {
                        return node.AsValue().TryGetValue<string>(out var text) ? text : node.ToJsonString();
                    }

                    var element = node.GetValue<JsonElement>();
                    return element.ValueKind switch
                    {
                        JsonValueKind.String => element.GetString(),
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.GetDouble(),
                        _ => null,
                    };
            }
        }
    }
}
