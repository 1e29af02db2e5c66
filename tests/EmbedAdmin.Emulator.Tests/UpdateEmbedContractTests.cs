using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>docs.usedatabrain.com/api-reference/update-embed, "Update an Embed": PUT /api/v2/data-app/embeds and legacy POST /api/v2/dataApp/embed/update.</summary>
public sealed class UpdateEmbedContractTests
{
    public const string NewPath = "/api/v2/data-app/embeds";
    public const string LegacyPath = "/api/v2/dataApp/embed/update";

    public static TheoryData<string, string> Paths => new() { { "PUT", NewPath }, { "POST", LegacyPath } };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Update_merges_only_provided_fields_and_answers_id_with_null_error(string method, string path)
    {
        await using var emu = await TestEmulator.StartAsync();
        var before = await emu.AccessSettingsAsync("embed_acme");
        Assert.True((bool)before["isAllowEmailReports"]!);

        var r = (await emu.DataBrain(method, path, """{"embedId":"embed_acme","accessSettings":{"isAllowEmailReports":false,"metricCreationMode":"CHAT"}}""")).AssertOk();
        Assert.Equal("embed_acme", (string?)r.Json!["id"]);
        Assert.True(r.Json.AsObject().ContainsKey("error"));
        Assert.Null(r.Json["error"]);

        var after = await emu.AccessSettingsAsync("embed_acme");
        Assert.False((bool)after["isAllowEmailReports"]!);
        Assert.Equal("CHAT", (string?)after["metricCreationMode"]);
        foreach (var (key, value) in before)
        {
            if (key is "isAllowEmailReports" or "metricCreationMode")
            {
                continue;
            }

            Assert.True(JsonNode.DeepEquals(value, after[key]), $"{key} changed although it was not sent");
        }
    }

    [Fact]
    public async Task Every_documented_field_is_updatable()
    {
        await using var emu = await TestEmulator.StartAsync();
        const string body = """
            {"embedId":"embed_globex","accessSettings":{
              "datamartName":"customer-analytics","isAllowAiPilot":true,"isAllowEmailReports":true,"isAllowManageMetrics":true,
              "isAllowMetricCreation":true,"isAllowMetricDeletion":true,"isAllowMetricLayoutChange":true,"isAllowMetricUpdate":true,
              "isAllowUnderlyingData":true,"isAllowCreateDashboardView":true,"joinModel":"multi","metricCreationMode":"CHAT",
              "tableTenancySettings":[{"name":"orders","clientColumn":"tenant_id"}]}}
            """;
        (await emu.DataBrain("PUT", NewPath, body)).AssertOk();
        var s = await emu.AccessSettingsAsync("embed_globex");
        Assert.Equal("customer-analytics", (string?)s["datamartName"]);
        foreach (var flag in new[] { "isAllowAiPilot", "isAllowEmailReports", "isAllowManageMetrics", "isAllowMetricCreation", "isAllowMetricDeletion", "isAllowMetricLayoutChange", "isAllowMetricUpdate", "isAllowUnderlyingData", "isAllowCreateDashboardView" })
        {
            Assert.True((bool)s[flag]!, flag);
        }

        Assert.Equal("multi", (string?)s["joinModel"]);
        Assert.True((bool)s["isIncrementalJoin"]!);
        Assert.Equal("CHAT", (string?)s["metricCreationMode"]);
        Assert.Equal("orders", (string?)s["tableTenancySettings"]![0]!["name"]);
    }

