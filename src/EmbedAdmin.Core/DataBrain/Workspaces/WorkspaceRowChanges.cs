using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Changes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Journal;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.DataBrain.Workspaces
{
    /// <summary>
    /// The row pipeline's view of workspace changes. DataBrain cannot read a workspace's settings
    /// (docs.usedatabrain.com/api-reference/list-workspaces returns names only), so a field's "before" is the
    /// last value this module's journal recorded for it, or unknown; an update is therefore always sent.
    /// </summary>
    public static class WorkspaceRowChanges
    {
        public const string NewCmdlet = "New-Workspace";
        public const string UpdateCmdlet = "Update-Workspace";

        public static RowChange Send(WorkspaceClient client, WorkspaceChange change, WorkspaceHistory history, bool passThru, string action)
        {
            if (change.SetsNothing)
            {
                return Unchanged(change);
            }

            var fields = change.Body.Paths.Where(p => p != "name").ToList();
            var update = change.Operation == WorkspaceOperation.Update;
            return new RowChange(update ? ChangeOperation.Update : ChangeOperation.Create, ApiService.DataBrain, change.Name, $"workspace '{change.Name}'", action)
            {
                Cmdlet = update ? UpdateCmdlet : NewCmdlet,
                // -WhatIf shows the cmdlet's own text and warning; the recorded values add nothing DataBrain said.
                ReadForWhatIf = false,
                Fields = fields.Select(f => new JournalField(f, null, change.Body.Get(f)?.DeepClone())).ToList(),
                Read = update
                    ? (_, _) => System.Threading.Tasks.Task.FromResult(new ChangePlan(
                        fields.Select(f => history.TryGet(change.Name, f, out var before)
                            ? new JournalField(f, before, change.Body.Get(f)?.DeepClone())
                            : new JournalField(f, null, change.Body.Get(f)?.DeepClone(), beforeKnown: false)).ToList(),
                        hasChanges: true))
                    : null,
                Send = async (_, context, token) =>
                {
                    var workspace = await client.SendAsync(change, context, token).ConfigureAwait(false);
                    history.Record(change.Name, fields.Select(f => new KeyValuePair<string, JsonNode?>(f, change.Body.Get(f))));
                    return new ChangeResult { Output = passThru ? workspace : null };
                },
            };
        }

        /// <summary>
        /// An unedited export's row: settled as unchanged before anything is asked or sent, and under -WhatIf each
        /// field is named, empty, with "(no change)", as for the other resources' round trips.
        /// </summary>
        private static RowChange Unchanged(WorkspaceChange change) =>
            new(ChangeOperation.Update, ApiService.DataBrain, change.Name, $"workspace '{change.Name}'", $"Update workspace '{change.Name}'")
            {
                Cmdlet = UpdateCmdlet,
                PlanBeforeAsking = true,
                Read = (_, _) => System.Threading.Tasks.Task.FromResult(new ChangePlan(Array.Empty<JournalField>(), hasChanges: false)
                {
                    Unchanged = WorkspaceChange.Fields.Select(f => f.ApiName + ": empty in the row (no change)").ToList(),
                }),
            };

        /// <summary>An update is undone by sending the recorded values back; a workspace cannot be deleted through the API.</summary>
        public static RowChange Undo(WorkspaceClient client, WorkspaceHistory history, JournalEntry entry, UndoOptions options)
        {
            if (entry.Cmdlet != UpdateCmdlet)
            {
                throw ChangeUndo.NotReversible(entry, "DataBrain has no endpoint that deletes a workspace; delete it in the DataBrain app.");
            }

            // Checked first, so a field that cannot be put back is reported before anything is built.
            var plan = ChangeUndo.Plan(entry, name => history.TryGet(entry.Target, name, out var now) ? now : null, options);
            var values = entry.Fields.ToDictionary(f => ParameterOf(f.Name), f => JournalValues.ToPlain(f.BeforeNode), StringComparer.OrdinalIgnoreCase);
            var change = WorkspaceChange.Create(WorkspaceOperation.Update, entry.Target, values);
            var undo = Send(client, change, history, passThru: true, $"Put back {string.Join(", ", plan.Lines)} (undo of run {entry.RunId})");
            undo.ReadForWhatIf = true;
            undo.Read = (_, _) => System.Threading.Tasks.Task.FromResult(ChangeUndo.Plan(entry, name => history.TryGet(entry.Target, name, out var now) ? now : null, options));
            return undo;
        }

        private static string ParameterOf(string apiName) =>
            WorkspaceChange.Fields.FirstOrDefault(f => f.ApiPath == apiName)?.Parameter ?? apiName;
    }

    /// <summary>The last value the journal recorded for each workspace field, for the "before" DataBrain cannot give.</summary>
    public sealed class WorkspaceHistory
    {
        private readonly ConcurrentDictionary<string, JsonNode?> values = new(StringComparer.Ordinal);

        public static WorkspaceHistory From(EmbedAdminSession session)
        {
            var history = new WorkspaceHistory();
            var baseUri = session.DataBrainUri.ToString();
            foreach (var entry in session.Journal?.ReadAll() ?? Enumerable.Empty<JournalEntry>())
            {
                if (entry.Outcome == JournalEntry.Succeeded && entry.BaseUri == baseUri && entry.Cmdlet is WorkspaceRowChanges.NewCmdlet or WorkspaceRowChanges.UpdateCmdlet)
                {
                    history.Record(entry.Target, entry.Fields.Select(f => new KeyValuePair<string, JsonNode?>(f.Name, f.AfterNode)));
                }
            }

            return history;
        }

        public bool TryGet(string workspace, string field, out JsonNode? value)
        {
            var found = values.TryGetValue(Key(workspace, field), out var stored);
            value = stored?.DeepClone();
            return found;
        }

        public void Record(string workspace, IEnumerable<KeyValuePair<string, JsonNode?>> fields)
        {
            foreach (var pair in fields)
            {
                values[Key(workspace, pair.Key)] = pair.Value?.DeepClone();
            }
        }

        private static string Key(string workspace, string field) => workspace + "\n" + field;
    }
}
