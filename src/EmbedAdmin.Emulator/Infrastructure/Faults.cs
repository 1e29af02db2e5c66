namespace EmbedAdmin.Emulator.Infrastructure;

internal enum FaultKind
{
    None,
    Storm,
    Drop,
    Error,
}

internal readonly record struct FaultDecision(FaultKind Kind, int DelayMs);

/// <summary>
/// Decides a fault for the n-th API request since the settings were last applied, as a pure function of
/// (seed, n): no shared Random, no locks, and the same seed with the same request order replays the same
/// faults. Under concurrency the order in which requests draw n is the only source of variation.
/// </summary>
internal sealed class FaultInjector
{
    private Generation current;

    public FaultInjector(FaultSettings initial)
    {
        current = new Generation(initial.Copy());
    }

    public FaultSettings Settings => Volatile.Read(ref current).Settings.Copy();

    public long Drawn => Volatile.Read(ref current).Counter;

    /// <summary>Replaces the settings and restarts the sequence at n = 1.</summary>
    public void Apply(FaultSettings settings) => Volatile.Write(ref current, new Generation(settings.Copy()));

    public FaultDecision Next()
    {
        var g = Volatile.Read(ref current);
        var s = g.Settings;
        if (!s.Any)
        {
            return default;
        }

        var n = Interlocked.Increment(ref g.Counter);
        return Decide(s, n);
    }

    /// <summary>Exposed for tests and documentation: the decision for request number n (1-based).</summary>
    internal static FaultDecision Decide(FaultSettings s, long n)
    {
        var state = unchecked((ulong)s.Seed ^ ((ulong)n * 0x9E3779B97F4A7C15UL));
        var jitterDraw = Unit(ref state);
        var dropDraw = Unit(ref state);
        var errorDraw = Unit(ref state);

        var delay = s.LatencyMs + (s.JitterMs > 0 ? (int)(jitterDraw * (s.JitterMs + 1)) : 0);
        if (s.StormEvery > 0 && s.StormLength > 0)
        {
            var cycle = (long)s.StormEvery + s.StormLength;
            if ((n - 1) % cycle >= s.StormEvery)
            {
                return new FaultDecision(FaultKind.Storm, delay);
            }
        }

        if (dropDraw < s.DropRate)
        {
            return new FaultDecision(FaultKind.Drop, delay);
        }

        if (errorDraw < s.ErrorRate)
        {
            return new FaultDecision(FaultKind.Error, delay);
        }

        return new FaultDecision(FaultKind.None, delay);
    }

    // SplitMix64: tiny, stateless across calls, good enough spread for coin flips.
    private static double Unit(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    private sealed class Generation
    {
        public Generation(FaultSettings settings) => Settings = settings;

        public FaultSettings Settings { get; }

        // A field, not a property, because Interlocked.Increment needs a ref.
        public long Counter;
    }
}
