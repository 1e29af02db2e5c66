using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// What Update-, Restore- and Remove-Datamart share: read the current definition to plan and confirm, save it
    /// to a backup right before the change, and on failure report where the backup is (in the message and in
    /// ErrorDetails.RecommendedAction). Rows run one at a time: each backup is read just before its own change.
    /// </summary>
    public abstract class DatamartChangeCmdlet : EmbedAdminApiCmdlet
    {
        private readonly Dictionary<string, DatamartBackup> backups = new(StringComparer.Ordinal);
        private bool runStarted;

        /// <summary>The folder for backups; by default LocalApplicationData/EmbedAdmin/backups.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? BackupPath { get; set; }

        /// <summary>Emit a DatamartChangeResult per datamart changed, naming its backup file.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The whole pipeline object, kept as the error record's TargetObject so failed rows can be replayed.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override object? InputRow => InputObject;

        private BulkRunner Run
        {
            get
            {
                runStarted = true;
                return Runner;
            }
        }

        protected override void EndProcessing()
        {
            if (runStarted)
            {
                PumpChanges(Runner.Complete());
                ActiveSession.RecordRun(Runner.Summary!);
            }
        }

        /// <summary>A file system path as PowerShell resolves it (relative to the current location, ~ expanded).</summary>
        protected string? ResolvePath(string? path) =>
            string.IsNullOrWhiteSpace(path) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(path!.Trim());

        protected void RejectRow(object? row, string target, Exception error) => PumpChanges(Run.Reject(row, target, error));

        /// <summary>The datamart as the list shows it now, read on the pipeline thread for the plan.</summary>
        protected Datamart? ReadCurrent(object? row, string name)
        {
            try
            {
                return new DatamartClient(ActiveSession).GetAsync(name, Run.Context, Run.CancellationToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (Run.CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception exception) when (exception is EmbedAdminApiException or EmbedAdminCredentialException)
            {
                RejectRow(row, name, exception);
                return null;
            }
        }

        /// <summary>Plans, confirms (with every difference listed) and submits an update or a restore.</summary>
        protected void SubmitUpdate(object? row, DatamartChange change, string verb, bool restoring)
        {
            var current = ReadCurrent(row, change.Name);
            if (current is null)
            {
                return;
            }

            var plan = DatamartPlan.Create(current, change, restoring);
            if (plan.Problems.Count > 0)
            {
                RejectRow(row, change.Name, new EmbedAdminValidationException(plan.Problems));
                return;
            }

            foreach (var warning in plan.Warnings)
            {
                WriteWarning(warning);
            }

            if (!plan.HasChanges)
            {
                this.WriteVerboseIfWanted($"{verb}-Datamart: datamart '{change.Name}' already has this definition; nothing to send.");
                return;
            }

            var differences = string.Join(string.Empty, plan.Changes.Select(line => Environment.NewLine + "  " + line));
            var count = plan.Changes.Count == 1 ? "1 change" : plan.Changes.Count + " changes";
            if (!ShouldProcess(
                $"{verb} datamart '{change.Name}' ({change.Describe()}), after saving its definition to {BackupFolderText}: {count}:{differences}",
                $"Replace the definition of datamart '{change.Name}'? {count}:{differences}",
                $"{verb}-Datamart"))
            {
                return;
            }

            // Only now: -WhatIf must not even create the backup folder.
            var backup = OpenBackups(row, change.Name);
            if (backup is null)
            {
                return;
            }

            var client = new DatamartClient(ActiveSession);
            var context = Run.Context;
            var passThru = PassThru.IsPresent;
            var name = change.Name;
            var changes = plan.Changes;
            PumpChanges(Run.Submit(row, name, async cancellationToken =>
            {
                var fresh = await client.GetAsync(name, context, cancellationToken).ConfigureAwait(false);
                var file = Save(backup, fresh, context, verb);
                try
                {
                    await client.UpdateAsync(change, context, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    throw new DatamartChangeFailedException(name, file, $"Check the datamart with Get-Datamart -Name '{name}'. To put the saved definition back: Restore-Datamart -Path '{file}'.", exception);
                }

                return passThru ? new object[] { new DatamartChangeResult { Name = name, Operation = verb, BackupFile = file, Changes = changes } } : Array.Empty<object>();
            }));
        }

        /// <summary>Backs the datamart up, confirms, and deletes it.</summary>
        protected void SubmitRemoval(object? row, string name)
        {
            var current = ReadCurrent(row, name);
            if (current is null)
            {
                return;
            }

            if (!ShouldProcess(
                $"Remove datamart '{name}' ({current.Tables.Count} tables, {current.Tables.Sum(t => t.Columns.Count)} columns, datasource '{current.DatasourceName}'), after saving its definition to {BackupFolderText}.",
                $"Remove datamart '{name}'? Embeds and workspaces that use it stop working.",
                "Remove-Datamart"))
            {
                return;
            }

            var backup = OpenBackups(row, name);
            if (backup is null)
            {
                return;
            }

            var client = new DatamartClient(ActiveSession);
            var context = Run.Context;
            var passThru = PassThru.IsPresent;
            PumpChanges(Run.Submit(row, name, async cancellationToken =>
            {
                var fresh = await client.GetAsync(name, context, cancellationToken).ConfigureAwait(false);
                var file = Save(backup, fresh, context, "Remove");
                var recreate = $"New-Datamart -Path '{file}' -DatasourceName '{fresh.DatasourceName}'";
                try
                {
                    await client.DeleteAsync(name, context, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    throw new DatamartChangeFailedException(name, file, $"Check with Get-Datamart -Name '{name}' whether it still exists. If it is gone, {recreate} creates it again.", exception);
                }

                context.Log.Verbose($"Remove-Datamart: '{name}' can be created again with {recreate}.");
                return passThru ? new object[] { new DatamartChangeResult { Name = name, Operation = "Remove", BackupFile = file, Changes = new[] { "datamart removed" } } } : Array.Empty<object>();
            }));
        }

        /// <summary>
        /// Writes the runner's events, giving a failure after a backup its own recommended action (the backup
        /// file); every other event goes to the base pump.
        /// </summary>
        private void PumpChanges(IEnumerable<BulkEvent> events)
        {
            try
            {
                foreach (var item in events)
                {
                    if (item is RowFailed { Error: DatamartChangeFailedException failed } failure)
                    {
                        var cause = ErrorClassifier.Classify(failed.InnerException!);
                        WriteError(ErrorRecords.ForRow(failed, new ErrorClassification(cause.ErrorId, cause.Category, failed.RecommendedAction), failure.Row ?? failure.Target));
                    }
                    else
                    {
                        Pump(new[] { item });
                    }
                }
            }
            catch (OperationCanceledException) when (Runner.CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        private string BackupFolderText => ResolvePath(BackupPath) ?? DatamartBackup.DefaultFolder;

        private DatamartBackup? OpenBackups(object? row, string name)
        {
            var folder = ResolvePath(BackupPath) ?? string.Empty;
            if (backups.TryGetValue(folder, out var open))
            {
                return open;
            }

            try
            {
                open = DatamartBackup.Open(folder.Length == 0 ? null : folder);
            }
            catch (EmbedAdminValidationException exception)
            {
                RejectRow(row, name, exception);
                return null;
            }

            backups[folder] = open;
            return open;
        }

        private static string Save(DatamartBackup backup, Datamart datamart, Core.Http.RequestContext context, string verb)
        {
            string file;
            try
            {
                file = backup.Write(datamart, DateTimeOffset.UtcNow);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new EmbedAdminValidationException("BackupFailed", "BackupPath", $"cannot save the definition of '{datamart.Name}' to '{backup.Folder}': {exception.Message} Nothing was sent.");
            }

            context.Log.Verbose($"{verb}-Datamart: saved the definition of '{datamart.Name}' to '{file}'.");
            return file;
        }
    }
}
