using System;
using System.Collections.Generic;
using System.Linq;

namespace EmbedAdmin.Core.Journal
{
    /// <summary>What Get-EmbedAdminChange asks of the journal; every filter given must match.</summary>
    public sealed class JournalQuery
    {
        public IReadOnlyCollection<string> RunIds { get; set; } = Array.Empty<string>();

        /// <summary>Matches the target (an embed id, a workspace or datamart name, "dashboard/token").</summary>
        public Func<string, bool>? Target { get; set; }

        /// <summary>Matches the cmdlet that made the change.</summary>
        public Func<string, bool>? Cmdlet { get; set; }

        public DateTimeOffset? After { get; set; }

        public DateTimeOffset? Before { get; set; }

        /// <summary>Only the entries of the last N runs (by their first entry's time), after the other filters.</summary>
        public int? LastRuns { get; set; }

        /// <summary>The matching entries, oldest first.</summary>
        public IReadOnlyList<JournalEntry> Run(ChangeJournal journal)
        {
            var entries = journal.ReadAll(After, Before)
                .Where(e => RunIds.Count == 0 || RunIds.Contains(e.RunId, StringComparer.OrdinalIgnoreCase))
                .Where(e => Target is null || Target(e.Target))
                .Where(e => Cmdlet is null || Cmdlet(e.Cmdlet))
                .Where(e => After is null || e.Time >= After.Value)
                .Where(e => Before is null || e.Time <= Before.Value)
                .OrderBy(e => e.Time)
                .ToList();
            if (LastRuns is { } last)
            {
                var runs = new HashSet<string>(entries.GroupBy(e => e.RunId).OrderByDescending(g => g.First().Time).Take(last).Select(g => g.Key), StringComparer.Ordinal);
                entries = entries.Where(e => runs.Contains(e.RunId)).ToList();
            }

            return entries;
        }
    }
}
