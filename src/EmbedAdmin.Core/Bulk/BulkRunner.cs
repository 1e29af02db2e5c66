using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Core.Bulk
{
    /// <summary>Options for one bulk run.</summary>
    public sealed class BulkOptions
    {
        public const int DefaultThrottleLimit = 4;

        public string Operation { get; set; } = "EmbedAdmin";

        /// <summary>Names the run in the change journal and in LastBulkRun; a new one unless given.</summary>
        public string RunId { get; set; } = RunIds.New(SystemClock.Instance.UtcNow);

        /// <summary>Requests in flight at once.</summary>
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        public bool VerboseEnabled { get; set; }

        public bool DebugEnabled { get; set; }

        /// <summary>Rows expected, when known; 0 means unknown.</summary>
        public int ExpectedTotal { get; set; }

        public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>The gate whose pauses count as "waiting on rate limits" in the summary.</summary>
        public RateLimitGate? RateLimitGate { get; set; }

        public IClock Clock { get; set; } = SystemClock.Instance;
    }

    /// <summary>
    /// Runs one request per row with at most ThrottleLimit in flight, and hands results back in input order.
    /// Every public method is called on the pipeline thread; workers only post to a queue that those methods
    /// drain, so Write* and ShouldProcess never leave the pipeline thread.
    /// </summary>
    public sealed class BulkRunner : IDisposable
    {
        private readonly BulkOptions options;
        private readonly CancellationTokenSource cancellation;
        private readonly SemaphoreSlim slots;
        private readonly SignalQueue signals = new();
        private readonly Dictionary<long, Completion> finished = new();
        private readonly ConcurrentDictionary<long, Task> running = new();
        private readonly Dictionary<long, string> unsettledTargets = new();
        private readonly TargetOrder targetOrder = new();
        private readonly List<string> succeeded = new();
        private readonly List<string> failed = new();
        private readonly List<string> unchanged = new();
        private readonly List<string> skipped = new();
        private readonly Stopwatch elapsed = Stopwatch.StartNew();
        private readonly TimeSpan pausedAtStart;
        private readonly int maxPending;
        private readonly int readyAhead;
        private int readyWaiting;
        private long nextSequence;
        private long nextToEmit;
        private DateTimeOffset lastProgress;
        private bool progressShown;
        private BulkRunSummary? summary;

        public BulkRunner(BulkOptions options, CancellationToken cancellationToken)
        {
            if (options.ThrottleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "ThrottleLimit must be at least 1.");
            }

            this.options = options;
            cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            slots = new SemaphoreSlim(options.ThrottleLimit, options.ThrottleLimit);
            // Bounded so a slow early row cannot make a 100,000-row CSV pile up in memory behind it, but wide
            // enough that one row waiting out a retry backoff does not stall the pool: output is in input order,
            // so every row after it waits to be written. A pending row is a few KB; 1,024 of them are cheap.
            maxPending = Math.Max(1024, options.ThrottleLimit * 64);
            // Rows that could start but have no slot yet are only there to be at hand when one frees; a few
            // rounds' worth does that. Beyond it, the pipeline thread waits instead of reading further rows, so
            // that a long CSV's rows are not read, bound and queued long before they run: each would outlive
            // several collections and die in the oldest generation, which grows to hold them, and at a run's
            // start binding them all would take a core from the requests' first round.
            readyAhead = Math.Max(64, options.ThrottleLimit * 4);
            pausedAtStart = options.RateLimitGate?.TotalPaused ?? TimeSpan.Zero;
            // The first progress update waits one interval, so a run that ends quickly draws no bar at all.
            lastProgress = options.Clock.UtcNow;
            Stats = new RequestStats();
            Context = new RequestContext(new QueuedLog(this, options.VerboseEnabled, options.DebugEnabled), Stats);
        }

        public RequestStats Stats { get; }

        public string RunId => options.RunId;

        /// <summary>Pass this to every request of the run: its log lands on the pipeline thread.</summary>
        public RequestContext Context { get; }

        public CancellationToken CancellationToken => cancellation.Token;

        /// <summary>Rows accepted and not yet handed back.</summary>
        public int Pending => (int)(nextSequence - nextToEmit);

        /// <summary>Available once the run has completed or been disposed.</summary>
        public BulkRunSummary? Summary => summary;

        /// <summary>
        /// Queues a row's work. Blocks, handing back events meanwhile, while too many rows are pending.
        /// </summary>
        public IEnumerable<BulkEvent> Submit(object? row, string target, Func<CancellationToken, Task<IReadOnlyList<object>>> work) =>
            Submit(row, target, async token => RowResult.Changed(await work(token).ConfigureAwait(false)));

        /// <summary>Queues a row's work, which says itself how the row ended (changed, unchanged, skipped).</summary>
        public IEnumerable<BulkEvent> Submit(object? row, string target, Func<CancellationToken, Task<RowResult>> work)
        {
            foreach (var ready in WaitWhile(() => Pending >= maxPending || Volatile.Read(ref readyWaiting) >= readyAhead))
            {
                yield return ready;
            }

            var sequence = nextSequence++;
            unsettledTargets[sequence] = target;
            var turn = targetOrder.Enter(target);
            // Counted here, on the pipeline thread, when the row can start at once, so the next Submit sees it
            // whatever the thread pool has got to; a row behind another for its target counts once its turn comes.
            var readyNow = turn.Ready.IsCompleted;
            if (readyNow)
            {
                Interlocked.Increment(ref readyWaiting);
            }

            running[sequence] = Task.Run(() => RunInTurnAsync(turn, sequence, row, target, work, readyNow));
            foreach (var ready in Drain(block: false))
            {
                yield return ready;
            }
        }

        /// <summary>Records a row that failed before any request (bad input), in its place in the output order.</summary>
        public IEnumerable<BulkEvent> Reject(object? row, string target, Exception error)
        {
            var sequence = nextSequence++;
            finished[sequence] = new Completion(sequence, row, target, Outcome.Failed, null, error);
            return Drain(block: false);
        }

        /// <summary>
        /// Records a row settled on the pipeline thread without a request (nothing to change, or declined at the
        /// prompt), in its place in the output order, so that every row has exactly one outcome.
        /// </summary>
        public IEnumerable<BulkEvent> Settle(object? row, string target, RowResult result)
        {
            var sequence = nextSequence++;
            finished[sequence] = new Completion(sequence, row, target, OutcomeOf(result), result.Outputs, null);
            return Drain(block: false);
        }

        /// <summary>Waits for every queued row; the last events are a final progress update and the summary line.</summary>
        public IEnumerable<BulkEvent> Complete()
        {
            foreach (var ready in WaitWhile(() => Pending > 0))
            {
                yield return ready;
            }

            summary = BuildSummary(new List<string>(), new List<string>(), cancelled: false);
            if (progressShown)
            {
                yield return Progress(finishedRun: true);
            }

            if (options.VerboseEnabled)
            {
                yield return new LogMessage(LogLevel.Verbose, summary.ToString());
            }
        }

        /// <summary>Stops the run: requests in flight are cancelled, queued rows are never sent.</summary>
        public void Cancel() => cancellation.Cancel();

        /// <summary>
        /// Ends the run. After Ctrl+C, the pipeline can no longer be written to, so the outcome is only built
        /// here, waiting briefly for cancelled requests to settle, and kept for the caller to store.
        /// </summary>
        public void Dispose()
        {
            if (summary is null)
            {
                cancellation.Cancel();
                Task.WaitAll(running.Values.ToArray(), TimeSpan.FromSeconds(10));
                var interrupted = new List<string>();
                var notStarted = new List<string>();
                while (signals.TryTake(out var signal))
                {
                    if (signal is Completion completion)
                    {
                        finished[completion.Sequence] = completion;
                    }
                }

                foreach (var completion in finished.Values.OrderBy(c => c.Sequence))
                {
                    unsettledTargets.Remove(completion.Sequence);
                    Account(completion, interrupted, notStarted);
                }

                // Still on the wire after the grace period: the outcome is unknown, which is what "interrupted" says.
                interrupted.AddRange(unsettledTargets.OrderBy(p => p.Key).Select(p => p.Value));

                summary = BuildSummary(interrupted, notStarted, cancelled: true);
            }

            cancellation.Dispose();
            slots.Dispose();
            signals.Dispose();
        }

        /// <summary>Waits for the earlier rows for the same target (see <see cref="TargetOrder"/>), then runs the row.</summary>
        private async Task RunInTurnAsync(TargetOrder.Turn turn, long sequence, object? row, string target, Func<CancellationToken, Task<RowResult>> work, bool counted)
        {
            using (turn)
            {
                await turn.Ready.ConfigureAwait(false);
                if (!counted)
                {
                    Interlocked.Increment(ref readyWaiting);
                }

                await RunAsync(sequence, row, target, work).ConfigureAwait(false);
            }
        }

        private async Task RunAsync(long sequence, object? row, string target, Func<CancellationToken, Task<RowResult>> work)
        {
            var token = cancellation.Token;
            Completion completion;
            try
            {
                await slots.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException exception)
            {
                Interlocked.Decrement(ref readyWaiting);
                signals.Post(new Completion(sequence, row, target, Outcome.NotStarted, null, exception));
                running.TryRemove(sequence, out _);
                return;
            }

            Interlocked.Decrement(ref readyWaiting);
            if (token.IsCancellationRequested)
            {
                // A slot freed by a cancelled request can be granted after Ctrl+C; this row must not start.
                slots.Release();
                signals.Post(new Completion(sequence, row, target, Outcome.NotStarted, null, new OperationCanceledException(token)));
                running.TryRemove(sequence, out _);
                return;
            }

            try
            {
                var result = await work(token).ConfigureAwait(false);
                completion = new Completion(sequence, row, target, OutcomeOf(result), result.Outputs, null);
            }
            catch (OperationCanceledException exception) when (token.IsCancellationRequested)
            {
                completion = new Completion(sequence, row, target, Outcome.Interrupted, null, exception);
            }
            catch (Exception exception)
            {
                completion = new Completion(sequence, row, target, Outcome.Failed, null, exception);
            }
            finally
            {
                slots.Release();
            }

            signals.Post(completion);
            running.TryRemove(sequence, out _);
        }

        private IEnumerable<BulkEvent> WaitWhile(Func<bool> condition)
        {
            while (condition())
            {
                foreach (var ready in Drain(block: true))
                {
                    yield return ready;
                }
            }
        }

        /// <summary>Takes what workers posted (waiting for one signal if asked) and emits what is ready, in order.</summary>
        private IEnumerable<BulkEvent> Drain(bool block)
        {
            var events = new List<BulkEvent>();
            if (block)
            {
                Accept(signals.Take(cancellation.Token), events);
            }

            while (signals.TryTake(out var signal))
            {
                Accept(signal, events);
            }

            while (finished.TryGetValue(nextToEmit, out var completion))
            {
                finished.Remove(nextToEmit);
                nextToEmit++;
                events.Add(Emit(completion));
            }

            var now = options.Clock.UtcNow;
            if (now - lastProgress >= options.ProgressInterval)
            {
                lastProgress = now;
                progressShown = true;
                events.Add(Progress(finishedRun: false));
            }

            return events;
        }

        private void Accept(object signal, List<BulkEvent> events)
        {
            switch (signal)
            {
                case Completion completion:
                    finished[completion.Sequence] = completion;
                    break;
                case LogMessage message:
                    events.Add(message);
                    break;
            }
        }

        private BulkEvent Emit(Completion completion)
        {
            unsettledTargets.Remove(completion.Sequence);
            if (completion.Outcome is Outcome.Succeeded or Outcome.Unchanged or Outcome.Skipped)
            {
                ListFor(completion.Outcome).Add(completion.Target);
                return new RowSucceeded(completion.Sequence, completion.Row, completion.Target, completion.Outputs!);
            }

            failed.Add(completion.Target);
            return new RowFailed(completion.Sequence, completion.Row, completion.Target, completion.Error!);
        }

        private void Account(Completion completion, List<string> interrupted, List<string> notStarted)
        {
            switch (completion.Outcome)
            {
                case Outcome.Succeeded:
                case Outcome.Unchanged:
                case Outcome.Skipped:
                    ListFor(completion.Outcome).Add(completion.Target);
                    break;
                case Outcome.Failed:
                    failed.Add(completion.Target);
                    break;
                case Outcome.Interrupted:
                    interrupted.Add(completion.Target);
                    break;
                default:
                    notStarted.Add(completion.Target);
                    break;
            }
        }

        private static Outcome OutcomeOf(RowResult result) => result.Kind switch
        {
            RowOutcome.Unchanged => Outcome.Unchanged,
            RowOutcome.Skipped => Outcome.Skipped,
            _ => Outcome.Succeeded,
        };

        private List<string> ListFor(Outcome outcome) => outcome switch
        {
            Outcome.Unchanged => unchanged,
            Outcome.Skipped => skipped,
            _ => succeeded,
        };

        private ProgressUpdate Progress(bool finishedRun) => new(
            (int)nextSequence,
            succeeded.Count + unchanged.Count + skipped.Count,
            failed.Count,
            options.ExpectedTotal,
            finishedRun,
            elapsed.Elapsed);

        private BulkRunSummary BuildSummary(List<string> interrupted, List<string> notStarted, bool cancelled)
        {
            var paused = (options.RateLimitGate?.TotalPaused ?? TimeSpan.Zero) - pausedAtStart;
            return new BulkRunSummary(
                options.Operation,
                succeeded.ToArray(),
                failed.ToArray(),
                interrupted,
                notStarted,
                Stats.Requests,
                Stats.Retries,
                paused,
                elapsed.Elapsed,
                cancelled,
                options.RateLimitGate?.Describe(),
                unchanged.ToArray(),
                skipped.ToArray(),
                options.RunId);
        }

        private enum Outcome
        {
            Succeeded,
            Unchanged,
            Skipped,
            Failed,
            Interrupted,
            NotStarted,
        }

        private sealed class Completion
        {
            public Completion(long sequence, object? row, string target, Outcome outcome, IReadOnlyList<object>? outputs, Exception? error)
            {
                Sequence = sequence;
                Row = row;
                Target = target;
                Outcome = outcome;
                Outputs = outputs;
                Error = error;
            }

            public long Sequence { get; }

            public object? Row { get; }

            public string Target { get; }

            public Outcome Outcome { get; }

            public IReadOnlyList<object>? Outputs { get; }

            public Exception? Error { get; }
        }

        private sealed class QueuedLog : IRequestLog
        {
            private readonly BulkRunner owner;

            public QueuedLog(BulkRunner owner, bool verbose, bool debug)
            {
                this.owner = owner;
                VerboseEnabled = verbose;
                DebugEnabled = debug;
            }

            public bool VerboseEnabled { get; }

            public bool DebugEnabled { get; }

            public void Verbose(string message) => owner.signals.Post(new LogMessage(LogLevel.Verbose, message));

            public void Debug(string message) => owner.signals.Post(new LogMessage(LogLevel.Debug, message));
        }
    }
}
