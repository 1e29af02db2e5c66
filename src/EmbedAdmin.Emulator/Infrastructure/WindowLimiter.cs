using System.Collections.Concurrent;

namespace EmbedAdmin.Emulator.Infrastructure;

/// <summary>
/// DataBrain's documented limiter (docs.usedatabrain.com, rate-limiting page, self-hosted backend): a fixed window
/// per client, RATE_LIMIT requests per window (500 per 2 minutes by default), answering 429 "until the window
/// resets". Here the client is the bearer token, and a key's window opens with its first request. Refused
/// requests count too, as express-rate-limit counts every hit.
/// </summary>
internal sealed class WindowLimiter
{
    private readonly TimeProvider clock;
    private Generation? current;

    public WindowLimiter(WindowLimitSettings? settings, TimeProvider clock)
    {
        this.clock = clock;
        Apply(settings);
    }

    public WindowLimitSettings? Settings => Volatile.Read(ref current)?.Settings.Copy();

    /// <summary>Replaces the limit and forgets every window.</summary>
    public void Apply(WindowLimitSettings? settings) =>
        Volatile.Write(ref current, settings is null ? null : new Generation(settings.Copy()));

    public RateDecision? TryTake(string key)
    {
        var g = Volatile.Read(ref current);
        if (g is null)
        {
            return null;
        }

        var s = g.Settings;
        var now = clock.GetUtcNow();
        var window = g.Windows.GetOrAdd(key, static (_, at) => new Window(at), now);
        int hits;
        DateTimeOffset end;
        lock (window)
        {
            if (now >= window.Start.AddSeconds(s.Seconds))
            {
                window.Start = now;
                window.Hits = 0;
            }

            hits = ++window.Hits;
            end = window.Start.AddSeconds(s.Seconds);
        }

        // Whole seconds, rounded up: a client that waits this long finds the window reset.
        var reset = (int)Math.Max(0, Math.Ceiling((end - now).TotalSeconds));
        var allowed = hits <= s.Count;
        return new RateDecision(allowed, s.Count, s.Seconds, Math.Max(0, s.Count - hits), allowed ? reset : Math.Max(1, reset));
    }

    private sealed class Generation
    {
        public Generation(WindowLimitSettings settings) => Settings = settings;

        public WindowLimitSettings Settings { get; }

        public ConcurrentDictionary<string, Window> Windows { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Window
    {
        public Window(DateTimeOffset start) => Start = start;

        public DateTimeOffset Start { get; set; }

        public int Hits { get; set; }
    }
}
