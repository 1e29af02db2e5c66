namespace EmbedAdmin.Emulator.Infrastructure;

internal enum FaultKind
{
    None,
    Storm,
    Drop,
    Error,

    /// <summary>The request is handled (a change is applied and persisted), then the connection is cut before the answer.</summary>
    LostReply,

    /// <summary>302 with a Location header, as a proxy or a moved service might answer.</summary>
    Redirect,

    /// <summary>200 headers and the start of a body, then nothing until the client gives up.</summary>
    StallBody,

    /// <summary>A 200 whose chunked JSON body runs to HugeBodyBytes.</summary>
    HugeBody,

    /// <summary>A 500 in the service's error shape whose message runs to HugeBodyBytes (default 5 MB).</summary>
    HugeError,

    /// <summary>A 200 that promises more bytes (Content-Length) than it sends, then cuts the connection.</summary>
    TruncatedBody,
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

        // Drawn after the older draws, so adding it left the decisions of existing seeds unchanged.
        var lostDraw = Unit(ref state);

        var delay = s.LatencyMs + (s.JitterMs > 0 ? (int)(jitterDraw * (s.JitterMs + 1)) : 0);
        if (s.Script is { } script && n <= script.Length)
        {
            return new FaultDecision(ParseKind(script[n - 1]) ?? FaultKind.None, delay);
        }

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

        if (lostDraw < s.LostReplyRate)
        {
            return new FaultDecision(FaultKind.LostReply, delay);
        }

        if (errorDraw < s.ErrorRate)
        {
            return new FaultDecision(FaultKind.Error, delay);
        }

        return new FaultDecision(FaultKind.None, delay);
    }

    /// <summary>The fault kind a script entry names ("lost-reply", "stall-body", ...), or null for an unknown name.</summary>
    internal static FaultKind? ParseKind(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "none" or "" => FaultKind.None,
        "storm" or "429" => FaultKind.Storm,
        "drop" => FaultKind.Drop,
        "error" or "500" => FaultKind.Error,
        "lost-reply" => FaultKind.LostReply,
        "redirect" => FaultKind.Redirect,
        "stall-body" => FaultKind.StallBody,
        "huge-body" => FaultKind.HugeBody,
        "truncated-body" => FaultKind.TruncatedBody,
        "huge-error" => FaultKind.HugeError,
        _ => null,
    };

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
