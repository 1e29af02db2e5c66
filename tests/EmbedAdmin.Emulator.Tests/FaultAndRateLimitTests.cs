using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using EmbedAdmin.Emulator.Infrastructure;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>Fault injection is a pure function of (seed, request number); rate limits answer in each service's own way.</summary>
public sealed class FaultAndRateLimitTests
{
    private static async Task<List<string>> RunAsync(TestEmulator emu, int count)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            try
            {
                var r = await emu.DataBrain("GET", "/api/v2/data-app/embeds?isPagination=true&pageNumber=1");
                outcomes.Add(r.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (HttpRequestException)
            {
                outcomes.Add("drop");
            }
        }

        return outcomes;
    }

    [Fact]
    public async Task Same_seed_gives_the_same_run_and_a_new_seed_a_different_one()
    {
        const string faults = """{"errorRate":0.3,"dropRate":0.1,"seed":1234}""";
        await using var a = await TestEmulator.StartAsync();
        await using var b = await TestEmulator.StartAsync();
        (await a.Admin("PUT", "/_emulator/faults", faults)).AssertOk();
        (await b.Admin("PUT", "/_emulator/faults", faults)).AssertOk();
        var runA = await RunAsync(a, 40);
        var runB = await RunAsync(b, 40);
        Assert.Equal(runA, runB);
        Assert.Contains("500", runA);
        Assert.Contains("drop", runA);
        Assert.Contains("200", runA);

        // Re-applying the settings restarts the sequence.
        (await a.Admin("PUT", "/_emulator/faults", faults)).AssertOk();
        Assert.Equal(runA, await RunAsync(a, 40));

        (await a.Admin("PUT", "/_emulator/faults", """{"errorRate":0.3,"dropRate":0.1,"seed":99}""")).AssertOk();
        Assert.NotEqual(runA, await RunAsync(a, 40));

        var stats = await a.StatsAsync();
        Assert.True((int)stats["dropped"]! > 0);
        Assert.True((int)stats["injectedErrors"]! > 0);
    }

    [Fact]
    public async Task Start_options_apply_the_same_faults_as_the_admin_endpoint()
    {
        await using var a = await TestEmulator.StartAsync(o => o.Faults = new FaultSettings { ErrorRate = 0.5, Seed = 7 });
        await using var b = await TestEmulator.StartAsync();
        (await b.Admin("PUT", "/_emulator/faults", """{"errorRate":0.5,"seed":7}""")).AssertOk();
        Assert.Equal(await RunAsync(a, 20), await RunAsync(b, 20));
    }

