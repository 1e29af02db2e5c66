using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>docs.usedatabrain.com/api-reference/update-workspace (Update Workspace) plus create and list; service token.</summary>
public sealed class WorkspaceContractTests
{
    private const string Path = "/api/v2/workspace";

    private static async Task<JsonObject> WorkspaceAsync(TestEmulator emu, string name)
    {
        var doc = JsonNode.Parse(await emu.StateAsync())!;
        return (JsonObject)doc["dataBrain"]!["workspaces"]!.AsArray().Single(w => (string?)w!["name"] == name)!;
    }

    [Fact]
    public async Task Update_switches_connection_and_answers_data_name()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("PUT", Path, """{"name":"Sales Analytics","connectionType":"DATAMART","datamartName":"sales-datamart"}""", TestEmulator.Service)).AssertOk();
        Assert.Equal("Sales Analytics", (string?)r.Json!["data"]!["name"]);
        Assert.Null(r.Json["error"]);
        var w = await WorkspaceAsync(emu, "Sales Analytics");
        Assert.Equal("DATAMART", (string?)w["connectionType"]);
        Assert.Equal("sales-datamart", (string?)w["datamartName"]);
        Assert.Null(w["datasourceName"]);
    }

    [Theory]
    [InlineData("MULTI_DATASOURCE")]
    [InlineData("MULTI_DATAMART")]
    public async Task Multi_types_clear_single_links(string type)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("PUT", Path, "{\"name\":\"analytics-workspace\",\"connectionType\":\"" + type + "\"}", TestEmulator.Service)).AssertOk();
        var w = await WorkspaceAsync(emu, "analytics-workspace");
        Assert.Equal(type, (string?)w["connectionType"]);
        Assert.Null(w["datamartName"]);
        Assert.Null(w["datasourceName"]);

        // AI settings not sent stay as they were.
        Assert.Equal("gpt-4o", (string?)w["llmName"]);
        Assert.Equal("Corporate Blue", (string?)w["themeName"]);
    }

    [Fact]
    public async Task Ai_settings_are_stored()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("PUT", Path, """
            {"name":"Finance","connectionType":"DATASOURCE","datasourceName":"snowflake-warehouse","llmName":"claude-sonnet",
             "aiCopilotLlms":["gpt-4o","llama-3-70b"],"isEnableMetricSuggestions":false,"isEnableMetricSummary":true,
             "summaryType":"custom","customSummaryPrompt":"Explain like a CFO","themeName":"Dark Mode"}
            """, TestEmulator.Service)).AssertOk();
        var w = await WorkspaceAsync(emu, "Finance");
        Assert.Equal("claude-sonnet", (string?)w["llmName"]);
        Assert.Equal(2, w["aiCopilotLlms"]!.AsArray().Count);
        Assert.Equal("custom", (string?)w["summaryType"]);
        Assert.Equal("Explain like a CFO", (string?)w["customSummaryPrompt"]);
        Assert.Equal("Dark Mode", (string?)w["themeName"]);
        Assert.False((bool)w["isEnableMetricSuggestions"]!);
    }

    [Theory]
    [InlineData("""{"connectionType":"DATASOURCE","datasourceName":"postgres-production"}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"name":"Sales Analytics","datasourceName":"postgres-production"}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"datasource","datasourceName":"postgres-production"}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"WAREHOUSE"}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"DATASOURCE"}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"DATAMART"}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"DATAMART","datasourceName":"postgres-production"}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","isEnableMetricSummary":true}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","isEnableMetricSummary":true,"summaryType":"custom"}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","summaryType":"custom","customSummaryPrompt":""}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","summaryType":"verbose"}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","isEnableMetricSummary":"yes","summaryType":"custom"}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","isEnableMetricSuggestions":1}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","rename":"x"}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"name":"sales analytics","connectionType":"MULTI_DATAMART"}""", 400, "WORKSPACE_DOES_NOT_EXIST")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"DATASOURCE","datasourceName":"Postgres-Production"}""", 400, "INVALID_DATASOURCE_NAME")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"DATAMART","datamartName":"nope"}""", 400, "INVALID_DATAMART_NAME")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","llmName":"gpt-2"}""", 400, "INVALID_LLM_NAME")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","aiCopilotLlms":["gpt-4o","gpt-2"]}""", 400, "INVALID_AI_COPILOT_LLMS")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","aiCopilotLlms":"gpt-4o"}""", 400, "INVALID_AI_COPILOT_LLMS")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","themeName":"Neon"}""", 400, "INVALID_THEME_NAME")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","themeName":null}""", 400, "INVALID_THEME_NAME")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","isEnableMetricSuggestions":null}""", 400, "INVALID_REQUEST_BODY")]
    public async Task Update_rules_and_error_codes(string body, int status, string code)
    {
        await using var emu = await TestEmulator.StartAsync();
        var before = await emu.StateAsync();
        (await emu.DataBrain("PUT", Path, body, TestEmulator.Service)).AssertDataBrainError(status, code);
        Assert.Equal(before, await emu.StateAsync());
    }

    [Theory]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","isEnableMetricSummary":true,"summaryType":"forecastAndTrendAnalysis"}""")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATAMART","isEnableMetricSummary":false}""")]
    [InlineData("""{"name":"Sales Analytics","connectionType":"MULTI_DATASOURCE","summaryType":"comparativeAndAnomalyDetection"}""")]
    public async Task Conditional_rules_accept_valid_combinations(string body)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("PUT", Path, body, TestEmulator.Service)).AssertOk();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("nope")]
    [InlineData(TestEmulator.Demo)]
    public async Task A_data_app_key_or_bad_token_is_INVALID_DATA_APP_API_KEY_401(string? key)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("PUT", Path, """{"name":"Finance","connectionType":"MULTI_DATAMART"}""", key)).AssertDataBrainError(401, "INVALID_DATA_APP_API_KEY");
        (await emu.DataBrain("GET", Path, key: key)).AssertDataBrainError(401, "INVALID_DATA_APP_API_KEY");
        (await emu.DataBrain("POST", Path, """{"name":"New","connectionType":"MULTI_DATAMART"}""", key)).AssertDataBrainError(401, "INVALID_DATA_APP_API_KEY");
    }

    [Fact]
    public async Task Create_adds_a_workspace_and_rejects_duplicates_and_list_pages_names()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("POST", Path, """{"name":"Marketing","connectionType":"DATASOURCE","datasourceName":"postgres-production"}""", TestEmulator.Service)).AssertOk();
        Assert.Equal("Marketing", (string?)r.Json!["data"]!["name"]);
        (await emu.DataBrain("POST", Path, """{"name":"Marketing","connectionType":"MULTI_DATAMART"}""", TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
        (await emu.DataBrain("POST", Path, """{"name":"Ops","connectionType":"DATAMART"}""", TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");

        var list = (await emu.DataBrain("GET", Path + "?isPagination=true&pageNumber=1", key: TestEmulator.Service)).AssertOk();
        var names = list.Json!["data"]!.AsArray().Select(n => (string)n!["name"]!).ToArray();
        Assert.Equal(new[] { "Finance", "Marketing", "Sales Analytics", "analytics-workspace" }, names);
        Assert.True(list.Json["data"]![0]!.AsObject().Count == 1, "workspace list items carry names only");
        Assert.Empty((await emu.DataBrain("GET", Path + "?isPagination=true&pageNumber=2", key: TestEmulator.Service)).AssertOk().Json!["data"]!.AsArray());
    }
}
