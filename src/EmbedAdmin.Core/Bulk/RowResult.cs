using System;
using System.Collections.Generic;
using System.Globalization;

namespace EmbedAdmin.Core.Bulk
{
    /// <summary>How a row that did not fail ended.</summary>
    public enum RowOutcome
    {
        /// <summary>The change was sent and the service confirmed it.</summary>
        Changed,

        /// <summary>The target already had what the row asked for; nothing was sent.</summary>
        Unchanged,

        /// <summary>Not sent: -WhatIf, or the prompt was declined.</summary>
        Skipped,
    }

    /// <summary>A row's outcome and the objects to write for it.</summary>
    public sealed class RowResult
    {
        private RowResult(RowOutcome kind, IReadOnlyList<object> outputs)
        {
            Kind = kind;
            Outputs = outputs;
        }

        public RowOutcome Kind { get; }

        public IReadOnlyList<object> Outputs { get; }

        public static RowResult Changed(IReadOnlyList<object>? outputs = null) => new(RowOutcome.Changed, outputs ?? Array.Empty<object>());

        public static RowResult Unchanged(IReadOnlyList<object>? outputs = null) => new(RowOutcome.Unchanged, outputs ?? Array.Empty<object>());

        public static RowResult Skipped(IReadOnlyList<object>? outputs = null) => new(RowOutcome.Skipped, outputs ?? Array.Empty<object>());
    }

    /// <summary>Run ids sort by the time the run started, so "the last N runs" is a sort, and stay unique across processes.</summary>
    public static class RunIds
    {
        public static string New(DateTimeOffset now) =>
            now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N").Substring(0, 8);
    }
}
