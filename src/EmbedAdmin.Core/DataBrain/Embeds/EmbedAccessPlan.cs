using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Requests;

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
        public const string NotSet = FieldSpec.NotSet;

        private EmbedAccessPlan(string embedId, IReadOnlyList<FieldChange> fields)
        {
            EmbedId = embedId;
            Fields = fields;
        }

        public string EmbedId { get; }

        public IReadOnlyList<FieldChange> Fields { get; }

        public static EmbedAccessPlan Create(EmbedAccessChange change, JsonObject current)
        {
            // The current values are read through the field table, so a legacy spelling in the response
            // ("isAllowAipilot", "tableList") and the request's spelling compare as the same field.
            var now = EmbedAccessChange.Table.ReadInto(new Models.EmbedAccess(), current);
            var fields = change.ChangedPaths.Select(path =>
            {
                var field = EmbedAccessChange.Fields.First(f => f.ApiPath == path);
                return new FieldChange(field.ApiName, field.Show(EmbedAccessChange.Table.ToNode(field, now)), field.Show(change.Body.Get(path)));
            }).ToList();
            return new EmbedAccessPlan(change.EmbedId, fields);
        }

        /// <summary>One line per field, "field: old -> new".</summary>
        public string Describe() => string.Join(Environment.NewLine, Fields.Select(f => "  " + f));
    }
}
