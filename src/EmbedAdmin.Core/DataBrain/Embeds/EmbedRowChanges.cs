using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Changes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Journal;

namespace EmbedAdmin.Core.DataBrain.Embeds
{
    /// <summary>The row pipeline's view of embed changes: what each reads, sends and records, and how each is undone.</summary>
    public static class EmbedRowChanges
    {
        public const string SetAccessCmdlet = "Set-EmbedAccess";
        public const string NewEmbedCmdlet = "New-Embed";
        public const string NewDashboardEmbedCmdlet = "New-DashboardEmbed";
        public const string RemoveEmbedCmdlet = "Remove-Embed";

        public static RowChange SetAccess(EmbedClient client, EmbedAccessChange change, bool passThru) =>
            new(ChangeOperation.Update, ApiService.DataBrain, change.EmbedId, $"embed '{change.EmbedId}'", "Set access: " + change.Describe())
            {
                Cmdlet = SetAccessCmdlet,
                PlanTitle = $"Set access on embed '{change.EmbedId}'",
                // No endpoint reads one embed's settings; the export is the documented way
                // (docs.usedatabrain.com/api-reference/export-embed), and the same read serves -WhatIf. The update
                // itself merges ("only provided fields will be updated", docs.usedatabrain.com/api-reference/update-embed),
                // so without a journal to record "before" in, nothing needs it.
                ReadOnlyForJournal = true,
                Read = async (context, token) => EmbedAccessPlan.Create(change, await client.ReadAccessSettingsAsync(change.EmbedId, context, token).ConfigureAwait(false)),
                Send = async (_, context, token) => new ChangeResult { Output = Output(await client.UpdateEmbedAccessAsync(change, context, token).ConfigureAwait(false), passThru) },
            };

        public static RowChange Create(EmbedClient client, EmbedRequest request) =>
            new(ChangeOperation.Create, ApiService.DataBrain, request.DashboardId, $"dashboard '{request.DashboardId}'", request.Describe())
            {
                Cmdlet = NewEmbedCmdlet,
                Fields = Sent(request.Body),
                Send = async (_, context, token) =>
                {
                    var embed = await client.CreateEmbedAsync(request, context, token).ConfigureAwait(false);
                    return new ChangeResult { Output = embed, Target = embed.EmbedId, Recorded = new JsonObject { ["dashboardId"] = request.DashboardId } };
                },
            };

        public static RowChange CreateDashboardEmbed(EmbedClient client, DashboardEmbedRequest request) =>
            new(ChangeOperation.Create, ApiService.DataBrain, request.DashboardId, $"dashboard '{request.DashboardId}' for client '{request.ClientId}'", request.Describe())
            {
                Cmdlet = NewDashboardEmbedCmdlet,
                // The imported dashboard data can be large and is not a setting; the journal keeps what identifies the dashboard.
                Fields = Sent(request.Body).Where(f => f.Name != "importDashboardData").ToList(),
                Send = async (_, context, token) =>
                {
                    var embed = await client.CreateDashboardEmbedAsync(request, context, token).ConfigureAwait(false);
                    return new ChangeResult { Output = embed, Target = embed.EmbedId, Recorded = new JsonObject { ["dashboardId"] = request.DashboardId, ["createdDashboard"] = true } };
                },
            };

        public static RowChange Remove(EmbedClient client, string embedId, bool deleteDashboard, string action) =>
            new(ChangeOperation.Remove, ApiService.DataBrain, embedId, $"embed '{embedId}'", action)
            {
                Cmdlet = RemoveEmbedCmdlet,
                Recorded = new JsonObject { ["deleteDashboard"] = deleteDashboard },
                Send = async (_, context, token) =>
                {
                    await client.DeleteEmbedAsync(embedId, deleteDashboard, context, token).ConfigureAwait(false);
                    return new ChangeResult();
                },
            };

        /// <summary>
        /// An access change is undone by sending the recorded values back; a created embed (or dashboard embed,
        /// with its dashboard) by deleting it. A deleted embed cannot be brought back: a new one gets a new id,
        /// and every page and guest token naming the old id would still be broken.
        /// </summary>
        public static RowChange Undo(EmbedClient client, JournalEntry entry, UndoOptions options)
        {
            switch (entry.Cmdlet)
            {
                case SetAccessCmdlet:
                    var restore = EmbedAccessChange.FromRecorded(entry.Target, entry.Fields.Select(f => new KeyValuePair<string, JsonNode?>(f.Name, f.BeforeNode)));
                    var undo = SetAccess(client, restore, passThru: true);
                    // An undo reads to see whether someone changed the embed since, journal or not.
                    undo.ReadOnlyForJournal = false;
                    undo.Read = async (context, token) =>
                    {
                        var current = await client.ReadAccessSettingsAsync(entry.Target, context, token).ConfigureAwait(false);
                        return ChangeUndo.Plan(entry, name => current.FirstOrDefault(p => string.Equals(p.Key, name, System.StringComparison.OrdinalIgnoreCase)).Value, options);
                    };
                    return undo;
                case NewEmbedCmdlet:
                case NewDashboardEmbedCmdlet:
                    var dashboard = entry.RecordedNode?["createdDashboard"] is JsonValue created && created.TryGetValue<bool>(out var yes) && yes;
                    return Remove(
                        client,
                        entry.Target,
                        dashboard,
                        dashboard ? $"Delete the embed {entry.Cmdlet} created, its guest tokens and its dashboard (undo of run {entry.RunId})" : $"Delete the embed {entry.Cmdlet} created and its guest tokens (undo of run {entry.RunId})");
                default:
                    throw ChangeUndo.NotReversible(entry, "a deleted embed cannot be created again with its id; New-Embed makes a new embed with a new id, and pages and guest tokens naming the old one stay broken.");
            }
        }

        private static object? Output(object value, bool passThru) => passThru ? value : null;

        private static IReadOnlyList<JournalField> Sent(JsonObject body) =>
            body.Select(p => new JournalField(p.Key, null, p.Value?.DeepClone())).ToList();
    }
}
