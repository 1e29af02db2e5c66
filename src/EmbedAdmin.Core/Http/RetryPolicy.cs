using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;

namespace EmbedAdmin.Core.Http
{
    /// <summary>How often and how long to wait between attempts; pure, so the arithmetic is tested on its own.</summary>
    public sealed class RetryPolicy
    {
        private readonly object randomGate = new();
        private readonly Random random;

        public RetryPolicy(int maximumRetryCount, TimeSpan baseDelay, TimeSpan maximumDelay, Random? random = null, TimeSpan? maximumServerWait = null)
        {
            if (maximumRetryCount < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maximumRetryCount), "MaximumRetryCount cannot be negative.");
            }

            MaximumRetryCount = maximumRetryCount;
            BaseDelay = baseDelay;
            MaximumDelay = maximumDelay;
            MaximumServerWait = maximumServerWait ?? DefaultMaximumServerWait;
            this.random = random ?? new Random();
        }

        public const int DefaultMaximumRetryCount = 5;

        public static readonly TimeSpan DefaultMaximumServerWait = TimeSpan.FromSeconds(60);

        public int MaximumRetryCount { get; }

        public TimeSpan BaseDelay { get; }

        public TimeSpan MaximumDelay { get; }

        /// <summary>
        /// The longest Retry-After the module waits out. A longer one is never shortened (retrying early only
        /// meets the same refusal): the call fails at once, naming the wait asked for.
        /// </summary>
        public TimeSpan MaximumServerWait { get; }

        public bool Allows(TimeSpan serverDelay) => serverDelay <= MaximumServerWait;

        /// <summary>
        /// Exponential backoff with "equal jitter": half of base·2^attempt is fixed, half random, so retries
        /// from a pool of workers spread out instead of arriving together.
        /// </summary>
        public TimeSpan Backoff(int attempt)
        {
            var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 16));
            var capped = Math.Min(exponential, MaximumDelay.TotalMilliseconds);
            double fraction;
            lock (randomGate)
            {
                fraction = random.NextDouble();
            }

            return TimeSpan.FromMilliseconds((capped / 2) + (fraction * capped / 2));
        }

        /// <summary>
        /// A small random addition to a server-given wait, so this client's pool does not resume exactly when
        /// every other client of the same limit does. Kept to 5 % (at most 250 ms): the whole pool already waits
        /// as one, and every extra millisecond is paid again on each pause of a long rate-limited run.
        /// </summary>
        public TimeSpan ServerDelayWithJitter(TimeSpan serverDelay)
        {
            double fraction;
            lock (randomGate)
            {
                fraction = random.NextDouble();
            }

            var jitter = TimeSpan.FromMilliseconds(Math.Min(250, serverDelay.TotalMilliseconds * 0.05) * fraction);
            var total = serverDelay + jitter;
            return total > MaximumServerWait && serverDelay <= MaximumServerWait ? MaximumServerWait : total;
        }

        /// <summary>
        /// Server errors that a second attempt may get past. 500 is among them: for an idempotent call, repeating
        /// cannot apply a change twice, and the services answer 500 to passing faults (INTERNAL_SERVER_ERROR).
        /// </summary>
        public static bool IsRetryableStatus(int status) => status == 500 || status == 502 || status == 503 || status == 504;

        /// <summary>
        /// The wait a 429 (or 503) asks for: Retry-After in seconds or as an HTTP date (DataBrain), else
        /// Datadog's X-RateLimit-Reset in seconds.
        /// </summary>
        public static TimeSpan? ServerRequestedDelay(HttpResponseMessage response, DateTimeOffset now)
        {
            var retryAfter = response.Headers.RetryAfter;
            if (retryAfter?.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter?.Date is { } date)
            {
                var wait = date - now;
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }

            // A Retry-After that HttpHeaders could not parse still reaches us as raw text.
            if (TryHeader(response.Headers, "Retry-After", out var rawRetryAfter) && ParseSeconds(rawRetryAfter) is { } seconds)
            {
                return seconds;
            }

            return TryHeader(response.Headers, "X-RateLimit-Reset", out var reset) ? ParseSeconds(reset) : null;
        }

        /// <summary>
        /// Parses a header that should hold whole or fractional seconds. Datadog has sent X-RateLimit-Reset
        /// twice, which arrives joined as "7, 7"; the largest value is taken, and junk is ignored.
        /// </summary>
        public static TimeSpan? ParseSeconds(string? headerValue)
        {
            if (string.IsNullOrWhiteSpace(headerValue))
            {
                return null;
            }

            double? best = null;
            foreach (var part in headerValue!.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                    && value >= 0 && !double.IsInfinity(value) && !double.IsNaN(value))
                {
                    best = best.HasValue ? Math.Max(best.Value, value) : value;
                }
            }

            return best.HasValue ? TimeSpan.FromSeconds(Math.Min(best.Value, TimeSpan.FromDays(1).TotalSeconds)) : null;
        }

        private static bool TryHeader(HttpResponseHeaders headers, string name, out string value)
        {
            value = string.Empty;
            if (!headers.TryGetValues(name, out var values))
            {
                return false;
            }

            value = string.Join(",", values.ToArray());
            return value.Length > 0;
        }
    }
}
