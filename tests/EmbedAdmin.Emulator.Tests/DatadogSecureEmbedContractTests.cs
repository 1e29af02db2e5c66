using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>docs.datadoghq.com/api/latest/dashboard-secure-embed: Datadog dashboard secure embed over JSON:API.</summary>
public sealed class DatadogSecureEmbedContractTests
{
    private const string Base = "/api/v2/dashboard/abc-def-ghi/shared/secure-embed";
    private const string SeededToken = "s3cur3t0k3n-abcdef123456";

    private const string CreateBody = """
        {"data":{"type":"secure_embed_request","attributes":{
          "global_time":{"live_span":"1h"},
          "global_time_selectable":true,
          "selectable_template_vars":[{"name":"org_id","prefix":"org_id","default_values":["1"],"visible_tags":["1"]}],
          "status":"active",
          "title":"Q1 Metrics Dashboard",
          "viewing_preferences":{"high_density":false,"theme":"system"}}}}
        """;

    private static string WithAttribute(string name, string? json)
    {
        var doc = JsonNode.Parse(CreateBody)!;
        var attrs = doc["data"]!["attributes"]!.AsObject();
        attrs.Remove(name);
        if (json is not null)
        {
            attrs[name] = JsonNode.Parse(json);
        }

        return doc.ToJsonString();
    }

    [Fact]
    public async Task Create_returns_the_credential_once_and_get_only_its_suffix()
    {
        await using var emu = await TestEmulator.StartAsync();
        var created = (await emu.Datadog("POST", Base, CreateBody)).AssertOk();
        var data = created.Json!["data"]!;
        Assert.Equal("secure_embed_create_response", (string?)data["type"]);
        var a = data["attributes"]!;
        var credential = (string)a["credential"]!;
        Assert.Equal(64, credential.Length);
        Assert.False(a.AsObject().ContainsKey("credential_suffix"));
        Assert.Equal("secure_embed", (string?)a["share_type"]);
        Assert.Equal("abc-def-ghi", (string?)a["dashboard_id"]);
        Assert.Equal((string?)data["id"], (string?)a["id"]);
        Assert.Equal("1h", (string?)a["global_time"]!["live_span"]);
        Assert.Equal("org_id", (string?)a["selectable_template_vars"]![0]!["prefix"]);
        Assert.Equal("system", (string?)a["viewing_preferences"]!["theme"]);
        Assert.Equal("2026-05-01T12:00:00.000000", (string?)a["created_at"]);
        var token = (string)a["token"]!;
        Assert.EndsWith(token, (string?)a["url"], System.StringComparison.Ordinal);

        var got = (await emu.Datadog("GET", Base + "/" + token)).AssertOk();
        Assert.Equal("secure_embed_get_response", (string?)got.Json!["data"]!["type"]);
        var ga = got.Json["data"]!["attributes"]!.AsObject();
        Assert.False(ga.ContainsKey("credential"));
        Assert.Equal(credential[^4..], (string?)ga["credential_suffix"]);
        Assert.Equal("Q1 Metrics Dashboard", (string?)ga["title"]);
    }

