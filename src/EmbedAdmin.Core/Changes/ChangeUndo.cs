using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Journal;

namespace EmbedAdmin.Core.Changes
{
    /// <summary>How an undo is asked for.</summary>
    public sealed class UndoOptions
    {
        /// <summary>Put the recorded values back even where the target changed since the entry was written.</summary>
        public bool Force { get; set; }

        /// <summary>Where backups made by the undo go (a datamart's current definition before it is put back).</summary>
        public string? BackupFolder { get; set; }
    }

    /// <summary>The rules every undo shares: what may be put back, and the check against the recorded "after".</summary>
    public static class ChangeUndo
    {
        public const string ChangedSinceRecordedId = ErrorIds.ChangedSinceRecorded;
        public const string NotReversibleId = ErrorIds.NotReversible;

        /// <summary>
        /// The plan that puts each field back to its recorded "before", given its value now. A field whose value
        /// now is not the recorded "after" was changed by someone else since; putting "before" back would undo
        /// their change too, so the row stops naming the field and the three values, unless forced.
        /// </summary>
        public static ChangePlan Plan(JournalEntry entry, Func<string, JsonNode?> now, UndoOptions options)
        {
            var problems = new List<ValidationProblem>();
            var fields = new List<JournalField>();
            foreach (var field in entry.Fields)
            {
                if (!field.BeforeKnown)
                {
                    problems.Add(new ValidationProblem(NotReversibleId, field.Name, $"its value before {entry.Cmdlet} (run {entry.RunId}) was not known (the service offers no way to read it), so it cannot be put back."));
                    continue;
                }

                if (field.BeforeNode is null)
                {
                    problems.Add(new ValidationProblem(NotReversibleId, field.Name, $"was not set before {entry.Cmdlet} (run {entry.RunId}), and the API cannot unset a field; it is {JournalValues.Show(field.AfterNode)} now."));
                    continue;
                }

                var current = now(field.Name);
                if (!options.Force && !JournalValues.Same(current, field.AfterNode))
                {
                    problems.Add(new ValidationProblem(
                        ChangedSinceRecordedId,
                        field.Name,
                        $"changed since it was recorded: it was {JournalValues.Show(field.BeforeNode)} before {entry.Cmdlet} (run {entry.RunId}), which set it to {JournalValues.Show(field.AfterNode)}, and it is {JournalValues.Show(current)} now. Nothing was sent; -Force puts {JournalValues.Show(field.BeforeNode)} back anyway."));
                    continue;
                }

                fields.Add(new JournalField(field.Name, current?.DeepClone(), field.BeforeNode.DeepClone()));
            }

            if (problems.Count > 0)
            {
                throw new EmbedAdminValidationException(problems);
            }

            return new ChangePlan(fields);
        }

        /// <summary>A change the API cannot put back, reported with what was recorded.</summary>
        public static EmbedAdminValidationException NotReversible(JournalEntry entry, string why) =>
            new(NotReversibleId, entry.Target, $"{entry.Operation} by {entry.Cmdlet} (run {entry.RunId}, {entry.Time:u}) cannot be undone: {why} Recorded: {Recorded(entry)}.");

        private static string Recorded(JournalEntry entry)
        {
            var parts = new List<string>();
            foreach (var field in entry.Fields)
            {
                parts.Add(field.ToString());
            }

            if (entry.RecordedNode is not null)
            {
                parts.Add(entry.RecordedNode.ToJsonString());
            }

            return parts.Count == 0 ? "the target's id only" : string.Join("; ", parts);
        }
    }
}
