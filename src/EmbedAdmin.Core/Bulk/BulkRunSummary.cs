using System;
using System.Collections.Generic;
using System.Globalization;

namespace EmbedAdmin.Core.Bulk
{
    /// <summary>
    /// How a bulk run ended. Rows are named by their target (e.g. the embed id) rather than kept whole, so a
    /// 100,000-row run does not hold every input row in memory.
    /// </summary>
    public sealed class BulkRunSummary
    {
        public BulkRunSummary(
            string operation,
            IReadOnlyList<string> succeeded,
            IReadOnlyList<string> failed,
            IReadOnlyList<string> interrupted,
            IReadOnlyList<string> notStarted,
            long requests,
            long retries,
            TimeSpan rateLimitWait,
            TimeSpan elapsed,
            bool cancelled,
            string? rateLearned = null,
            IReadOnlyList<string>? unchanged = null,
            IReadOnlyList<string>? skipped = null,
            string? runId = null)
        {
            RateLearned = rateLearned;
            Unchanged = unchanged ?? Array.Empty<string>();
            Skipped = skipped ?? Array.Empty<string>();
            RunId = runId ?? string.Empty;
            Operation = operation;
            Succeeded = succeeded;
            Failed = failed;
            Interrupted = interrupted;
            NotStarted = notStarted;
            Requests = requests;
            Retries = retries;
            RateLimitWait = rateLimitWait;
            Elapsed = elapsed;
            Cancelled = cancelled;
        }

        public string Operation { get; }

        /// <summary>The run's id: what Get-EmbedAdminChange -RunId and Undo-EmbedAdminChange -RunId take.</summary>
        public string RunId { get; }

        /// <summary>Rows the service confirmed.</summary>
        public IReadOnlyList<string> Succeeded { get; }

        /// <summary>Rows that already had what they asked for: read, compared, and nothing was sent.</summary>
        public IReadOnlyList<string> Unchanged { get; }

        /// <summary>Rows not sent because -WhatIf was given or the prompt was declined.</summary>
        public IReadOnlyList<string> Skipped { get; }

        /// <summary>Rows rejected (by validation or by the service); nothing of them was applied.</summary>
        public IReadOnlyList<string> Failed { get; }

        /// <summary>
        /// Rows whose request was on the wire when the run was stopped: the service may or may not have applied
        /// them. Each is one request, so never half-applied; they are safe to run again.
        /// </summary>
        public IReadOnlyList<string> Interrupted { get; }

        /// <summary>Rows accepted but never sent, because the run was stopped first.</summary>
        public IReadOnlyList<string> NotStarted { get; }

        public long Requests { get; }

        public long Retries { get; }

        public TimeSpan RateLimitWait { get; }

        public TimeSpan Elapsed { get; }

        public bool Cancelled { get; }

        /// <summary>What pacing learned of the service's rate limit during the session, or null when nothing.</summary>
        public string? RateLearned { get; }

        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "{0}: {1} rows ok, {9}{10}{2} failed{3}; {4} requests, {5} retries, {6:0.0} s waiting on rate limits, {7:0.0} s in all.{8}",
            Operation,
            Succeeded.Count,
            Failed.Count,
            Cancelled ? $", stopped with {Interrupted.Count} in flight and {NotStarted.Count} not started" : string.Empty,
            Requests,
            Retries,
            RateLimitWait.TotalSeconds,
            Elapsed.TotalSeconds,
            RateLearned is null ? string.Empty : " Pacing: " + RateLearned + ".",
            Unchanged.Count > 0 ? Unchanged.Count + " unchanged, " : string.Empty,
            Skipped.Count > 0 ? Skipped.Count + " skipped, " : string.Empty);
    }
}
