using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace EmbedAdmin.Core.Http
{
    /// <summary>
    /// Waits that end at their due time, a millisecond or so late at most on an idle machine, and never before it.
    /// Task.Delay's timer queue counts in the system's low-resolution ticks (on Linux the coarse monotonic clock,
    /// 4 ms a tick on this kind of machine): its waits end up to a tick early or late. Pacing requests 50 ms apart
    /// to a service that allows no burst cannot afford that. A request sent a tick late costs the whole run that
    /// tick, since the next one is spaced from it. A wait that ends early is no better: it costs another round
    /// through the gate.
    /// One background thread serves every wait of the process: it sleeps on a monitor (whose timeout is measured on
    /// the precise clock) until the earliest due time, and completes each wait on the thread pool.
    /// </summary>
    public static class PreciseTimer
    {
        private static readonly object Sync = new();
        private static readonly SortedDictionary<(long Due, long Sequence), Waiter> Waiters = new();
        private static long sequence;
        private static Thread? thread;

        /// <summary>A task that completes once <paramref name="delay"/> has passed by the Stopwatch, or is cancelled.</summary>
        public static async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (delay <= TimeSpan.Zero)
            {
                return;
            }

            var due = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
            var waiter = new Waiter();
            (long, long) key;
            lock (Sync)
            {
                key = (due, sequence++);
                Waiters.Add(key, waiter);
                if (thread is null)
                {
                    thread = new Thread(Run) { IsBackground = true, Name = "EmbedAdmin precise timer" };
                    thread.Start();
                }

                Monitor.Pulse(Sync);
            }

            // Registered after the wait is in the queue, so a cancellation always finds it; disposed once it ends.
            using (cancellationToken.Register(() => Cancel(key, waiter, cancellationToken)))
            {
                await waiter.Completion.Task.ConfigureAwait(false);
            }
        }

        private static void Cancel((long, long) key, Waiter waiter, CancellationToken cancellationToken)
        {
            lock (Sync)
            {
                Waiters.Remove(key);
            }

            waiter.Completion.TrySetCanceled(cancellationToken);
        }

        private static void Run()
        {
            var due = new List<Waiter>();
            while (true)
            {
                lock (Sync)
                {
                    while (true)
                    {
                        if (Waiters.Count == 0)
                        {
                            Monitor.Wait(Sync);
                            continue;
                        }

                        var first = FirstKey();
                        var left = first.Due - Stopwatch.GetTimestamp();
                        if (left <= 0)
                        {
                            break;
                        }

                        // Whole milliseconds, rounded up: the wait may end a little late, never early, and the
                        // loop checks the clock again either way.
                        var milliseconds = (int)Math.Min(int.MaxValue, Math.Ceiling(left * 1000.0 / Stopwatch.Frequency));
                        Monitor.Wait(Sync, milliseconds);
                    }

                    var now = Stopwatch.GetTimestamp();
                    while (Waiters.Count > 0 && FirstKey() is var key && key.Due <= now)
                    {
                        due.Add(Waiters[key]);
                        Waiters.Remove(key);
                    }
                }

                foreach (var waiter in due)
                {
                    waiter.Completion.TrySetResult(true);
                }

                due.Clear();
            }
        }

        private static (long Due, long Sequence) FirstKey()
        {
            using var keys = Waiters.Keys.GetEnumerator();
            keys.MoveNext();
            return keys.Current;
        }

        private sealed class Waiter
        {
            // Continuations run on the thread pool, never on the timer's thread, which must stay free to keep time.
            public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
