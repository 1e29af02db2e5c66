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
        public static ChangePlan Create(EmbedAccessChange change, JsonObject current)
        {
            // The current values are read through the field table, so a legacy spelling in the response
            // ("isAllowAipilot", "tableList") and the request's spelling compare as the same field.
            var now = EmbedAccessChange.Table.ReadInto(new Models.EmbedAccess(), current);
            return new ChangePlan(
                change.ChangedPaths.Select(path =>
                {
                    var field = EmbedAccessChange.Fields.First(f => f.ApiPath == path);
                    return new JournalField(field.ApiName, EmbedAccessChange.Table.ToNode(field, now)?.DeepClone(), change.Body.Get(path)?.DeepClone());
                }).ToList(),
                hasChanges: true);
        }
    }
}
