using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace EmbedAdmin.Core.Bulk
{
    /// <summary>
    /// Keeps rows for the same target (an embed id, a workspace or datamart name, a secure embed) in input order:
    /// each waits until the row before it for that target has finished, while rows for other targets run
    /// alongside. So the last row for a target wins, as in a sequential loop, whatever the throttle limit.
    /// Targets are compared without case: an unneeded wait costs little, a race between two spellings of one
    /// name would cost a wrong value.
    /// </summary>
    public sealed class TargetOrder
    {
        private readonly Dictionary<string, Task> tails = new(StringComparer.OrdinalIgnoreCase);
        private readonly object gate = new();

        /// <summary>
        /// Takes the next place in the target's line. Call in input order (on the pipeline thread); the returned
        /// turn's <see cref="Turn.Ready"/> completes when every earlier row for the target has finished.
        /// </summary>
        public Turn Enter(string target)
        {
            var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Task previous;
            lock (gate)
            {
                previous = tails.TryGetValue(target, out var tail) ? tail : Task.CompletedTask;
                tails[target] = done.Task;
            }

            return new Turn(this, target, previous, done);
        }

        private void Leave(string target, TaskCompletionSource<bool> done)
        {
            lock (gate)
            {
                // Forget the target once its last row is done, so a long run does not keep every key.
                if (tails.TryGetValue(target, out var tail) && tail == done.Task)
                {
                    tails.Remove(target);
                }
            }

            done.TrySetResult(true);
        }

        /// <summary>One row's place in its target's line; dispose it when the row has finished, however it ended.</summary>
        public sealed class Turn : IDisposable
        {
            private readonly TargetOrder owner;
            private readonly string target;
            private readonly TaskCompletionSource<bool> done;

            internal Turn(TargetOrder owner, string target, Task ready, TaskCompletionSource<bool> done)
            {
                this.owner = owner;
                this.target = target;
                Ready = ready;
                this.done = done;
            }

            /// <summary>Completes (never faults) when the row before this one for the same target has finished.</summary>
            public Task Ready { get; }

            public void Dispose() => owner.Leave(target, done);
        }
    }
}
