using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Json;

namespace EmbedAdmin.Core.Requests
{
    /// <summary>
    /// The one place partial-update bodies are built. A field is present only if the caller set it, so an
    /// update never resets what it was not asked to touch.
    /// </summary>
    public sealed class PartialBody
    {
        private readonly JsonObject root = new();
        private readonly List<string> paths = new();

        /// <summary>The dotted paths set so far, in the order they were set (e.g. "accessSettings.joinModel").</summary>
        public IReadOnlyList<string> Paths => paths;

        public bool IsEmpty => paths.Count == 0;

        /// <summary>Sets a value at a dotted path, creating the objects on the way.</summary>
        public PartialBody Set(string path, JsonNode? value)
        {
            var parts = path.Split('.');
            var parent = root;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (parent[parts[i]] is not JsonObject child)
                {
                    child = new JsonObject();
                    parent[parts[i]] = child;
                }

                parent = child;
            }

            parent[parts[parts.Length - 1]] = value;
            if (!paths.Contains(path))
            {
                paths.Add(path);
            }

            return this;
        }

        public JsonNode? Get(string path)
        {
            JsonNode? node = root;
            foreach (var part in path.Split('.'))
            {
                node = node is JsonObject obj && obj.TryGetPropertyValue(part, out var child) ? child : null;
                if (node is null)
                {
                    return null;
                }
            }

            return node;
        }

        public bool Contains(string path) => paths.Contains(path, StringComparer.Ordinal);

        public byte[] ToUtf8Bytes() => JsonSerializer.SerializeToUtf8Bytes(root, EmbedAdminJson.Options);

        public string ToJsonString() => root.ToJsonString(EmbedAdminJson.Options);
    }
}
