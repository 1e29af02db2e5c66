using System;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Changes;
using EmbedAdmin.Core.Journal;

namespace EmbedAdmin.Core.DataBrain.Embeds
{
    /// <summary>
    /// An access change against the embed's current settings: what -WhatIf shows ("field: old -> new") and what
    /// the journal records as each field's value before. The update is sent even when the values already match:
    /// the read records, it does not decide (a setting read from the export can lag what the update endpoint holds).
    /// </summary>
    public static class EmbedAccessPlan
    {
        public static ChangePlan Create(EmbedAccessChange change, JsonObject current) => new(change.ChangedPaths.Select(path =>
        {
            var name = path.Substring(path.LastIndexOf('.') + 1);
            // Case-insensitive: older embeds carry the spelling isAllowAipilot.
            var now = current.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            return new JournalField(name, now?.DeepClone(), change.Body.Get(path)?.DeepClone());
        }).ToList(), hasChanges: true);
    }
}
