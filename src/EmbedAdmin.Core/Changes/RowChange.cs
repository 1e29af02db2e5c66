using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Journal;

namespace EmbedAdmin.Core.Changes
{
    public enum ChangeOperation
    {
        Update,
        Create,
        Remove,
    }

    /// <summary>
    /// What the target is now against what the change would make it: the read that gives the journal its
    /// "before" values is the same one that -WhatIf shows.
    /// </summary>
    public sealed class ChangePlan
    {
        private readonly bool? hasChanges;

        public ChangePlan(IReadOnlyList<JournalField> fields, IReadOnlyList<string>? lines = null, bool? hasChanges = null)
        {
            Fields = fields;
            this.hasChanges = hasChanges;
            Lines = lines ?? fields.Select(f => JournalValues.Same(f.BeforeNode, f.AfterNode) && f.BeforeKnown ? $"{f.Name}: {JournalValues.Show(f.BeforeNode)} (no change)" : f.ToString()).ToList();
        }

        public IReadOnlyList<JournalField> Fields { get; }

        /// <summary>One line per difference, "field: old -> new".</summary>
        public IReadOnlyList<string> Lines { get; }

        public bool HasChanges => hasChanges ?? Fields.Any(f => !f.BeforeKnown || !JournalValues.Same(f.BeforeNode, f.AfterNode));

        /// <summary>What -WhatIf says when nothing would change: the fields compared, each line ending "(no change)".</summary>
        public IReadOnlyList<string> Unchanged { get; set; } = Array.Empty<string>();

        /// <summary>Said before asking (e.g. what a datamart change does to dependent objects).</summary>
        public IList<string> Warnings { get; } = new List<string>();

        /// <summary>What the read returned, for the send (e.g. the datamart definition the plan was made from).</summary>
        public object? Current { get; set; }

        public string Describe() => string.Join(Environment.NewLine, Lines.Select(line => "  " + line));
    }

    /// <summary>What a sent change returns: the object to write and what the journal should add.</summary>
    public sealed class ChangeResult
    {
        public object? Output { get; set; }

        /// <summary>The target's id when the service assigned it (a created embed).</summary>
        public string? Target { get; set; }

        /// <summary>The fields as sent, when the plan did not know them all.</summary>
        public IReadOnlyList<JournalField>? Fields { get; set; }

        public string? BackupFile { get; set; }

        public JsonObject? Recorded { get; set; }
    }

    /// <summary>ShouldProcess's three texts.</summary>
    public sealed class ChangePrompt
    {
        public ChangePrompt(string description, string warning, string caption)
        {
            Description = description;
            Warning = warning;
            Caption = caption;
        }

        public string Description { get; }

        public string Warning { get; }

        public string Caption { get; }
    }

    /// <summary>
    /// One validated row's change, as a cmdlet hands it to the row pipeline: what it changes, how to read the
    /// target's current values (where the service can), and how to send it. The base cmdlet asks ShouldProcess on
    /// the pipeline thread; <see cref="ChangeRecorder"/> reads, sends and journals on a worker.
    /// </summary>
    public sealed class RowChange
    {
        public RowChange(ChangeOperation operation, ApiService service, string target, string shouldProcessTarget, string action)
        {
            Operation = operation;
            Service = service;
            Target = target;
            ShouldProcessTarget = shouldProcessTarget;
            Action = action;
        }

        public ChangeOperation Operation { get; }

        public ApiService Service { get; }

        /// <summary>Names the row in LastBulkRun and the journal.</summary>
        public string Target { get; }

        public string ShouldProcessTarget { get; }

        public string Action { get; }

        /// <summary>The kind of change as the journal names it (the cmdlet that makes it), also when an undo makes it.</summary>
        public string? Cmdlet { get; set; }

        /// <summary>How -WhatIf introduces the field diff, e.g. "Set access on embed 'e1'".</summary>
        public string? PlanTitle { get; set; }

        /// <summary>
        /// The prompt in the change's own words (description for -WhatIf and -Verbose, the question, the caption);
        /// null asks ShouldProcess(ShouldProcessTarget, Action).
        /// </summary>
        public Func<ChangePlan?, ChangePrompt>? Prompt { get; set; }

        /// <summary>Warned once the change is confirmed: something the user still has to act on.</summary>
        public string? ConfirmedWarning { get; set; }

        /// <summary>Written to -Verbose once the change is confirmed, so a runbook's log has it even when no one was asked.</summary>
        public string? ConfirmedNote { get; set; }

        /// <summary>Reads the target and plans the change; null where nothing is read (a creation, a removal).</summary>
        public Func<RequestContext, CancellationToken, Task<ChangePlan>>? Read { get; set; }

        /// <summary>
        /// Read before asking, on the pipeline thread, because the prompt itself lists the differences (a datamart's
        /// tables); otherwise the read runs on a worker, and under -WhatIf its plan is what is shown.
        /// </summary>
        public bool PlanBeforeAsking { get; set; }

        /// <summary>
        /// Whether the read serves only the journal's "before" and -WhatIf's diff: true for a partial update the
        /// service merges itself, which a session that keeps no journal sends without reading first (one request
        /// per row instead of two).
        /// </summary>
        public bool ReadOnlyForJournal { get; set; }

        /// <summary>
        /// Whether -WhatIf reads the target to show the field diff; false where -WhatIf has always sent nothing at
        /// all (the read then happens only as part of the change itself).
        /// </summary>
        public bool ReadForWhatIf { get; set; } = true;

        /// <summary>The fields sent, for a change that reads nothing (a creation's values, a removal's recorded state).</summary>
        public IReadOnlyList<JournalField> Fields { get; set; } = Array.Empty<JournalField>();

        /// <summary>Anything else the journal keeps for an undo.</summary>
        public JsonObject? Recorded { get; set; }

        public Func<ChangePlan?, RequestContext, CancellationToken, Task<ChangeResult>> Send { get; set; } =
            (_, _, _) => Task.FromResult(new ChangeResult());

        /// <summary>The run this change puts back, for an undo's entries.</summary>
        public string? UndoOf { get; set; }
    }
}
