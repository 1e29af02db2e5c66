using System;
using System.Threading;
using System.Threading.Tasks;

namespace EmbedAdmin.Core.Http
{
    /// <summary>
    /// One per service per session. A 429 on any request pauses every request of the pool until the time the
    /// server asked for, instead of letting the other workers run into the same limit.
    /// </summary>
    public sealed class RateLimitGate
    {
        private readonly IClock clock;
        private readonly object sync = new();
        private DateTimeOffset pausedUntil = DateTimeOffset.MinValue;
        private TimeSpan totalPaused = TimeSpan.Zero;

        public RateLimitGate(IClock clock)
        {
            this.clock = clock;
        }

        /// <summary>Wall-clock time the pool has spent paused, summed over the session's life.</summary>
        public TimeSpan TotalPaused
        {
            get
            {
                lock (sync)
                {
                    return totalPaused;
                }
            }
        }

        public DateTimeOffset PausedUntil
        {
            get
            {
                lock (sync)
                {
                    return pausedUntil;
                }
            }
        }

        public void PauseFor(TimeSpan delay)
        {
            var now = clock.UtcNow;
            var until = now + delay;
            lock (sync)
            {
                if (until <= pausedUntil)
                {
                    return;
                }

                // Count only the stretch this pause adds beyond any pause already in force.
                var from = pausedUntil > now ? pausedUntil : now;
                totalPaused += until - from;
                pausedUntil = until;
            }
        }

        public async Task WaitAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                var wait = PausedUntil - clock.UtcNow;
                if (wait <= TimeSpan.Zero)
                {
                    return;
                }

                await clock.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
