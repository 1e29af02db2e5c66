namespace EmbedAdmin.Emulator;

/// <summary>How to start an emulator. Every property has a safe default: loopback, no faults, no limits.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Address to bind. Anything but a loopback address is refused unless <see cref="AllowRemote"/> is set.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (read it back from <see cref="EmulatorServer.BaseUri"/>).</summary>
    public int Port { get; set; } = 5080;

    /// <summary>Allows binding a non-loopback address. Off by default: the dev keys are public.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>Seed document; null means the shipped seed/demo-seed.json next to the assembly.</summary>
    public string? SeedFile { get; set; }

    /// <summary>When set, state is loaded from here (plus FILE.journal) if it exists, and every change is persisted before its response: journal append, periodic atomic snapshot.</summary>
    public string? StateFile { get; set; }

    /// <summary>When set, the base URL is written here once the listener is up.</summary>
    public string? ReadyFile { get; set; }

    /// <summary>Suppresses the per-request log line.</summary>
    public bool Quiet { get; set; }

    /// <summary>Where per-request lines go when not <see cref="Quiet"/>; null means standard output.</summary>
    public TextWriter? Log { get; set; }

    /// <summary>Fault injection at start; can be changed later through PUT /_emulator/faults.</summary>
    public FaultSettings Faults { get; set; } = new();

    /// <summary>Token bucket per DataBrain bearer token; null disables limiting.</summary>
    public RateLimitSettings? DataBrainRateLimit { get; set; }

    /// <summary>DataBrain's documented fixed window per bearer token (COUNT requests per SECONDS); null disables it. Applied before the token bucket.</summary>
    public WindowLimitSettings? DataBrainRateWindow { get; set; }

    /// <summary>Token bucket per Datadog DD-API-KEY; null disables limiting.</summary>
    public RateLimitSettings? DatadogRateLimit { get; set; }

    /// <summary>Freezes the clock used for createdAt/updatedAt/exportedAt so state dumps compare byte for byte across runs.</summary>
    public DateTimeOffset? FixedTime { get; set; }

    /// <summary>Clock for timestamps and rate-limit refill; overrides <see cref="FixedTime"/>. For tests that drive time.</summary>
    public TimeProvider? TimeProvider { get; set; }

    // Journal size that triggers a snapshot; null = max(4 MB, snapshot size). Tests shrink it to force compaction.
    internal long? StateCompactAfterBytes { get; set; }
}

/// <summary>Fault injection. Decisions are a pure function of (Seed, n) for the n-th API request since the
/// settings were applied, so the same seed and the same request order give the same run.</summary>
public sealed class FaultSettings
{
    /// <summary>Fixed delay added to every API request.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Extra delay, uniform in [0, JitterMs], drawn from the seeded sequence.</summary>
    public int JitterMs { get; set; }

    /// <summary>Share of API requests answered with a 500 in the service's own error shape (0..1).</summary>
    public double ErrorRate { get; set; }

    /// <summary>Share of API requests whose connection is aborted without a response (0..1).</summary>
    public double DropRate { get; set; }

    /// <summary>429 storms: after every <see cref="StormEvery"/> normal requests, <see cref="StormLength"/> requests get 429. 0 = off.</summary>
    public int StormEvery { get; set; }

    /// <summary>Length of each 429 storm in requests.</summary>
    public int StormLength { get; set; }

    /// <summary>Retry-After / X-RateLimit-Reset seconds sent with storm 429s.</summary>
    public int StormRetryAfterSeconds { get; set; } = 1;

    /// <summary>Seed for the fault sequence.</summary>
    public long Seed { get; set; }

    /// <summary>Share of API requests that are carried out (changes applied and persisted) and then lose their answer: the connection is cut instead (0..1).</summary>
    public double LostReplyRate { get; set; }

    /// <summary>
    /// Faults for the first requests after the settings are applied, one per request in order: none, storm, drop,
    /// error, lost-reply, redirect, stall-body, huge-body, truncated-body, huge-error. Later requests follow the rates.
    /// </summary>
    public string[]? Script { get; set; }

