using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace EmbedAdmin.Core.Http
{
    /// <summary>Time as the retry logic sees it; tests substitute a clock that records delays instead of sleeping.</summary>
    public interface IClock
    {
        DateTimeOffset UtcNow { get; }

        Task Delay(TimeSpan delay, CancellationToken cancellationToken);
    }

    public sealed class SystemClock : IClock
    {
        public static SystemClock Instance { get; } = new SystemClock();

        public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

        /// <summary>
        /// Waits of up to a few seconds (request pacing, Retry-After) end on time by <see cref="PreciseTimer"/>;
        /// longer ones sleep on Task.Delay until their last stretch, so the timer's queue holds only what is near.
        /// </summary>
        public async Task Delay(TimeSpan delay, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            if (delay > PreciseStretch)
            {
                await Task.Delay(delay - PreciseStretch, cancellationToken).ConfigureAwait(false);
            }

            var elapsed = TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency);
            await PreciseTimer.Delay(delay - elapsed, cancellationToken).ConfigureAwait(false);
        }

        private static readonly TimeSpan PreciseStretch = TimeSpan.FromSeconds(2);
    }
}
