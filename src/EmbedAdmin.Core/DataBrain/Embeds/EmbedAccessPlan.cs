using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Json;

namespace EmbedAdmin.Core.DataBrain.Embeds
{
    /// <summary>One field of a planned update: what it is now and what it would become.</summary>
    public sealed class FieldChange
    {
        public FieldChange(string field, string current, string proposed)
        {
            Field = field;
            Current = current;
            Proposed = proposed;
        }

        public string Field { get; }

        public string Current { get; }

        public string Proposed { get; }

        public bool Changes => !string.Equals(Current, Proposed, StringComparison.Ordinal);

        public override string ToString() => Changes ? $"{Field}: {Current} -> {Proposed}" : $"{Field}: {Current} (no change)";
    }

    /// <summary>What Set-EmbedAccess -WhatIf shows: the embed's current settings against the ones it would send.</summary>
    public sealed class EmbedAccessPlan
    {
        public const string NotSet = "(not set)";

        private EmbedAccessPlan(string embedId, IReadOnlyList<FieldChange> fields)
        {
            EmbedId = embedId;
            Fields = fields;
        }

        public string EmbedId { get; }

        public IReadOnlyList<FieldChange> Fields { get; }

        public static EmbedAccessPlan Create(EmbedAccessChange change, JsonObject current)
        {
            var fields = change.ChangedPaths.Select(path =>
            {
                var name = path.Substring(path.LastIndexOf('.') + 1);
                var now = current.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
                return new FieldChange(name, Show(now), Show(change.Body.Get(path)));
            }).ToList();
            return new EmbedAccessPlan(change.EmbedId, fields);
        }

        /// <summary>One line per field, "field: old -> new".</summary>
        public string Describe() => string.Join(Environment.NewLine, Fields.Select(f => "  " + f));

        // Strings without their JSON quotes read better in a diff; lists and objects stay compact JSON.
        private static string Show(JsonNode? node) => node switch
        {
            null => NotSet,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            _ => node.ToJsonString(EmbedAdminJson.Options),
        };
    }
}
