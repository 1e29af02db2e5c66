using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Changes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Journal;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Core.DataBrain.Datamarts
{
    /// <summary>
    /// The row pipeline's view of datamart changes. An update or restore reads the definition and plans before
    /// asking (the prompt lists every table, column, tenancy and relationship difference); right before the
    /// change the definition is read again and saved whole to a backup file, which the journal entry names and
    /// which an undo (or Restore-Datamart) puts back.
    /// </summary>
    public static class DatamartRowChanges
    {
        public const string NewCmdlet = "New-Datamart";
        public const string UpdateCmdlet = "Update-Datamart";
        public const string RestoreCmdlet = "Restore-Datamart";
        public const string RemoveCmdlet = "Remove-Datamart";

        public static RowChange Create(DatamartClient client, DatamartChange change, bool passThru) =>
            new(ChangeOperation.Create, ApiService.DataBrain, change.Name, $"datamart '{change.Name}'", $"Create datamart on datasource '{change.DatasourceName}': {change.Describe()}")
            {
                Cmdlet = NewCmdlet,
                Fields = Parts(change).Append(new JournalField("datasourceName", null, JsonValue.Create(change.DatasourceName))).ToList(),
                Send = async (_, context, token) =>
                {
                    await client.CreateAsync(change, context, token).ConfigureAwait(false);
                    return new ChangeResult { Output = passThru ? change.ToDatamart() : null };
                },
            };

        /// <param name="verb">Update or Restore: how messages and the result name the operation.</param>
        public static RowChange Update(DatamartClient client, DatamartChange change, string verb, bool restoring, DatamartBackups backups, bool passThru)
        {
            var name = change.Name;
            var row = new RowChange(ChangeOperation.Update, ApiService.DataBrain, name, $"datamart '{name}'", $"{verb} datamart '{name}' ({change.Describe()})")
            {
                Cmdlet = restoring ? RestoreCmdlet : UpdateCmdlet,
                PlanBeforeAsking = true,
                Read = async (context, token) =>
                {
                    var plan = DatamartPlan.Create(await client.GetAsync(name, context, token).ConfigureAwait(false), change, restoring);
                    if (plan.Problems.Count > 0)
                    {
                        throw new EmbedAdminValidationException(plan.Problems);
                    }

                    var changePlan = new ChangePlan(Parts(change), plan.Changes, plan.HasChanges) { Unchanged = plan.HasChanges ? Array.Empty<string>() : plan.Unchanged };
                    foreach (var warning in plan.Warnings)
                    {
                        changePlan.Warnings.Add(warning);
                    }

                    return changePlan;
                },
            };
            row.Prompt = plan =>
            {
                var lines = plan?.Lines ?? Array.Empty<string>();
                var differences = string.Join(string.Empty, lines.Select(line => Environment.NewLine + "  " + line));
                var count = lines.Count == 1 ? "1 change" : lines.Count + " changes";
                return new ChangePrompt(
                    $"{verb} datamart '{name}' ({change.Describe()}), after saving its definition to {backups.FolderText}: {count}:{differences}",
                    $"Replace the definition of datamart '{name}'? {count}:{differences}",
                    $"{verb}-Datamart");
            };
            row.Send = async (plan, context, token) =>
            {
                var fresh = await client.GetAsync(name, context, token).ConfigureAwait(false);
                var file = backups.Save(fresh, context, verb);
                try
                {
                    await client.UpdateAsync(change, context, token).ConfigureAwait(false);
                }
                catch (Exception exception) when (!(exception is OperationCanceledException && token.IsCancellationRequested))
                {
                    throw new DatamartChangeFailedException(name, file, $"Check the datamart with Get-Datamart -Name '{name}'. To put the saved definition back: Restore-Datamart -Path '{file}'.", exception);
                }

                var result = new DatamartChangeResult { Name = name, Operation = verb, BackupFile = file, Changes = plan?.Lines ?? Array.Empty<string>() };
                return new ChangeResult { Output = passThru ? result : null, BackupFile = file };
            };
            return row;
        }

        public static RowChange Remove(DatamartClient client, string name, DatamartBackups backups, bool passThru)
        {
            var row = new RowChange(ChangeOperation.Remove, ApiService.DataBrain, name, $"datamart '{name}'", $"Remove datamart '{name}'")
            {
                Cmdlet = RemoveCmdlet,
                PlanBeforeAsking = true,
                Read = async (context, token) => new ChangePlan(Array.Empty<JournalField>(), hasChanges: true) { Current = await client.GetAsync(name, context, token).ConfigureAwait(false) },
            };
            row.Prompt = plan =>
            {
                var current = (Datamart)plan!.Current!;
                return new ChangePrompt(
                    $"Remove datamart '{name}' ({current.Tables.Count} tables, {current.Tables.Sum(t => t.Columns.Count)} columns, datasource '{current.DatasourceName}'), after saving its definition to {backups.FolderText}.",
                    $"Remove datamart '{name}'? Embeds and workspaces that use it stop working.",
                    "Remove-Datamart");
            };
            row.Send = async (_, context, token) =>
            {
                var fresh = await client.GetAsync(name, context, token).ConfigureAwait(false);
                var file = backups.Save(fresh, context, "Remove");
                var recreate = $"New-Datamart -Path '{file}' -DatasourceName '{fresh.DatasourceName}'";
                try
                {
                    await client.DeleteAsync(name, context, token).ConfigureAwait(false);
                }
                catch (Exception exception) when (!(exception is OperationCanceledException && token.IsCancellationRequested))
                {
                    throw new DatamartChangeFailedException(name, file, $"Check with Get-Datamart -Name '{name}' whether it still exists. If it is gone, {recreate} creates it again.", exception);
                }

                context.Log.Verbose($"Remove-Datamart: '{name}' can be created again with {recreate}.");
                var result = new DatamartChangeResult { Name = name, Operation = "Remove", BackupFile = file, Changes = new[] { "datamart removed" } };
                return new ChangeResult { Output = passThru ? result : null, BackupFile = file, Recorded = new JsonObject { ["datasourceName"] = fresh.DatasourceName } };
            };
            return row;
        }

        /// <summary>
        /// An update or restore is undone from its backup, after checking that the datamart still has the definition
        /// the change left; a removal by creating the datamart again from its backup; a creation by removing it.
        /// </summary>
        public static RowChange Undo(DatamartClient client, JournalEntry entry, DatamartBackups backups, UndoOptions options)
        {
            switch (entry.Cmdlet)
            {
                case UpdateCmdlet:
                case RestoreCmdlet:
                    var restore = DatamartChange.From(DatamartOperation.Update, new DatamartRequest { DefinitionPath = BackupOf(entry) })[0];
                    var left = DatamartChange.From(DatamartOperation.Update, new DatamartRequest
                    {
                        Name = entry.Target,
                        Tables = After(entry, "tableList"),
                        Tenancy = After(entry, "tenancySettings"),
                        Relationships = After(entry, "relationships"),
                    })[0];
                    var undo = Update(client, restore, "Restore", restoring: true, backups, passThru: true);
                    var read = undo.Read!;
                    undo.Read = async (context, token) =>
                    {
                        var current = await client.GetAsync(entry.Target, context, token).ConfigureAwait(false);
                        var since = DatamartPlan.Create(current, left, restoring: true);
                        if (since.HasChanges && !options.Force)
                        {
                            throw new EmbedAdminValidationException(
                                ChangeUndo.ChangedSinceRecordedId,
                                string.Join(", ", entry.Fields.Select(f => f.Name)),
                                $"changed since {entry.Cmdlet} (run {entry.RunId}) left it: its definition before is in '{entry.BackupFile}', the one {entry.Cmdlet} sent is in the journal, and now it differs from that: {string.Join("; ", since.Changes)}. Nothing was sent; -Force restores the backup anyway.");
                        }

                        return await read(context, token).ConfigureAwait(false);
                    };
                    return undo;
                case RemoveCmdlet:
                    var datasource = entry.RecordedNode?["datasourceName"]?.GetValue<string>();
                    var again = DatamartChange.From(DatamartOperation.Create, new DatamartRequest { DefinitionPath = BackupOf(entry), DatasourceName = datasource })[0];
                    return Create(client, again, passThru: true);
                case NewCmdlet:
                    return Remove(client, entry.Target, backups, passThru: true);
                default:
                    throw ChangeUndo.NotReversible(entry, "it is not a datamart change this module makes.");
            }
        }

        private static string BackupOf(JournalEntry entry) =>
            entry.BackupFile is { Length: > 0 } file && File.Exists(file)
                ? file
                : throw ChangeUndo.NotReversible(entry, $"its backup file '{entry.BackupFile}' is gone.");

        private static string? After(JournalEntry entry, string part) =>
            entry.Fields.FirstOrDefault(f => f.Name == part)?.AfterNode?.ToJsonString(EmbedAdminJson.Options);

        private static JournalField[] Parts(DatamartChange change)
        {
            var body = change.ToUpdateBody();
            return change.Parts.Select(part => new JournalField(part, null, body[part]?.DeepClone())).ToArray();
        }
    }

    /// <summary>The backup folders of one invocation, opened on first use (so -WhatIf creates none).</summary>
    public sealed class DatamartBackups
    {
        private readonly ConcurrentDictionary<string, DatamartBackup> open = new(StringComparer.Ordinal);
        private readonly string? folder;

        public DatamartBackups(string? folder)
        {
            this.folder = string.IsNullOrWhiteSpace(folder) ? null : folder;
        }

        /// <summary>The folder given, or null for the default.</summary>
        public string? Folder => folder;

        public string FolderText => folder ?? DatamartBackup.DefaultFolder;

        /// <summary>Saves the definition; a folder or file that cannot be written stops the row before anything is sent.</summary>
        public string Save(Datamart datamart, RequestContext context, string verb)
        {
            var backup = open.GetOrAdd(folder ?? string.Empty, _ => DatamartBackup.Open(folder));
            string file;
            try
            {
                file = backup.Write(datamart, DateTimeOffset.UtcNow);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new EmbedAdminValidationException(ErrorIds.BackupFailed, "BackupPath", $"cannot save the definition of '{datamart.Name}' to '{backup.Folder}': {exception.Message} Nothing was sent.");
            }

            context.Log.Verbose($"{verb}-Datamart: saved the definition of '{datamart.Name}' to '{file}'.");
            return file;
        }
    }
}