    [Fact]
    public async Task Legacy_isIncrementalJoin_keeps_joinModel_in_step()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("PUT", NewPath, """{"embedId":"embed_acme","accessSettings":{"isIncrementalJoin":false}}""")).AssertOk();
        var s = await emu.AccessSettingsAsync("embed_acme");
        Assert.Equal("single", (string?)s["joinModel"]);
        Assert.False((bool)s["isIncrementalJoin"]!);
    }

    [Fact]
    public async Task Legacy_spelling_isAllowAipilot_is_accepted()
    {
        await using var emu = await TestEmulator.StartAsync();
        Assert.False((bool)(await emu.AccessSettingsAsync("embed_globex"))["isAllowAiPilot"]!);
        (await emu.DataBrain("PUT", NewPath, """{"embedId":"embed_globex","accessSettings":{"isAllowAipilot":true}}""")).AssertOk();
        Assert.True((bool)(await emu.AccessSettingsAsync("embed_globex"))["isAllowAiPilot"]!);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Unknown_embed_is_EMBED_NOT_FOUND_404(string method, string path)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain(method, path, """{"embedId":"embed_nope","accessSettings":{"isAllowEmailReports":true}}""")).AssertDataBrainError(404, "EMBED_NOT_FOUND");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Embed_whose_workspace_is_gone_is_INVALID_WORKSPACE_NAME_404(string method, string path)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain(method, path, """{"embedId":"embed_orphan","accessSettings":{"isAllowEmailReports":true}}""")).AssertDataBrainError(404, "INVALID_WORKSPACE_NAME");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Unknown_datamart_is_INVALID_DATAMART_404(string method, string path)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain(method, path, """{"embedId":"embed_acme","accessSettings":{"datamartName":"no-such-datamart"}}""")).AssertDataBrainError(404, "INVALID_DATAMART");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Another_data_apps_embed_is_INSUFFICIENT_PERMISSIONS_403(string method, string path)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain(method, path, """{"embedId":"embed_partner_north","accessSettings":{"isAllowEmailReports":true}}""")).AssertDataBrainError(403, "INSUFFICIENT_PERMISSIONS");

        // ... and the owner may.
        (await emu.DataBrain(method, path, """{"embedId":"embed_partner_north","accessSettings":{"isAllowEmailReports":true}}""", TestEmulator.Other)).AssertOk();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("dbn_live_not_a_real_key")]
    [InlineData(TestEmulator.Service)]
    public async Task Missing_unknown_or_service_token_is_AUTHENTICATION_ERR_401(string? key)
    {
        await using var emu = await TestEmulator.StartAsync();
        foreach (var (method, path) in new[] { ("PUT", NewPath), ("POST", LegacyPath) })
        {
            (await emu.DataBrain(method, path, """{"embedId":"embed_acme","accessSettings":{"isAllowEmailReports":false}}""", key)).AssertDataBrainError(401, "AUTHENTICATION_ERR");
        }

        Assert.True((bool)(await emu.AccessSettingsAsync("embed_acme"))["isAllowEmailReports"]!);
    }

    [Theory]
    [InlineData("""{"joinModel":"triple"}""")]
    [InlineData("""{"joinModel":"SINGLE"}""")]
    [InlineData("""{"metricCreationMode":"DRAG-DROP"}""")]
    [InlineData("""{"metricCreationMode":null}""")]
    [InlineData("""{"isAllowEmailReports":"true"}""")]
    [InlineData("""{"isAllowAiPilot":1}""")]
    [InlineData("""{"isAllowManageMetrics":null}""")]
    [InlineData("""{"isAllowCreateDashboardView":"yes"}""")]
    [InlineData("""{"isAllowMetricCreation":0}""")]
    [InlineData("""{"isAllowMetricDeletion":[]}""")]
    [InlineData("""{"isAllowMetricLayoutChange":{}}""")]
    [InlineData("""{"isAllowMetricUpdate":"false"}""")]
    [InlineData("""{"isAllowUnderlyingData":"false"}""")]
    [InlineData("""{"isIncrementalJoin":"true"}""")]
    [InlineData("""{"datamartName":42}""")]
    [InlineData("""{"datamartName":""}""")]
    [InlineData("""{"tableTenancySettings":{"name":"orders","clientColumn":"tenant_id"}}""")]
    [InlineData("""{"tableTenancySettings":[{"clientColumn":"tenant_id"}]}""")]
    [InlineData("""{"tableTenancySettings":[{"name":"orders"}]}""")]
    [InlineData("""{"tableTenancySettings":[{"name":"orders","clientColumn":""}]}""")]
    [InlineData("""{"tableTenancySettings":[{"name":"orders","clientColumn":"tenant_id","extra":1}]}""")]
    [InlineData("""{"tableTenancySettings":["orders"]}""")]
    [InlineData("""{"tableTenancySettings":[{"name":"no_such_table","clientColumn":"tenant_id"}]}""")]
    [InlineData("""{"tableTenancySettings":[{"name":"orders","clientColumn":"no_such_column"}]}""")]
    [InlineData("""{"isAllowAIPilot":true}""")]
    [InlineData("""{"datamart":"customer-analytics"}""")]
    public async Task Invalid_access_settings_are_INVALID_ACCESS_SETTINGS_400_and_change_nothing(string settings)
    {
        await using var emu = await TestEmulator.StartAsync();
        var before = await emu.StateAsync();
        (await emu.DataBrain("PUT", NewPath, "{\"embedId\":\"embed_acme\",\"accessSettings\":" + settings + "}")).AssertDataBrainError(400, "INVALID_ACCESS_SETTINGS");
        Assert.Equal(before, await emu.StateAsync());
        Assert.Equal(0, (int)(await emu.StatsAsync())["mutations"]!);
    }

    [Theory]
    [InlineData("""{"embedId":"embed_acme"}""")]
    [InlineData("""{"embedId":"embed_acme","accessSettings":null}""")]
    [InlineData("""{"embedId":"embed_acme","accessSettings":"{}"}""")]
    [InlineData("""{"embedId":"embed_acme","accessSettings":[]}""")]
    public async Task Missing_or_non_object_accessSettings_is_INVALID_ACCESS_SETTINGS_400(string body)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("PUT", NewPath, body)).AssertDataBrainError(400, "INVALID_ACCESS_SETTINGS");
    }

    [Theory]
    [InlineData("""{"accessSettings":{"isAllowEmailReports":true}}""")]
    [InlineData("""{"embedId":7,"accessSettings":{"isAllowEmailReports":true}}""")]
    [InlineData("""{"embedId":"","accessSettings":{"isAllowEmailReports":true}}""")]
    [InlineData("""{"embedId":"embed_acme","name":"rename","accessSettings":{}}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"embedId":"embed_acme", """)]
    public async Task Missing_embedId_or_malformed_body_is_INVALID_REQUEST_BODY_400(string body)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("PUT", NewPath, body)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Fact]
    public async Task A_body_without_json_content_type_is_not_read()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = await emu.SendAsync("PUT", NewPath, null, req => req.Headers.Authorization = new("Bearer", TestEmulator.Demo), new System.Net.Http.StringContent("""{"embedId":"embed_acme","accessSettings":{}}""", System.Text.Encoding.UTF8, "text/plain"));
        r.AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Theory]
    [InlineData("single", true)]
    [InlineData("multi", false)]
    public async Task Contradicting_joinModel_and_isIncrementalJoin_is_CONFLICTING_UPDATE_409(string joinModel, bool incremental)
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = "{\"embedId\":\"embed_acme\",\"accessSettings\":{\"joinModel\":\"" + joinModel + "\",\"isIncrementalJoin\":" + (incremental ? "true" : "false") + ",\"isAllowEmailReports\":false}}";
        (await emu.DataBrain("PUT", NewPath, body)).AssertDataBrainError(409, "CONFLICTING_UPDATE");
        Assert.True((bool)(await emu.AccessSettingsAsync("embed_acme"))["isAllowEmailReports"]!);
    }

    [Fact]
    public async Task Over_the_rate_limit_is_RATE_LIMIT_EXCEEDED_429_with_Retry_After()
    {
        // 0.001 rps refills one token per 1000 s, so the test does not depend on how fast it runs.
        await using var emu = await TestEmulator.StartAsync(o => o.DataBrainRateLimit = new RateLimitSettings { RequestsPerSecond = 0.001, Burst = 2 });
        const string body = """{"embedId":"embed_acme","accessSettings":{"isAllowEmailReports":true}}""";
        (await emu.DataBrain("PUT", NewPath, body)).AssertOk();
        (await emu.DataBrain("PUT", NewPath, body)).AssertOk();
        var limited = (await emu.DataBrain("PUT", NewPath, body)).AssertDataBrainError(429, "RATE_LIMIT_EXCEEDED");
        Assert.True(int.Parse(limited.Header("Retry-After")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Null(limited.Header("X-RateLimit-Limit"));

        // The bucket is per key: another data app's key is unaffected.
        (await emu.DataBrain("PUT", NewPath, """{"embedId":"embed_partner_north","accessSettings":{"isAllowEmailReports":true}}""", TestEmulator.Other)).AssertOk();
    }

    [Fact]
    public async Task Injected_server_error_is_INTERNAL_SERVER_ERROR_500_and_changes_nothing()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Faults = new FaultSettings { ErrorRate = 1 });
        (await emu.DataBrain("PUT", NewPath, """{"embedId":"embed_acme","accessSettings":{"isAllowEmailReports":false}}""")).AssertDataBrainError(500, "INTERNAL_SERVER_ERROR");
        (await emu.Admin("PUT", "/_emulator/faults", "{}")).AssertOk();
        Assert.True((bool)(await emu.AccessSettingsAsync("embed_acme"))["isAllowEmailReports"]!);
    }

    [Fact]
    public async Task Every_response_carries_a_distinct_X_Request_Id()
    {
        await using var emu = await TestEmulator.StartAsync();
        var a = await emu.DataBrain("PUT", NewPath, """{"embedId":"embed_nope","accessSettings":{}}""");
        var b = await emu.DataBrain("GET", "/api/v2/data-app/embeds");
        var c = await emu.Admin("GET", "/_emulator/health");
        var ids = new[] { a.Header("X-Request-Id"), b.Header("X-Request-Id"), c.Header("X-Request-Id") };
        Assert.All(ids, id => Assert.False(string.IsNullOrEmpty(id)));
        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_successful_update_bumps_updatedAt_and_counts_one_mutation()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("PUT", NewPath, """{"embedId":"embed_acme","accessSettings":{}}""")).AssertOk();
        var list = (await emu.DataBrain("GET", "/api/v2/data-app/embeds")).AssertOk();
        var acme = list.Json!["data"]!.AsArray().Single(e => (string?)e!["embedId"] == "embed_acme");
        Assert.Equal("2026-05-01T12:00:00.000Z", (string?)acme!["embedMetadata"]!["updatedAt"]);
        Assert.Equal(1, (int)(await emu.StatsAsync())["mutations"]!);
    }
}
