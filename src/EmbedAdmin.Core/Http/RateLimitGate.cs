using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace EmbedAdmin.Core.Http
{
    /// <summary>
    /// Paces every request of a session to one service. It learns the service's limit from the rate-limit headers
    /// of each answer (Datadog's X-RateLimit-Limit/-Period/-Remaining/-Reset, docs.datadoghq.com/api/latest/rate-limits;
    /// the IETF RateLimit-Limit/-Remaining/-Reset, combined RateLimit and RateLimit-Policy of
    /// draft-ietf-httpapi-ratelimit-headers, which DataBrain's limiter sends) and from 429s, and then:
    /// - spends what the window has left at once, and when the answers say it is used up, pauses the whole pool
    ///   until the window resets instead of running into the wall;
    /// - otherwise spaces requests at the learned rate (limit per period);
    /// - on a 429 to a request sent at that pace, slows the spacing a little, and speeds it up again while answers
    ///   succeed (additive increase, multiplicative decrease);
    /// - on any other 429 (no headers, or sent while the window was believed to have room) halves the requests in
    ///   flight, growing them back one by one while answers succeed, and the pool pauses for the Retry-After.
    /// Until the first answer it lets one request through at a time: a pool that opens with a burst of its whole
    /// throttle limit into a service that allows no burst has all but one refused, and their Retry-After then
    /// stalls the whole pool before the first answer could have told it the rate.
    /// </summary>
    public sealed class RateLimitGate
    {
        private const int UnlimitedConcurrency = 1024;
        private const double SlowestFactor = 0.5;

        // Just under the learned rate: requests sent exactly at the rate arrive a little early or late, and a
        // service with no burst allowance refuses each early one.
        private const double FastestFactor = 0.97;

        private readonly IClock clock;
        private readonly object sync = new();
        private DateTimeOffset pausedUntil = DateTimeOffset.MinValue;
        private TimeSpan totalPaused = TimeSpan.Zero;
        private TaskCompletionSource<bool> slotFreed = NewSignal();
        private int? limit;
        private double? periodSeconds;
        private int? budget;
        private int? windowRemaining;
        private DateTimeOffset? resetAt;
        private DateTimeOffset nextSlot = DateTimeOffset.MinValue;
        private DateTimeOffset lastSent = DateTimeOffset.MinValue.AddYears(1);
        private double factor = FastestFactor;
        private int concurrency = UnlimitedConcurrency;
        private int lowestConcurrency = UnlimitedConcurrency;
        private int inFlight;
        private int successesSinceCut;
        private long successes;
        private long throttled;
        private long round;
        private int spacedAnswers;
        private int spacedRefusals;
        private const int PaceBatch = 20;

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

        /// <summary>Answers that were not 429, over the session's life: a pool that gets them is making progress.</summary>
        public long Successes => Interlocked.Read(ref successes);

        /// <summary>The requests allowed in flight now; lowered by 429s, raised again by successes.</summary>
        public int Concurrency
        {
            get
            {
                lock (sync)
                {
                    return concurrency;
                }
            }
        }

        /// <summary>The learned limit per second, or null when no answer has told it yet.</summary>
        public double? LearnedRate
        {
            get
            {
                lock (sync)
                {
                    return limit is { } l && periodSeconds is { } p && p > 0 ? l / p : null;
                }
            }
        }

        /// <summary>What the pool learned, for the -Verbose summary: "100 requests per 10 s", the lowest concurrency, the 429s.</summary>
        public string? Describe()
        {
            lock (sync)
            {
                if (limit is null && throttled == 0)
                {
                    return null;
                }

                var rate = limit is { } l && periodSeconds is { } p
                    ? string.Format(CultureInfo.InvariantCulture, "rate learned: {0} requests per {1:0.###} s", l, p)
                    : "no rate announced";
                var cut = lowestConcurrency < UnlimitedConcurrency
                    ? string.Format(CultureInfo.InvariantCulture, ", requests in flight cut to {0} at the lowest", lowestConcurrency)
                    : string.Empty;
                return string.Format(CultureInfo.InvariantCulture, "{0}{1}, {2} answered 429", rate, cut, throttled);
            }
        }

        /// <summary>Pauses every request of the pool until the given time from now (a Retry-After).</summary>
        public void PauseFor(TimeSpan delay)
        {
            lock (sync)
            {
                PauseUntil(clock.UtcNow + delay);
            }
        }

        /// <summary>Waits while the pool is paused.</summary>
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

        /// <summary>
        /// Waits for this request's turn: the pool not paused, a free place within the concurrency, the window's
        /// budget or the next spaced slot. Every ticket must be given back with <see cref="Release"/>.
        /// </summary>
        public async Task<Ticket> AcquireAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan wait;
                Task? freed = null;
                lock (sync)
                {
                    var now = clock.UtcNow;
                    if (resetAt is { } reset && now >= reset)
                    {
                        // A new window: what it holds is known from its first answer.
                        resetAt = null;
                        budget = null;
                        windowRemaining = null;
                    }

                    if (pausedUntil > now)
                    {
                        wait = pausedUntil - now;
                    }
                    else if (inFlight >= (Answered ? concurrency : 1))
                    {
                        wait = TimeSpan.Zero;
                        freed = slotFreed.Task;
                    }
                    else if (budget is { } left && left <= 0 && resetAt is { } end)
                    {
                        if (inFlight > 0)
                        {
                            // The budget counts every request still in flight as not yet counted by the service;
                            // their answers say how many were, and so whether the window has room left. Pausing
                            // now would leave that room unused, and with it a whole window at the end of the run.
                            wait = TimeSpan.Zero;
                            freed = slotFreed.Task;
                        }
                        else
                        {
                            // Used up: the whole pool waits for the window to reset rather than meet 429s.
                            PauseUntil(end);
                            wait = end - now;
                        }
                    }
                    else if (budget is { } room && room > 0)
                    {
                        budget = room - 1;
                        inFlight++;
                        lastSent = now;
                        return new Ticket(spaced: false, Successes, round);
                    }
                    else if (Interval() is { } interval)
                    {
                        // Not reserved ahead: an answer that arrives meanwhile may show room in a new window, and
                        // then the request goes at once instead of at its place in the line.
                        var slot = Latest(now, nextSlot, lastSent + interval);
                        if (slot <= now)
                        {
                            nextSlot = now + interval;
                            lastSent = now;
                            inFlight++;
                            return new Ticket(spaced: true, Successes, round);
                        }

                        wait = slot - now;
                    }
                    else
                    {
                        inFlight++;
                        lastSent = now;
                        return new Ticket(spaced: false, Successes, round);
                    }
                }

                if (freed is not null)
                {
                    await WhenAnyCancellable(freed, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await clock.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        /// <summary>Learns from an answer: its rate-limit headers, and whether it was a 429.</summary>
        /// <returns>True when a 429 was explained by the learned rate (the pool slows down instead of pausing).</returns>
        public bool Observe(Ticket ticket, HttpResponseMessage response)
        {
            var headers = RateLimitHeaders.Read(response.Headers);
            var status = (int)response.StatusCode;
            lock (sync)
            {
                var now = clock.UtcNow;
                if (headers.Limit is { } l)
                {
                    limit = l;
                }

                if (headers.PeriodSeconds is { } p && p > 0)
                {
                    periodSeconds = p;
                }

                if (headers.Remaining is { } remaining && !(status == 429 && ticket.Spaced))
                {
                    // Answers arrive out of order: within one window the smallest Remaining is the truth, and the
                    // earliest reset time (each is rounded up to whole seconds) the closest to it. An answer whose
                    // reset lies clearly beyond the known one belongs to the next window.
                    var end = now + TimeSpan.FromSeconds(headers.ResetSeconds ?? 0);
                    if (resetAt is not { } known || end > known + TimeSpan.FromSeconds(1) || windowRemaining is null)
                    {
                        resetAt = headers.ResetSeconds is null ? null : end;
                        windowRemaining = remaining;
                    }
                    else
                    {
                        resetAt = end < known ? end : known;
                        windowRemaining = Math.Min(windowRemaining.Value, remaining);
                    }

                    // The others still in flight may already be counted by the service, or not: assume not.
                    budget = windowRemaining - Math.Max(0, inFlight - 1);
                }
                else if (status == 429)
                {
                    budget = 0;
                }

                if (status != 429)
                {
                    Interlocked.Increment(ref successes);
                    if (++successesSinceCut >= concurrency && concurrency < UnlimitedConcurrency)
                    {
                        concurrency++;
                        successesSinceCut = 0;
                    }

                    CountSpacedAnswer(ticket, refused: false);
                    return false;
                }

                throttled++;

                // Sent at the learned pace and refused: the pace was a little fast (the service's clock and ours
                // differ by the network's jitter), which a slightly slower spacing fixes.
                if (ticket.Spaced && headers.Remaining is not null)
                {
                    CountSpacedAnswer(ticket, refused: true);
                    return true;
                }

                // Anything else means the limit is reached for now: fewer requests in flight, and the caller pauses
                // the pool for the Retry-After.
                // Once per round: the 429s of requests sent before the last cut are answers to the old concurrency.
                if (ticket.Round == round)
                {
                    concurrency = Math.Max(1, Math.Min(concurrency, inFlight) / 2);
                    lowestConcurrency = Math.Min(lowestConcurrency, concurrency);
                    successesSinceCut = 0;
                    round++;
                }

                return false;
            }
        }

        public void Release(Ticket ticket)
        {
            TaskCompletionSource<bool> signal;
            lock (sync)
            {
                inFlight--;
                signal = slotFreed;
                slotFreed = NewSignal();
            }

            signal.TrySetResult(true);
        }

        /// <summary>
        /// Judges the pace by the share of paced requests refused, a batch at a time: more than one in twenty
        /// slows it by 5 %, none speeds it up by 1 % (up to just under the learned rate). One refusal alone says
        /// little: requests sent at the pace arrive with the network's jitter.
        /// </summary>
        private void CountSpacedAnswer(Ticket ticket, bool refused)
        {
            if (!ticket.Spaced)
            {
                return;
            }

            spacedAnswers++;
            spacedRefusals += refused ? 1 : 0;
            if (spacedAnswers < PaceBatch)
            {
                return;
            }

            factor = spacedRefusals * 20 > spacedAnswers
                ? Math.Max(SlowestFactor, factor * 0.95)
                : spacedRefusals == 0 ? Math.Min(FastestFactor, factor * 1.01) : factor;
            spacedAnswers = 0;
            spacedRefusals = 0;
        }

        /// <summary>Whether any answer has come, 429 or not (read under the lock, where Observe counts each one).</summary>
        private bool Answered => successes + throttled > 0;

        private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) =>
            a > b ? (a > c ? a : c) : (b > c ? b : c);

        private TimeSpan? Interval() =>
            limit is { } l && l > 0 && periodSeconds is { } p && p > 0
                ? TimeSpan.FromTicks((long)(TimeSpan.TicksPerSecond * p / (l * factor)))
                : null;

        private void PauseUntil(DateTimeOffset until)
        {
            if (until <= pausedUntil)
            {
                return;
            }

            // Count only the stretch this pause adds beyond any pause already in force.
            var now = clock.UtcNow;
            var from = pausedUntil > now ? pausedUntil : now;
            totalPaused += until - from;
            pausedUntil = until;
        }

        private static async Task WhenAnyCancellable(Task task, CancellationToken cancellationToken)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
            {
                await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        private static TaskCompletionSource<bool> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>One request's place in the pool: how it was let through, and the pool's progress when it was.</summary>
        public sealed class Ticket
        {
            internal Ticket(bool spaced, long successesAtStart, long round)
            {
                Spaced = spaced;
                SuccessesAtStart = successesAtStart;
                Round = round;
            }

            /// <summary>Sent at the learned pace, not from a window's known budget.</summary>
            public bool Spaced { get; }

            public long SuccessesAtStart { get; }

            /// <summary>How many times concurrency had been cut when this request was let through.</summary>
            public long Round { get; }
        }
    }
}
