using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using System.Net.Http;
using EmbedAdmin.Emulator;
using EmbedAdmin.Emulator.Infrastructure;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>
/// DataBrain's documented limiter (a fixed window per client, 429 until it resets, standard rate-limit headers) and
/// the faults no well-behaved service produces: lost replies, redirects, stalled, huge and cut-short bodies.
/// </summary>
public sealed class RateWindowAndHostileFaultTests
{
    private const string Embeds = "/api/v2/data-app/embeds";

    private static int Int(string? text) => int.Parse(text!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_window_allows_COUNT_requests_then_answers_429_with_Retry_After_to_the_windows_end_until_it_resets()
    {
        var clock = new ManualClock();
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.DataBrainRateWindow = WindowLimitSettings.Parse("3/10");
        });

        for (var i = 0; i < 3; i++)
        {
            var ok = (await emu.DataBrain("GET", Embeds)).AssertOk();
            Assert.Equal("3", ok.Header("RateLimit-Limit"));
            Assert.Equal((2 - i).ToString(CultureInfo.InvariantCulture), ok.Header("RateLimit-Remaining"));
            Assert.Equal((10 - i).ToString(CultureInfo.InvariantCulture), ok.Header("RateLimit-Reset"));
            Assert.Equal("3;w=10", ok.Header("RateLimit-Policy"));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        // Three seconds into the window: seven to go, whatever is sent meanwhile.
        var refused = (await emu.DataBrain("GET", Embeds)).AssertDataBrainError(429, "RATE_LIMIT_EXCEEDED");
        Assert.Equal("7", refused.Header("Retry-After"));
        Assert.Equal("0", refused.Header("RateLimit-Remaining"));
        Assert.Equal("7", refused.Header("RateLimit-Reset"));
        clock.Advance(TimeSpan.FromSeconds(6.5));
        var still = (await emu.DataBrain("GET", Embeds)).AssertDataBrainError(429, "RATE_LIMIT_EXCEEDED");
        Assert.Equal("1", still.Header("Retry-After"));

        clock.Advance(TimeSpan.FromSeconds(0.5));
        var renewed = (await emu.DataBrain("GET", Embeds)).AssertOk();
        Assert.Equal("2", renewed.Header("RateLimit-Remaining"));
        Assert.Equal("10", renewed.Header("RateLimit-Reset"));
        Assert.Equal(2, (int)(await emu.StatsAsync())["rateLimited429"]!);
    }

