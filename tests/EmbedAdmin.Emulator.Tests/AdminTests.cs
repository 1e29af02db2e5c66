using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>/_emulator endpoints: health, reset, state, stats, faults, rate-limits.</summary>
public sealed class AdminTests
{
    [Fact]
    public async Task Health_reports_ok_with_seeded_embeds()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.Admin("GET", "/_emulator/health")).AssertOk();
        Assert.Equal("ok", (string?)r.Json!["status"]);
        Assert.Equal(15, (int)r.Json["embeds"]!);
    }

    [Fact]
    public async Task State_is_identical_across_two_fresh_instances_and_restored_by_reset()
    {
        await using var a = await TestEmulator.StartAsync();
        await using var b = await TestEmulator.StartAsync();
        var pristine = await a.StateAsync();
        Assert.Equal(pristine, await b.StateAsync());

        (await a.DataBrain("PUT", "/api/v2/data-app/embeds", """{"embedId":"embed_acme","accessSettings":{"isAllowEmailReports":false}}""")).AssertOk();
        Assert.NotEqual(pristine, await a.StateAsync());

        (await a.Admin("POST", "/_emulator/reset")).AssertOk();
        Assert.Equal(pristine, await a.StateAsync());
    }

    [Fact]
    public async Task Reset_with_a_body_loads_that_document()
    {
        await using var emu = await TestEmulator.StartAsync();
        var doc = JsonNode.Parse(await emu.StateAsync())!;
        var embeds = doc["dataBrain"]!["embeds"]!.AsArray();
        embeds.RemoveAt(0);
        (await emu.Admin("POST", "/_emulator/reset", doc.ToJsonString())).AssertOk();
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds/export?embedId=embed_acme")).AssertDataBrainError(404, "EMBED_NOT_FOUND");
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds/export?embedId=embed_globex")).AssertOk();

        Assert.Equal(400, (await emu.Admin("POST", "/_emulator/reset", "{not json")).Code);

        // A rejected reset leaves the previous state in place.
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds/export?embedId=embed_globex")).AssertOk();
    }

    [Fact]
    public async Task Stats_count_api_requests_by_route_and_status_but_not_admin_calls()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.DataBrain("GET", "/api/v2/data-app/embeds");
        await emu.DataBrain("PUT", "/api/v2/data-app/embeds", """{"embedId":"embed_nope","accessSettings":{}}""");
        await emu.DataBrain("PUT", "/api/v2/data-app/embeds", """{"embedId":"embed_acme","accessSettings":{}}""");
        await emu.Admin("GET", "/_emulator/health");
        var s = await emu.StatsAsync();
        Assert.Equal(3, (int)s["totalRequests"]!);
        Assert.Equal(1, (int)s["mutations"]!);
        Assert.Equal(2, (int)s["byRoute"]!["PUT /api/v2/data-app/embeds"]!);
        Assert.Equal(1, (int)s["byRoute"]!["GET /api/v2/data-app/embeds"]!);
        Assert.Equal(2, (int)s["byStatus"]!["200"]!);
        Assert.Equal(1, (int)s["byStatus"]!["404"]!);

        (await emu.Admin("POST", "/_emulator/stats/reset")).AssertOk();
        s = await emu.StatsAsync();
        Assert.Equal(0, (int)s["totalRequests"]!);
        Assert.Equal(0, (int)s["mutations"]!);
    }

    [Fact]
    public async Task Faults_and_rate_limits_round_trip_and_reject_nonsense()
    {
        await using var emu = await TestEmulator.StartAsync();
        var f = (await emu.Admin("GET", "/_emulator/faults")).AssertOk();
        Assert.Equal(0.0, (double)f.Json!["errorRate"]!);

        var put = (await emu.Admin("PUT", "/_emulator/faults", """{"latencyMs":0,"jitterMs":3,"errorRate":0.25,"dropRate":0.1,"stormEvery":5,"stormLength":2,"seed":42}""")).AssertOk();
        Assert.Equal(42, (long)put.Json!["seed"]!);
        Assert.Equal(0.25, (double)(await emu.Admin("GET", "/_emulator/faults")).Json!["errorRate"]!);
        Assert.Equal(400, (await emu.Admin("PUT", "/_emulator/faults", """{"errorRate":2}""")).Code);
        Assert.Equal(400, (await emu.Admin("PUT", "/_emulator/faults", """{"errorRat":0.5}""")).Code);

        var rl = (await emu.Admin("GET", "/_emulator/rate-limits")).AssertOk();
        Assert.Null(rl.Json!["dataBrain"]);
        (await emu.Admin("PUT", "/_emulator/rate-limits", """{"dataBrain":{"requestsPerSecond":5,"burst":10},"datadog":{"requestsPerSecond":1,"burst":1}}""")).AssertOk();
        rl = (await emu.Admin("GET", "/_emulator/rate-limits")).AssertOk();
        Assert.Equal(10, (int)rl.Json!["dataBrain"]!["burst"]!);
        Assert.Equal(1.0, (double)rl.Json!["datadog"]!["requestsPerSecond"]!);
        Assert.Equal(400, (await emu.Admin("PUT", "/_emulator/rate-limits", """{"dataBrain":{"requestsPerSecond":0,"burst":1}}""")).Code);
    }

    [Fact]
    public async Task Generate_rejects_bad_arguments()
    {
        await using var emu = await TestEmulator.StartAsync();
        Assert.Equal(400, (await emu.Admin("POST", "/_emulator/embeds/generate", """{"count":0}""")).Code);
        Assert.Equal(400, (await emu.Admin("POST", "/_emulator/embeds/generate", """{"count":3,"prefix":"a b"}""")).Code);
        Assert.Equal(400, (await emu.Admin("POST", "/_emulator/embeds/generate", """{"count":3,"dataAppName":"nope"}""")).Code);
        Assert.Equal(404, (await emu.Admin("GET", "/_emulator/nothing")).Code);
    }

    [Fact]
    public async Task Several_servers_run_side_by_side_with_separate_state()
    {
        await using var a = await TestEmulator.StartAsync();
        await using var b = await TestEmulator.StartAsync();
        Assert.NotEqual(a.Server.BaseUri, b.Server.BaseUri);
        (await a.DataBrain("PUT", "/api/v2/data-app/embeds", """{"embedId":"embed_acme","accessSettings":{"isAllowEmailReports":false}}""")).AssertOk();
        Assert.False((bool)(await a.AccessSettingsAsync("embed_acme"))["isAllowEmailReports"]!);
        Assert.True((bool)(await b.AccessSettingsAsync("embed_acme"))["isAllowEmailReports"]!);
    }
}
