using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.Changes;
using EmbedAdmin.Core.Journal;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Puts the targets of journaled changes back to their recorded "before" values, newest change first, through
    /// the same row pipeline as the cmdlets that made them: the undo is itself read, confirmed, journaled,
    /// throttled and retried, and -WhatIf shows the field diff back. A target changed since the entry was
    /// recorded stops its row (ChangedSinceRecorded) unless -Force; a creation is undone by removal.
    /// </summary>
    [Cmdlet("Undo", "EmbedAdminChange", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "Entry")]
    [OutputType(typeof(EmbedAccess), typeof(Workspace), typeof(SecureEmbed), typeof(DatamartChangeResult), typeof(Datamart), typeof(DataApp), typeof(Datasource))]
    public sealed class UndoEmbedAdminChangeCommand : EmbedAdminApiCmdlet
    {
        private readonly List<JournalEntry> entries = new();

        /// <summary>Journal entries, as Get-EmbedAdminChange writes them.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Entry", DontShow = true)]
        public JournalEntry[] InputObject { get; set; } = Array.Empty<JournalEntry>();

        /// <summary>Undo every change of these runs (LastBulkRun.RunId, or the RunId column of Get-EmbedAdminChange).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Run", ValueFromPipelineByPropertyName = true)]
        public string[] RunId { get; set; } = Array.Empty<string>();

        /// <summary>Put the recorded values back even where the target changed since they were recorded.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Where a datamart's current definition is saved before its backup is put back.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? BackupPath { get; set; }

        /// <summary>Requests in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = BulkOptions.DefaultThrottleLimit;

        protected override int RunThrottleLimit => ThrottleLimit;

        protected override object? InputRow => null;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == "Entry")
            {
                entries.AddRange(InputObject.Where(e => e is not null));
            }
        }

        /// <summary>All entries are known only now, so they are ordered (newest first) and sent from here.</summary>
        protected override void EndProcessing()
        {
            if (ParameterSetName == "Run")
            {
                if (ActiveSession.Journal is null)
                {
                    ThrowTerminatingError(ErrorRecords.Create(new InvalidOperationException("This session keeps no journal (Connect-EmbedAdmin -NoJournal); pipe entries from Get-EmbedAdminChange -JournalPath instead."), ErrorIds.NoJournal, null));
                }

                var found = new JournalQuery { RunIds = RunId }.Run(ActiveSession.Journal!);
                foreach (var missing in RunId.Where(id => !found.Any(e => string.Equals(e.RunId, id, StringComparison.OrdinalIgnoreCase))))
                {
                    WriteError(ErrorRecords.Create(new ItemNotFoundException($"The journal in '{ActiveSession.Journal!.Folder}' has no change of run '{missing}'."), ErrorIds.RunNotFound, missing));
                }

                entries.AddRange(found);
            }

            foreach (var skipped in entries.Where(e => e.Outcome != JournalEntry.Succeeded))
            {
                var text = $"{skipped.Cmdlet} on '{skipped.Target}' (run {skipped.RunId}) ended {skipped.Outcome}";
                if (skipped.Outcome == JournalEntry.Interrupted)
                {
                    WriteWarning(text + ": it may or may not have been applied, and is not undone; check the target.");
                }
                else
                {
                    this.WriteVerboseIfWanted(text + ": nothing was changed, so there is nothing to undo.");
                }
            }

            var planner = new UndoPlanner(ActiveSession, new UndoOptions
            {
                Force = Force.IsPresent,
                BackupFolder = string.IsNullOrWhiteSpace(BackupPath) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(BackupPath),
            });
            foreach (var entry in UndoPlanner.Order(entries))
            {
                ProcessChange(entry, entry.Target, () => planner.Build(entry, embed => embed));
            }

            base.EndProcessing();
        }
    }
}
