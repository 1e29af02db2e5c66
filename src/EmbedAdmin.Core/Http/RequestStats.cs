using System;
using System.Threading;

namespace EmbedAdmin.Core.Http
{
    /// <summary>Counters one bulk run (or one call) accumulates across threads, for the -Verbose summary.</summary>
    public sealed class RequestStats
    {
        private long requests;
        private long retries;
        private long throttledResponses;

        public long Requests => Interlocked.Read(ref requests);

        public long Retries => Interlocked.Read(ref retries);

        public long ThrottledResponses => Interlocked.Read(ref throttledResponses);

        internal void CountRequest() => Interlocked.Increment(ref requests);

        internal void CountRetry() => Interlocked.Increment(ref retries);

        internal void CountThrottled() => Interlocked.Increment(ref throttledResponses);
    }

    /// <summary>What travels with one request through the handlers: where to log and what to count.</summary>
    public sealed class RequestContext
    {
        public RequestContext(IRequestLog log, RequestStats stats)
        {
            Log = log;
            Stats = stats;
        }

        public static RequestContext Silent() => new RequestContext(NullRequestLog.Instance, new RequestStats());

        public IRequestLog Log { get; }

        public RequestStats Stats { get; }

        /// <summary>Says on -Verbose that a delete counted as done because its lost first attempt had done it.</summary>
        public void ReportAlreadyDeleted(string what)
        {
            if (Log.VerboseEnabled)
            {
                Log.Verbose($"The first attempt to delete {what} got no answer and the repeat found it gone: counted as deleted.");
            }
        }
    }
}
