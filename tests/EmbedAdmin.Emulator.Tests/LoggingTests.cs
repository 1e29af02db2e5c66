using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>One log line per request (admin included) unless Quiet; admin calls are never limited or faulted.</summary>
public sealed class LoggingTests
{
    [Fact]
    public async Task Each_request_logs_exactly_one_line_with_id_method_path_status_and_time()
    {
        var log = new StringWriter();
        var emu = await TestEmulator.StartAsync(o =>
        {
            o.Quiet = false;
            o.Log = log;
        });
        string? updateId;
        try
        {
            updateId = (await emu.DataBrain("PUT", "/api/v2/data-app/embeds", """{"embedId":"embed_nope","accessSettings":{}}""")).Header("X-Request-Id");
            await emu.DataBrain("GET", "/api/v2/data-app/embeds?isPagination=true&pageNumber=1");
            await emu.Admin("GET", "/_emulator/health");
        }
        finally
        {
            // Disposal drains the background log writer.
            await emu.DisposeAsync();
        }

        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.Matches(new Regex(@"^emu-\d{8} (GET|PUT) /\S+ \d{3} \d+\.\dms$"), l));
        Assert.StartsWith(updateId + " PUT /api/v2/data-app/embeds 404 ", lines[0], StringComparison.Ordinal);
        Assert.Contains(" GET /api/v2/data-app/embeds?isPagination=true&pageNumber=1 200 ", lines[1], StringComparison.Ordinal);
        Assert.Contains(" GET /_emulator/health 200 ", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_logs_nothing()
    {
        var log = new StringWriter();
        var emu = await TestEmulator.StartAsync(o =>
        {
            o.Quiet = true;
            o.Log = log;
        });
        await emu.DataBrain("GET", "/api/v2/data-app/embeds");
        await emu.DisposeAsync();
        Assert.Equal("", log.ToString());
    }

    [Fact]
    public async Task Admin_endpoints_are_exempt_from_limits_and_faults()
    {
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.DataBrainRateLimit = new RateLimitSettings { RequestsPerSecond = 0.001, Burst = 1 };
            o.Faults = new FaultSettings { StormEvery = 2, StormLength = 1 };
        });

        // 1 passes, 2 is refused by the bucket, 3 falls in the storm.
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds")).AssertOk();
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds")).AssertDataBrainError(429, "RATE_LIMIT_EXCEEDED");
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds")).AssertDataBrainError(429, "RATE_LIMIT_EXCEEDED");
        for (var i = 0; i < 5; i++)
        {
            (await emu.Admin("GET", "/_emulator/health")).AssertOk();
        }

        var stats = await emu.StatsAsync();
        Assert.Equal(3, (int)stats["totalRequests"]!);
        Assert.Equal(1, (int)stats["rateLimited429"]!);
        Assert.Equal(1, (int)stats["storm429"]!);
    }
}
