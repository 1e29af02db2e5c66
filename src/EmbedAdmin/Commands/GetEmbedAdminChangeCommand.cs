using System;
using System.Linq;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Core.Journal;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Reads the change journal: every change sent through EmbedAdmin, oldest first, filtered by run, target,
    /// cmdlet and time. Its output pipes into Undo-EmbedAdminChange.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "EmbedAdminChange")]
    [OutputType(typeof(JournalEntry))]
    public sealed class GetEmbedAdminChangeCommand : PSCmdlet
    {
        /// <summary>Only these runs (LastBulkRun.RunId names a run).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? RunId { get; set; }

        /// <summary>Only changes to these targets: embed ids, workspace or datamart names, "dashboard/token"; wildcards allowed.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        public string[]? Target { get; set; }

        /// <summary>Only changes made by these cmdlets (Set-EmbedAccess, Update-Workspace, …); wildcards allowed.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        public string[]? Cmdlet { get; set; }

        /// <summary>Only changes made at or after this time.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTime? After { get; set; }

        /// <summary>Only changes made at or before this time.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public DateTime? Before { get; set; }

        /// <summary>Only the last N runs that match the other filters.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, int.MaxValue)]
        public int Last { get; set; }

        /// <summary>The journal folder; by default the session's (Connect-EmbedAdmin -JournalPath), else the module's data folder.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? JournalPath { get; set; }

        /// <summary>The session whose journal to read; by default the connected one.</summary>
        [Parameter]
        public EmbedAdminSession? Session { get; set; }

        protected override void ProcessRecord()
        {
            var folder = string.IsNullOrWhiteSpace(JournalPath)
                ? (Session ?? SessionStore.Current)?.JournalPath ?? ChangeJournal.DefaultFolder()
                : SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath);
            var query = new JournalQuery
            {
                RunIds = RunId ?? Array.Empty<string>(),
                Target = Matcher(Target),
                Cmdlet = Matcher(Cmdlet),
                After = After.HasValue ? new DateTimeOffset(After.Value.ToUniversalTime()) : null,
                Before = Before.HasValue ? new DateTimeOffset(Before.Value.ToUniversalTime()) : null,
                LastRuns = Last > 0 ? Last : null,
            };
            this.WriteVerboseIfWanted($"Reading the change journal in '{folder}'.");
            var entries = query.Run(new ChangeJournal(folder));
            WriteDebug($"{entries.Count} journal entries match, from {entries.Select(e => e.RunId).Distinct().Count()} runs.");
            foreach (var entry in entries)
            {
                WriteObject(entry);
            }
        }

        private static Func<string, bool>? Matcher(string[]? patterns)
        {
            if (patterns is null || patterns.Length == 0)
            {
                return null;
            }

            var compiled = patterns.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToList();
            return value => compiled.Any(p => p.IsMatch(value));
        }
    }
}