    [Fact]
    public async Task Each_bearer_token_has_its_own_window()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.DataBrainRateWindow = WindowLimitSettings.Parse("1/120"));

        (await emu.DataBrain("GET", Embeds)).AssertOk();
        (await emu.DataBrain("GET", Embeds)).AssertDataBrainError(429, "RATE_LIMIT_EXCEEDED");
        var other = (await emu.DataBrain("GET", Embeds, key: DevKeys.OtherAppApiKey)).AssertOk();
        Assert.Equal("0", other.Header("RateLimit-Remaining"));
    }

    [Fact]
    public async Task The_window_is_set_on_the_command_line_and_through_the_admin_endpoint()
    {
        var options = EntryPoint.Parse(new[] { "--databrain-rate-window", "500/120" }, out _);
        Assert.Equal(500, options.DataBrainRateWindow!.Count);
        Assert.Equal(120, options.DataBrainRateWindow.Seconds);
        Assert.Throws<FormatException>(() => EntryPoint.Parse(new[] { "--databrain-rate-window", "500" }, out _));
        Assert.Throws<FormatException>(() => EntryPoint.Parse(new[] { "--databrain-rate-window", "0/10" }, out _));

        await using var emu = await TestEmulator.StartAsync();
        (await emu.Admin("PUT", "/_emulator/rate-limits", "{\"dataBrainWindow\":{\"count\":1,\"seconds\":60}}")).AssertOk();
        (await emu.DataBrain("GET", Embeds)).AssertOk();
        var refused = (await emu.DataBrain("GET", Embeds)).AssertDataBrainError(429, "RATE_LIMIT_EXCEEDED");
        Assert.InRange(Int(refused.Header("Retry-After")), 59, 60);
        Assert.Equal(400, (await emu.Admin("PUT", "/_emulator/rate-limits", "{\"dataBrainWindow\":{\"count\":0,\"seconds\":60}}")).Code);
    }

    [Fact]
    public async Task The_token_bucket_sends_the_same_headers_with_its_rate_as_limit_per_period()
    {
        var clock = new ManualClock();
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.DataBrainRateLimit = RateLimitSettings.Parse("20:1");
        });

        var ok = (await emu.DataBrain("GET", Embeds)).AssertOk();

        Assert.Equal("20", ok.Header("RateLimit-Limit"));
        Assert.Equal("0", ok.Header("RateLimit-Remaining"));
        // The next token is 50 ms away: under a second, so 0.
        Assert.Equal("0", ok.Header("RateLimit-Reset"));
        Assert.Equal("20;w=1", ok.Header("RateLimit-Policy"));
        var refused = (await emu.DataBrain("GET", Embeds)).AssertDataBrainError(429, "RATE_LIMIT_EXCEEDED");
        Assert.Equal("1", refused.Header("Retry-After"));
        Assert.NotNull(refused.Header("RateLimit-Remaining"));
        clock.Advance(TimeSpan.FromMilliseconds(50));
        (await emu.DataBrain("GET", Embeds)).AssertOk();
    }

    [Fact]
    public async Task A_lost_reply_carries_the_change_out_and_then_cuts_the_connection()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults = new FaultSettings { Script = new[] { "lost-reply" } });

        await Assert.ThrowsAsync<HttpRequestException>(() => emu.DataBrain("DELETE", Embeds + "?embedId=embed_globex"));

        Assert.DoesNotContain("\"embed_globex\"", await emu.StateAsync(), StringComparison.Ordinal);
        Assert.Equal(1, (int)(await emu.StatsAsync())["lostReplies"]!);
        (await emu.DataBrain("DELETE", Embeds + "?embedId=embed_globex")).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Fact]
    public async Task A_redirect_names_its_Location()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults = new FaultSettings { Script = new[] { "redirect", "redirect" }, RedirectTo = "https://elsewhere.example.invalid/x" });
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = emu.Http.BaseAddress };

        using var first = await http.GetAsync(Embeds);

        Assert.Equal(302, (int)first.StatusCode);
        Assert.Equal("https://elsewhere.example.invalid/x", first.Headers.Location!.OriginalString);
        using var second = await http.GetAsync(Embeds + "?a=1");
        Assert.Equal("https://elsewhere.example.invalid/x", second.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_stalled_body_sends_its_headers_and_a_first_piece_then_nothing()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults = new FaultSettings { Script = new[] { "stall-body" } });
        using var http = new HttpClient { BaseAddress = emu.Http.BaseAddress };

        using var response = await http.GetAsync(Embeds, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        var read = await body.ReadAsync(buffer);
        Assert.Equal("{\"data\":[", System.Text.Encoding.UTF8.GetString(buffer, 0, read));

        using var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await body.ReadExactlyAsync(buffer, giveUp.Token));
    }

    [Fact]
    public async Task A_huge_body_is_valid_json_of_the_size_asked_for()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults = new FaultSettings { Script = new[] { "huge-body" }, HugeBodyBytes = 3 * 1024 * 1024 });

        var huge = await emu.DataBrain("GET", Embeds);

        Assert.Equal(200, huge.Code);
        Assert.InRange(huge.Text.Length, 3 * 1024 * 1024, 4 * 1024 * 1024);
        Assert.True(huge.Json!["data"]!.AsArray().Count > 10_000);
    }

    [Fact]
    public async Task A_body_cut_short_promises_more_than_it_sends()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults = new FaultSettings { Script = new[] { "truncated-body", "huge-error" }, HugeBodyBytes = 100_000 });

        await Assert.ThrowsAnyAsync<Exception>(() => emu.DataBrain("GET", Embeds));
        var error = (await emu.DataBrain("GET", Embeds)).AssertDataBrainError(500, "INTERNAL_SERVER_ERROR");
        Assert.True(error.Text.Length > 100_000);
        Assert.Equal(200, (await emu.DataBrain("GET", Embeds)).Code);
    }

    [Fact]
    public void An_unknown_script_entry_is_refused()
    {
        Assert.NotNull(new FaultSettings { Script = new[] { "lost-reply", "teapot" } }.Validate());
        Assert.Null(new FaultSettings { Script = new[] { "lost-reply", "none", "stall-body" }, LostReplyRate = 0.1 }.Validate());
        Assert.Equal(FaultKind.LostReply, FaultInjector.Decide(new FaultSettings { Script = new[] { "lost-reply" } }, 1).Kind);
        Assert.Equal(FaultKind.None, FaultInjector.Decide(new FaultSettings { Script = new[] { "lost-reply" } }, 2).Kind);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long ticks = DateTimeOffset.Parse("2026-05-01T00:00:00Z", CultureInfo.InvariantCulture).UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

        public override long GetTimestamp() => Interlocked.Read(ref ticks);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
    }
}
