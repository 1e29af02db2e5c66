using System.Collections.Concurrent;

namespace EmbedAdmin.Emulator.Infrastructure;

/// <param name="Allowed">Whether the request may proceed.</param>
/// <param name="Limit">Requests allowed per <paramref name="PeriodSeconds"/>.</param>
/// <param name="PeriodSeconds">The window, or the seconds to refill an empty bucket.</param>
/// <param name="Remaining">Requests left now.</param>
/// <param name="ResetSeconds">Seconds until more requests are allowed (the window's end; for a bucket, the next token).</param>
internal readonly record struct RateDecision(bool Allowed, int Limit, int PeriodSeconds, int Remaining, int ResetSeconds);

/// <summary>One token bucket per key (bearer token or DD-API-KEY). Null settings mean unlimited.</summary>
internal sealed class RateLimiter
{
    private readonly TimeProvider clock;
    private Generation? current;

    public RateLimiter(RateLimitSettings? settings, TimeProvider clock)
    {
        this.clock = clock;
        Apply(settings);
    }

    public RateLimitSettings? Settings => Volatile.Read(ref current)?.Settings.Copy();

    public bool Enabled => Volatile.Read(ref current) is not null;

    /// <summary>Replaces the limit and forgets every bucket.</summary>
    public void Apply(RateLimitSettings? settings)
    {
        Volatile.Write(ref current, settings is null ? null : new Generation(settings.Copy()));
    }

    public RateDecision? TryTake(string key)
    {
        var g = Volatile.Read(ref current);
        if (g is null)
        {
            return null;
        }

        var s = g.Settings;
        var now = clock.GetTimestamp();
        var bucket = g.Buckets.GetOrAdd(key, static (_, arg) => new Bucket(arg.Burst, arg.Now), (s.Burst, Now: now));
        double tokens;
        bool allowed;
        lock (bucket)
        {
            var elapsed = clock.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
            if (elapsed > 0)
            {
                bucket.Tokens = Math.Min(s.Burst, bucket.Tokens + (elapsed * s.RequestsPerSecond));
                bucket.Stamp = now;
            }

            allowed = bucket.Tokens >= 1;
            if (allowed)
            {
                bucket.Tokens -= 1;
            }

            tokens = bucket.Tokens;
        }

        // Limit per Period is the refill rate (Datadog: "requests allowed in a time period"), so a client can
        // learn it even when the bucket holds a single token. Reset is the whole seconds until one more
        // request is allowed than now, rounded down: 0 while that is under a second. A 429's Retry-After
        // (sent by the caller) is at least 1, as HTTP's delay-seconds has no fractions.
        var period = (int)Math.Max(1, Math.Ceiling(s.Burst / s.RequestsPerSecond));
        var limit = (int)Math.Max(s.Burst, Math.Round(s.RequestsPerSecond * period));
        var untilNext = (Math.Floor(tokens) + 1 - tokens) / s.RequestsPerSecond;
        var reset = allowed
            ? (int)Math.Floor(tokens >= 1 ? (s.Burst - tokens) / s.RequestsPerSecond : untilNext)
            : (int)Math.Max(1, Math.Ceiling(untilNext));
        return new RateDecision(allowed, limit, period, (int)Math.Floor(tokens), reset);
    }

    private sealed class Generation
    {
        public Generation(RateLimitSettings settings) => Settings = settings;

        public RateLimitSettings Settings { get; }

        public ConcurrentDictionary<string, Bucket> Buckets { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Bucket
    {
        public Bucket(double tokens, long stamp)
        {
            Tokens = tokens;
            Stamp = stamp;
        }

        public double Tokens { get; set; }

        public long Stamp { get; set; }
    }
}