    [Theory]
    [InlineData("global_time")]
    [InlineData("global_time_selectable")]
    [InlineData("selectable_template_vars")]
    [InlineData("status")]
    [InlineData("title")]
    [InlineData("viewing_preferences")]
    public async Task Create_requires_all_six_attributes(string attribute)
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.Datadog("POST", Base, WithAttribute(attribute, null))).AssertJsonApiError(400, "/data/attributes/" + attribute);
        Assert.Equal("Missing required attribute in body", (string?)r.Json!["errors"]![0]!["detail"]);
        var nulled = await emu.Datadog("POST", Base, WithAttribute(attribute, "null"));
        nulled.AssertJsonApiError(400, "/data/attributes/" + attribute);
        Assert.Equal(0, (int)(await emu.StatsAsync())["mutations"]!);
    }

    [Theory]
    [InlineData("global_time", """{"live_span":"2h"}""", "/data/attributes/global_time/live_span")]
    [InlineData("global_time", "\"1h\"", "/data/attributes/global_time")]
    [InlineData("global_time_selectable", "\"true\"", "/data/attributes/global_time_selectable")]
    [InlineData("status", "\"enabled\"", "/data/attributes/status")]
    [InlineData("status", "\"Active\"", "/data/attributes/status")]
    [InlineData("title", "42", "/data/attributes/title")]
    [InlineData("viewing_preferences", """{"theme":"sepia"}""", "/data/attributes/viewing_preferences/theme")]
    [InlineData("viewing_preferences", """{"high_density":"no"}""", "/data/attributes/viewing_preferences/high_density")]
    [InlineData("selectable_template_vars", """[{"name":"a","default_values":[1]}]""", "/data/attributes/selectable_template_vars/0/default_values")]
    [InlineData("selectable_template_vars", """{"name":"a"}""", "/data/attributes/selectable_template_vars")]
    [InlineData("credential", "\"mine\"", "/data/attributes/credential")]
    public async Task Create_rejects_bad_types_and_enums_with_a_pointer(string attribute, string json, string pointer)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.Datadog("POST", Base, WithAttribute(attribute, json))).AssertJsonApiError(400, pointer);
    }

    [Theory]
    [InlineData("""{"data":{"type":"secure_embed_update_request","attributes":{}}}""", "/data/type")]
    [InlineData("""{"data":{"attributes":{}}}""", "/data/type")]
    [InlineData("""{"type":"secure_embed_request"}""", "/data")]
    [InlineData("""{"data":{"type":"secure_embed_request"}}""", "/data/attributes")]
    public async Task Create_checks_the_envelope(string body, string pointer)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.Datadog("POST", Base, body)).AssertJsonApiError(400, pointer);
    }

    [Fact]
    public async Task Unknown_dashboard_is_404_on_every_operation()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.Datadog("POST", "/api/v2/dashboard/nope-nope-nope/shared/secure-embed", CreateBody)).AssertJsonApiError(404);
        (await emu.Datadog("GET", "/api/v2/dashboard/nope-nope-nope/shared/secure-embed/" + SeededToken)).AssertJsonApiError(404);
        (await emu.Datadog("GET", "/api/v2/dashboard/nope-nope-nope/shared")).AssertJsonApiError(404);
    }

    [Fact]
    public async Task Past_1000_shares_per_dashboard_create_is_409()
    {
        await using var emu = await TestEmulator.StartAsync();
        var doc = JsonNode.Parse(await emu.StateAsync())!;
        var shares = doc["datadog"]!["shares"]!.AsArray();
        var onAbc = shares.Count(s => (string?)s!["dashboardId"] == "abc-def-ghi");
        var template = shares.First(s => (string?)s!["shareType"] == "secure_embed")!;
        for (var i = 0; i < 1000 - onAbc - 1; i++)
        {
            var copy = template.DeepClone();
            copy["id"] = (5000 + i).ToString(CultureInfo.InvariantCulture);
            copy["token"] = "bulk-token-" + i.ToString(CultureInfo.InvariantCulture);
            shares.Add(copy);
        }

        (await emu.Admin("POST", "/_emulator/reset", doc.ToJsonString())).AssertOk();
        (await emu.Datadog("POST", Base, CreateBody)).AssertOk();
        var conflict = (await emu.Datadog("POST", Base, CreateBody)).AssertJsonApiError(409);
        Assert.Contains("1000", (string?)conflict.Json!["errors"]![0]!["detail"], System.StringComparison.Ordinal);

        // The limit is per dashboard.
        (await emu.Datadog("POST", "/api/v2/dashboard/xyz-123-uvw/shared/secure-embed", CreateBody)).AssertOk();
    }

    [Fact]
    public async Task Get_only_finds_secure_embeds_of_that_dashboard()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.Datadog("GET", Base + "/" + SeededToken)).AssertOk();
        (await emu.Datadog("GET", Base + "/no-such-token")).AssertJsonApiError(404);
        (await emu.Datadog("GET", Base + "/0p3nsh4r3-1234567890ab")).AssertJsonApiError(404);
        (await emu.Datadog("GET", "/api/v2/dashboard/xyz-123-uvw/shared/secure-embed/" + SeededToken)).AssertJsonApiError(404);
    }

    [Fact]
    public async Task Patch_changes_only_what_it_sends()
    {
        await using var emu = await TestEmulator.StartAsync();
        var before = (await emu.Datadog("GET", Base + "/s3cur3t0k3n-7788aa99bbcc")).AssertOk().Json!["data"]!["attributes"]!;
        var r = (await emu.Datadog("PATCH", Base + "/s3cur3t0k3n-7788aa99bbcc", """{"data":{"type":"secure_embed_update_request","attributes":{"title":"Renamed","viewing_preferences":{"theme":"light"}}}}""")).AssertOk();
        Assert.Equal("secure_embed_update_response", (string?)r.Json!["data"]!["type"]);
        var after = r.Json["data"]!["attributes"]!;
        Assert.Equal("Renamed", (string?)after["title"]);
        Assert.Equal("light", (string?)after["viewing_preferences"]!["theme"]);
        Assert.Equal((bool)before["viewing_preferences"]!["high_density"]!, (bool)after["viewing_preferences"]!["high_density"]!);
        foreach (var key in new[] { "global_time", "global_time_selectable", "selectable_template_vars", "status", "token", "url", "created_at", "credential_suffix", "id", "dashboard_id" })
        {
            Assert.True(JsonNode.DeepEquals(before[key], after[key]), key);
        }

        var got = (await emu.Datadog("GET", Base + "/s3cur3t0k3n-7788aa99bbcc")).AssertOk().Json!["data"]!["attributes"]!;
        Assert.True(JsonNode.DeepEquals(after, got));

        (await emu.Datadog("PATCH", Base + "/s3cur3t0k3n-7788aa99bbcc", """{"data":{"type":"secure_embed_update_request","attributes":{}}}""")).AssertOk();
    }

    [Theory]
    [InlineData("""{"data":{"type":"secure_embed_request","attributes":{"title":"x"}}}""", "/data/type")]
    [InlineData("""{"data":{"type":"secure_embed_update_request","attributes":{"title":"x","status":"stopped"}}}""", "/data/attributes/status")]
    [InlineData("""{"data":{"type":"secure_embed_update_request","attributes":{"title":"x","global_time":{"live_span":"1y"}}}}""", "/data/attributes/global_time/live_span")]
    [InlineData("""{"data":{"type":"secure_embed_update_request","attributes":{"token":"new"}}}""", "/data/attributes/token")]
    [InlineData("""{"data":{"type":"secure_embed_update_request"}}""", "/data/attributes")]
    [InlineData("""{"data":{"type":"secure_embed_update_request","attributes":{"viewing_preferences":{"theme":"Dark"}}}}""", "/data/attributes/viewing_preferences/theme")]
    [InlineData("""{"data":{"type":"secure_embed_update_request","attributes":{"viewing_preferences":{"high_density":1}}}}""", "/data/attributes/viewing_preferences/high_density")]
    [InlineData("""{"data":{"type":"secure_embed_update_request","attributes":{"global_time_selectable":null}}}""", "/data/attributes/global_time_selectable")]
    [InlineData("""{"data":{"type":"secure_embed_update_request","attributes":{"selectable_template_vars":[{"visible_tags":"1"}]}}}""", "/data/attributes/selectable_template_vars/0/visible_tags")]
    [InlineData("""{"data":{"type":"secure_embed_update_request","attributes":{"selectable_template_vars":[{"prefix":1}]}}}""", "/data/attributes/selectable_template_vars/0/prefix")]
    [InlineData("""{"data":{"type":"secure_embed_update_request","attributes":{"title":null}}}""", "/data/attributes/title")]
    [InlineData("""{"data":{"type":"secure_embed_update_request","attributes":{"share_type":"open"}}}""", "/data/attributes/share_type")]
    public async Task Patch_validates_and_a_failed_patch_changes_nothing(string body, string pointer)
    {
        await using var emu = await TestEmulator.StartAsync();
        var before = await emu.StateAsync();
        (await emu.Datadog("PATCH", Base + "/" + SeededToken, body)).AssertJsonApiError(400, pointer);
        Assert.Equal(before, await emu.StateAsync());
    }

    [Fact]
    public async Task Delete_answers_204_and_the_embed_is_gone()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = await emu.Datadog("DELETE", Base + "/" + SeededToken);
        Assert.Equal(204, r.Code);
        Assert.Equal("", r.Text);
        (await emu.Datadog("GET", Base + "/" + SeededToken)).AssertJsonApiError(404);
        (await emu.Datadog("DELETE", Base + "/" + SeededToken)).AssertJsonApiError(404);
        var list = (await emu.Datadog("GET", "/api/v2/dashboard/abc-def-ghi/shared")).AssertOk();
        Assert.DoesNotContain(list.Json!["data"]!.AsArray(), s => (string?)s!["attributes"]!["token"] == SeededToken);
    }

    [Fact]
    public async Task List_shows_all_share_types_with_the_list_schema_spelling()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.Datadog("GET", "/api/v2/dashboard/abc-def-ghi/shared")).AssertOk();
        var data = r.Json!["data"]!.AsArray();
        Assert.Equal(3, data.Count);
        Assert.All(data, d => Assert.Equal("shared_dashboard", (string?)d!["type"]));
        Assert.Equal(new[] { "secure-embed", "secure-embed", "open" }, data.Select(d => (string)d!["attributes"]!["share_type"]!).ToArray());
        Assert.False(data[0]!["attributes"]!.AsObject().ContainsKey("credential"));
        Assert.Equal("dashboard", (string?)r.Json["included"]![0]!["type"]);

        var created = (await emu.Datadog("POST", Base, CreateBody)).AssertOk();
        var again = (await emu.Datadog("GET", "/api/v2/dashboard/abc-def-ghi/shared")).AssertOk();
        Assert.Equal(4, again.Json!["data"]!.AsArray().Count);
        Assert.Equal((string?)created.Json!["data"]!["attributes"]!["token"], (string?)again.Json["data"]![3]!["attributes"]!["token"]);
    }

    [Theory]
    [InlineData(null, DevKeys.DatadogApplicationKey, "DD-API-KEY")]
    [InlineData("wrong", DevKeys.DatadogApplicationKey, "DD-API-KEY")]
    [InlineData(DevKeys.DatadogApiKey, null, "DD-APPLICATION-KEY")]
    [InlineData(DevKeys.DatadogApiKey, "wrong", "DD-APPLICATION-KEY")]
    [InlineData(DevKeys.DatadogApplicationKey, DevKeys.DatadogApiKey, "DD-API-KEY")]
    public async Task Both_keys_are_required(string? apiKey, string? appKey, string header)
    {
        await using var emu = await TestEmulator.StartAsync();
        foreach (var (method, path, body) in new[] { ("POST", Base, CreateBody), ("GET", Base + "/" + SeededToken, null), ("GET", "/api/v2/dashboard/abc-def-ghi/shared", null), ("DELETE", Base + "/" + SeededToken, null) })
        {
            var r = (await emu.Datadog(method, path, body, apiKey, appKey)).AssertJsonApiError(403);
            Assert.Equal(header, (string?)r.Json!["errors"]![0]!["source"]!["header"]);
        }

        (await emu.Datadog("GET", Base + "/" + SeededToken)).AssertOk();
    }

    [Fact]
    public async Task Created_tokens_are_deterministic_across_instances()
    {
        await using var a = await TestEmulator.StartAsync();
        await using var b = await TestEmulator.StartAsync();
        var ta = (string?)(await a.Datadog("POST", Base, CreateBody)).AssertOk().Json!["data"]!["attributes"]!["token"];
        var tb = (string?)(await b.Datadog("POST", Base, CreateBody)).AssertOk().Json!["data"]!["attributes"]!["token"];
        Assert.Equal(ta, tb);
        Assert.Equal(await a.StateAsync(), await b.StateAsync());
    }
}
