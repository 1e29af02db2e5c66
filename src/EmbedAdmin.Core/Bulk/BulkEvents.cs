using System;
using System.Collections.Generic;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Core.Bulk
{
    /// <summary>What a bulk run hands back to the pipeline thread, which turns each into a Write* call.</summary>
    public abstract class BulkEvent
    {
    }

    public sealed class RowSucceeded : BulkEvent
    {
        public RowSucceeded(long sequence, object? row, string target, IReadOnlyList<object> outputs)
        {
            Sequence = sequence;
            Row = row;
            Target = target;
            Outputs = outputs;
        }

        public long Sequence { get; }

        public object? Row { get; }

        public string Target { get; }

        public IReadOnlyList<object> Outputs { get; }
    }

    public sealed class RowFailed : BulkEvent
    {
        public RowFailed(long sequence, object? row, string target, Exception error)
        {
            Sequence = sequence;
            Row = row;
            Target = target;
            Error = error;
            Classification = ErrorClassifier.Classify(error);
        }

        public long Sequence { get; }

        /// <summary>The input row as it came down the pipeline: it becomes the ErrorRecord's TargetObject for replay.</summary>
        public object? Row { get; }

        public string Target { get; }

        public Exception Error { get; }

        public ErrorClassification Classification { get; }
    }

    public enum LogLevel
    {
        Verbose,
        Debug,
        Warning,
    }

    public sealed class LogMessage : BulkEvent
    {
        public LogMessage(LogLevel level, string text)
        {
            Level = level;
            Text = text;
        }

        public LogLevel Level { get; }

        public string Text { get; }
    }

    public sealed class ProgressUpdate : BulkEvent
    {
        public ProgressUpdate(int submitted, int succeeded, int failed, int total, bool finished, TimeSpan elapsed)
        {
            Submitted = submitted;
            Succeeded = succeeded;
            Failed = failed;
            Total = total;
            Finished = finished;
            Elapsed = elapsed;
        }

        public int Submitted { get; }

        public int Succeeded { get; }

        public int Failed { get; }

        /// <summary>Rows expected in all, or 0 when the pipeline does not say (streamed CSV input).</summary>
        public int Total { get; }

        public bool Finished { get; }

        public TimeSpan Elapsed { get; }

        public int Done => Succeeded + Failed;

        /// <summary>Percent complete, or -1 when the total is unknown (what Write-Progress takes for "unknown").</summary>
        public int PercentComplete => Total > 0 ? Math.Min(100, (int)(100L * Done / Total)) : -1;

        public string Status => Total > 0
            ? $"{Done} of {Total} rows done ({Failed} failed)"
            : $"{Done} rows done ({Failed} failed), {Submitted - Done} in progress";
    }
}
