using System;
using System.Collections.Generic;
using System.Linq;
using EmbedAdmin.Core.DataBrain.Dashboards;
using EmbedAdmin.Core.DataBrain.DataApps;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.DataBrain.Datasources;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.Workspaces;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.Journal;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Core.Changes
{
    /// <summary>
    /// Turns journal entries into the changes that put their targets back, each through the same row changes as
    /// the cmdlet that made it, so an undo is itself read, confirmed, journaled, throttled and retried.
    /// </summary>
    public sealed class UndoPlanner
    {
        private readonly EmbedAdminSession session;
        private readonly UndoOptions options;
        private readonly Lazy<WorkspaceHistory> workspaces;
        private readonly DatamartBackups backups;

        public UndoPlanner(EmbedAdminSession session, UndoOptions options)
        {
            this.session = session;
            this.options = options;
            workspaces = new Lazy<WorkspaceHistory>(() => WorkspaceHistory.From(session));
            backups = new DatamartBackups(options.BackupFolder);
        }

        /// <summary>
        /// The entries to undo, newest first; several updates of one target by one cmdlet become one row (the
        /// oldest "before" of each field, checked against its newest "after"), so that a throttled pool never
        /// puts an older value back after a newer one. Entries that changed nothing are left out.
        /// </summary>
        public static IReadOnlyList<JournalEntry> Order(IEnumerable<JournalEntry> entries)
        {
            var done = entries.Where(e => e.Outcome == JournalEntry.Succeeded).OrderByDescending(e => e.Time).ToList();
            var rows = new List<JournalEntry>();
            var merged = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
            foreach (var entry in done)
            {
                if (entry.Operation != nameof(ChangeOperation.Update) || entry.BackupFile is not null)
                {
                    rows.Add(entry);
                    continue;
                }

                var key = entry.Cmdlet + "\n" + entry.BaseUri + "\n" + entry.Target;
                if (!merged.TryGetValue(key, out var newer))
                {
                    var copy = entry.Copy();
                    merged[key] = copy;
                    rows.Add(copy);
                    continue;
                }

                // entry is older than newer: its "before" wins, newer's "after" stays.
                var fields = newer.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
                foreach (var field in entry.Fields)
                {
                    fields[field.Name] = fields.TryGetValue(field.Name, out var kept)
                        ? new JournalField(field.Name, field.BeforeNode, kept.AfterNode, field.BeforeKnown)
                        : field;
                }

                newer.Fields = fields.Values.ToList();
            }

            return rows;
        }

        /// <param name="secureEmbedOutput">What to write for a secure embed created again (its new credential).</param>
        public RowChange Build(JournalEntry entry, Func<SecureEmbed, object> secureEmbedOutput)
        {
            var change = Reverse(entry, secureEmbedOutput);
            change.UndoOf = entry.RunId;
            return change;
        }

        private RowChange Reverse(JournalEntry entry, Func<SecureEmbed, object> secureEmbedOutput)
        {
            if (!string.Equals(entry.BaseUri, session.BaseUriFor(ServiceOf(entry)).ToString(), StringComparison.OrdinalIgnoreCase))
            {
                throw new Errors.EmbedAdminValidationException(
                    ErrorIds.JournalEntryOtherService,
                    entry.Target,
                    $"the change (run {entry.RunId}) was made on {entry.BaseUri}, but this session is connected to {session.BaseUriFor(ServiceOf(entry))}; connect to it to undo the change.");
            }

            switch (entry.Cmdlet)
            {
                case EmbedRowChanges.SetAccessCmdlet:
                case EmbedRowChanges.NewEmbedCmdlet:
                case EmbedRowChanges.NewDashboardEmbedCmdlet:
                case EmbedRowChanges.RemoveEmbedCmdlet:
                    return EmbedRowChanges.Undo(new EmbedClient(session), entry, options);
                case WorkspaceRowChanges.NewCmdlet:
                case WorkspaceRowChanges.UpdateCmdlet:
                    return WorkspaceRowChanges.Undo(new WorkspaceClient(session), workspaces.Value, entry, options);
                case DatamartRowChanges.NewCmdlet:
                case DatamartRowChanges.UpdateCmdlet:
                case DatamartRowChanges.RestoreCmdlet:
                case DatamartRowChanges.RemoveCmdlet:
                    return DatamartRowChanges.Undo(new DatamartClient(session), entry, backups, options);
                case SecureEmbedRowChanges.NewCmdlet:
                case SecureEmbedRowChanges.SetCmdlet:
                case SecureEmbedRowChanges.RemoveCmdlet:
                    return SecureEmbedRowChanges.Undo(new SecureEmbedClient(session), entry, options, secureEmbedOutput);
                case DataAppRowChanges.NewCmdlet:
                case DataAppRowChanges.RenameCmdlet:
                case DataAppRowChanges.NewApiTokenCmdlet:
                    return DataAppRowChanges.Undo(new DataAppClient(session), entry, options);
                case DatasourceRowChanges.NewCmdlet:
                case DatasourceRowChanges.SetCmdlet:
                case DatasourceRowChanges.RemoveCmdlet:
                case DatasourceRowChanges.SyncCmdlet:
                    return DatasourceRowChanges.Undo(new DatasourceClient(session), entry);
                case DashboardRowChanges.ImportCmdlet:
                    return DashboardRowChanges.Undo(entry);
                default:
                    throw ChangeUndo.NotReversible(entry, $"this module does not know how to undo {entry.Cmdlet}.");
            }
        }

        private static Errors.ApiService ServiceOf(JournalEntry entry) =>
            Enum.TryParse<Errors.ApiService>(entry.Service, out var service) ? service : Errors.ApiService.DataBrain;
    }
}