    /// <summary>Location of a redirect fault; by default https://moved.example.invalid plus the request's path.</summary>
    public string? RedirectTo { get; set; }

    /// <summary>Size of a huge-body answer (default 2 GiB) or of a huge-error message (default 5 MB).</summary>
    public long HugeBodyBytes { get; set; }

    /// <summary>True when any fault is configured.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Any => LatencyMs > 0 || JitterMs > 0 || ErrorRate > 0 || DropRate > 0 || LostReplyRate > 0 || (StormEvery > 0 && StormLength > 0) || Script is { Length: > 0 };

    internal FaultSettings Copy()
    {
        var copy = (FaultSettings)MemberwiseClone();
        copy.Script = Script?.ToArray();
        return copy;
    }

    internal string? Validate()
    {
        if (LatencyMs < 0 || JitterMs < 0)
        {
            return "latencyMs and jitterMs must be >= 0";
        }

        if (ErrorRate is < 0 or > 1 || double.IsNaN(ErrorRate) || DropRate is < 0 or > 1 || double.IsNaN(DropRate))
        {
            return "errorRate and dropRate must be between 0 and 1";
        }

        if (StormEvery < 0 || StormLength < 0 || StormRetryAfterSeconds < 0)
        {
            return "stormEvery, stormLength and stormRetryAfterSeconds must be >= 0";
        }

        if (LostReplyRate is < 0 or > 1 || double.IsNaN(LostReplyRate))
        {
            return "lostReplyRate must be between 0 and 1";
        }

        if (HugeBodyBytes < 0)
        {
            return "hugeBodyBytes must be >= 0";
        }

        if (Script?.FirstOrDefault(k => Infrastructure.FaultInjector.ParseKind(k) is null) is { } unknown)
        {
            return $"script: '{unknown}' is not one of none, storm, drop, error, lost-reply, redirect, stall-body, huge-body, truncated-body, huge-error";
        }

        if (RedirectTo is not null && !Uri.TryCreate(RedirectTo, UriKind.Absolute, out _))
        {
            return "redirectTo must be an absolute URI";
        }

        return null;
    }
}

/// <summary>A token bucket: refills at <see cref="RequestsPerSecond"/>, holds at most <see cref="Burst"/> tokens.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Refill rate. Fractions are allowed (0.01 = one request per 100 s).</summary>
    public double RequestsPerSecond { get; set; }

    /// <summary>Bucket size; a fresh key may send this many at once.</summary>
    public int Burst { get; set; }

    /// <summary>Parses "RPS" or "RPS:BURST"; BURST defaults to max(1, ceil(RPS)).</summary>
    public static RateLimitSettings Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length > 2
            || !double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var rps)
            || !(rps > 0) || double.IsInfinity(rps))
        {
            throw new FormatException($"'{text}' is not RPS or RPS:BURST with RPS > 0.");
        }

        var burst = Math.Max(1, (int)Math.Ceiling(rps));
        if (parts.Length == 2 && (!int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out burst) || burst < 1))
        {
            throw new FormatException($"'{text}': BURST must be a whole number >= 1.");
        }

        return new RateLimitSettings { RequestsPerSecond = rps, Burst = burst };
    }

    internal RateLimitSettings Copy() => (RateLimitSettings)MemberwiseClone();
}

/// <summary>A fixed window: at most <see cref="Count"/> requests per <see cref="Seconds"/>, counted from a key's first request.</summary>
public sealed class WindowLimitSettings
{
    /// <summary>Requests allowed per window.</summary>
    public int Count { get; set; }

    /// <summary>Length of the window in seconds.</summary>
    public int Seconds { get; set; }

    /// <summary>Parses "COUNT/SECONDS", e.g. "500/120" (DataBrain's default of 500 requests per 2 minutes).</summary>
    public static WindowLimitSettings Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || count < 1 || seconds < 1)
        {
            throw new FormatException($"'{text}' is not COUNT/SECONDS with both whole numbers >= 1, e.g. 500/120.");
        }

        return new WindowLimitSettings { Count = count, Seconds = seconds };
    }

    internal WindowLimitSettings Copy() => (WindowLimitSettings)MemberwiseClone();
}
