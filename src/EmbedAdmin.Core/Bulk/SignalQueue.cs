using System;
using System.Collections.Concurrent;
using System.Threading;

namespace EmbedAdmin.Core.Bulk
{
    /// <summary>
    /// What the workers post to the pipeline thread: their results, taken in the order posted. The pipeline thread
    /// waits for the next one without spinning. A BlockingCollection's wait spins on the CPU before it sleeps,
    /// every time, and the pipeline thread waits once per finished request: a bulk run at no latency spent a
    /// quarter of its CPU spinning there, on a machine where the workers needed that CPU.
    /// </summary>
    internal sealed class SignalQueue : IDisposable
    {
        private readonly ConcurrentQueue<object> items = new();
        private readonly ManualResetEventSlim posted = new(initialState: false, spinCount: 0);
        private volatile bool disposed;

        /// <summary>
        /// Adds a signal. A worker that outlived the run (a request that ignored cancellation past the grace period)
        /// may still post after the queue is disposed: its row is already counted as interrupted, so the signal is
        /// dropped, and nothing throws on a thread nobody observes.
        /// </summary>
        public void Post(object signal)
        {
            if (disposed)
            {
                return;
            }

            items.Enqueue(signal);
            posted.Set();
        }

        public bool TryTake(out object signal) => items.TryDequeue(out signal!);

        /// <summary>
        /// Waits for a signal; throws OperationCanceledException once <paramref name="cancellationToken"/> is
        /// cancelled, even with signals waiting, as BlockingCollection.Take does. A stopped run must not go on
        /// emitting what its workers post: the rows cancelled before they started would be written out as failed,
        /// where the run's end accounts them as never started.
        /// </summary>
        public object Take(CancellationToken cancellationToken)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (items.TryDequeue(out var signal))
                {
                    return signal;
                }

                // Reset, then look again: a signal posted between the first look and the reset is found now, and
                // one posted after the reset sets the event again.
                posted.Reset();
                if (items.TryDequeue(out signal))
                {
                    return signal;
                }

                posted.Wait(cancellationToken);
            }
        }

        public void Dispose()
        {
            disposed = true;
            posted.Dispose();
        }
    }
}