    [Fact]
    public async Task Storms_answer_429_in_a_fixed_rhythm_with_the_service_headers()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults = new FaultSettings { StormEvery = 3, StormLength = 2, StormRetryAfterSeconds = 4 });
        Assert.Equal(new[] { "200", "200", "200", "429", "429", "200", "200", "200", "429", "429" }, await RunAsync(emu, 10));

        // Requests 11-13 pass, 14 and 15 fall in the next storm, whichever service they address.
        Assert.Equal(new[] { "200", "200", "200" }, await RunAsync(emu, 3));
        var db = (await emu.DataBrain("GET", "/api/v2/data-app/embeds")).AssertDataBrainError(429, "RATE_LIMIT_EXCEEDED");
        Assert.Equal("4", db.Header("Retry-After"));

        var dd = await emu.Datadog("GET", "/api/v2/dashboard/abc-def-ghi/shared");
        Assert.Equal(429, dd.Code);
        Assert.Equal("4", dd.Header("X-RateLimit-Reset"));
        Assert.Equal("0", dd.Header("X-RateLimit-Remaining"));
        Assert.NotNull(dd.Header("X-RateLimit-Limit"));
        Assert.NotNull(dd.Header("X-RateLimit-Period"));
        Assert.NotNull(dd.Header("X-RateLimit-Name"));
        Assert.StartsWith("Rate limit of", (string?)dd.Json!["errors"]![0]);
        Assert.Equal(6, (int)(await emu.StatsAsync())["storm429"]!);
    }

    [Fact]
    public void Decisions_are_a_pure_function_of_seed_and_index_and_jitter_stays_in_bounds()
    {
        var s = new FaultSettings { LatencyMs = 10, JitterMs = 5, ErrorRate = 0.2, DropRate = 0.2, Seed = 5 };
        var first = Enumerable.Range(1, 500).Select(n => FaultInjector.Decide(s, n)).ToArray();
        var second = Enumerable.Range(1, 500).Select(n => FaultInjector.Decide(s, n)).ToArray();
        Assert.Equal(first, second);
        Assert.All(first, d => Assert.InRange(d.DelayMs, 10, 15));
        Assert.Contains(first, d => d.DelayMs == 10);
        Assert.Contains(first, d => d.DelayMs == 15);
        var errors = first.Count(d => d.Kind == FaultKind.Error);
        var drops = first.Count(d => d.Kind == FaultKind.Drop);
        Assert.InRange(drops, 60, 140);
        Assert.InRange(errors, 40, 130);
        Assert.DoesNotContain(Enumerable.Range(1, 500).Select(n => FaultInjector.Decide(new FaultSettings { Seed = 5 }, n)), d => d.Kind != FaultKind.None || d.DelayMs != 0);
    }

    [Fact]
    public async Task Datadog_rate_limit_sends_all_five_headers_and_the_string_list_body()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.DatadogRateLimit = new RateLimitSettings { RequestsPerSecond = 0.01, Burst = 2 });
        var first = await emu.Datadog("GET", "/api/v2/dashboard/abc-def-ghi/shared");
        Assert.Equal("2", first.Header("X-RateLimit-Limit"));
        Assert.Equal("1", first.Header("X-RateLimit-Remaining"));
        Assert.Equal("200", first.Header("X-RateLimit-Period"));
        await emu.Datadog("GET", "/api/v2/dashboard/abc-def-ghi/shared");
        var limited = await emu.Datadog("GET", "/api/v2/dashboard/abc-def-ghi/shared");
        Assert.Equal(429, limited.Code);
        Assert.Equal("0", limited.Header("X-RateLimit-Remaining"));
        Assert.True(int.Parse(limited.Header("X-RateLimit-Reset")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.False(string.IsNullOrEmpty(limited.Header("X-RateLimit-Name")));
        Assert.Equal("Rate limit of 2 requests in 200 seconds reached. Please try again later.", (string?)limited.Json!["errors"]![0]);

        // DataBrain is not limited by the Datadog bucket.
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds")).AssertOk();
        Assert.Equal(1, (int)(await emu.StatsAsync())["rateLimited429"]!);
    }

    [Fact]
    public async Task Rate_limit_buckets_refill_with_time()
    {
        var clock = new ManualClock();
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.DataBrainRateLimit = new RateLimitSettings { RequestsPerSecond = 1, Burst = 1 };
        });
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds")).AssertOk();
        var limited = (await emu.DataBrain("GET", "/api/v2/data-app/embeds")).AssertDataBrainError(429, "RATE_LIMIT_EXCEEDED");
        Assert.Equal("1", limited.Header("Retry-After"));
        clock.Advance(TimeSpan.FromSeconds(1));
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds")).AssertOk();
    }

    private sealed class ManualClock : TimeProvider
    {
        private long ticks = DateTimeOffset.Parse("2026-05-01T00:00:00Z", global::System.Globalization.CultureInfo.InvariantCulture).UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(global::System.Threading.Interlocked.Read(ref ticks), TimeSpan.Zero);

        public override long GetTimestamp() => global::System.Threading.Interlocked.Read(ref ticks);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public void Advance(TimeSpan by) => global::System.Threading.Interlocked.Add(ref ticks, by.Ticks);
    }
}
