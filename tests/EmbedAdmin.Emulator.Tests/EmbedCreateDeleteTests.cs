using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>Create and delete embed (create-embed, delete-embed), datasource list and export-dashboard (docs.usedatabrain.com/api-reference/).</summary>
public sealed class EmbedCreateDeleteTests
{
    private const string Access = """{"datamartName":"customer-analytics","isAllowEmailReports":true,"tableList":[{"clientColumn":"tenant_id","name":"orders"}]}""";

    [Theory]
    [InlineData("POST", "/api/v2/data-app/embeds")]
    [InlineData("POST", "/api/v2/dataApp/embed/create")]
    [InlineData("POST", "/api/v2/dataApp/embeds")]
    public async Task Create_dashboard_and_metric_embeds(string method, string path)
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain(method, path, "{\"dashboardId\":\"sales-overview\",\"embedType\":\"dashboard\",\"workspaceName\":\"analytics-workspace\",\"accessSettings\":" + Access + "}")).AssertOk();
        var id = (string)r.Json!["id"]!;
        Assert.StartsWith("embed_", id, System.StringComparison.Ordinal);
        Assert.Null(r.Json["error"]);
        var s = await emu.AccessSettingsAsync(id);
        Assert.True((bool)s["isAllowEmailReports"]!);
        Assert.Equal("orders", (string?)s["tableTenancySettings"]![0]!["name"]);
        var list = (await emu.DataBrain("GET", "/api/v2/data-app/embeds")).AssertOk();
        var item = list.Json!["data"]!.AsArray().Last()!;
        Assert.Equal(id, (string?)item["embedId"]);
        Assert.Equal(id, (string?)item["name"]);

        var m = (await emu.DataBrain(method, path, """{"dashboardId":"sales-overview","embedType":"metric","metricId":"m-sales-by-region","name":"Regional","accessSettings":{"datamartName":"sales-datamart"}}""")).AssertOk();
        Assert.NotEqual(id, (string?)m.Json!["id"]);
    }

    [Theory]
    [InlineData("""{"embedType":"dashboard","accessSettings":{"datamartName":"customer-analytics"}}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"dashboardId":"sales-overview","accessSettings":{"datamartName":"customer-analytics"}}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"dashboardId":"sales-overview","embedType":"report","accessSettings":{"datamartName":"customer-analytics"}}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"dashboardId":"sales-overview","embedType":"dashboard"}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"dashboardId":"sales-overview","embedType":"dashboard","accessSettings":{"datamartName":"customer-analytics","joinModel":"triple"}}""", 400, "INVALID_REQUEST_BODY")]
    [InlineData("""{"dashboardId":"nope","embedType":"dashboard","accessSettings":{"datamartName":"customer-analytics"}}""", 404, "INVALID_DASHBOARD_ID")]
    [InlineData("""{"dashboardId":"sales-overview","embedType":"dashboard","workspaceName":"Finance","accessSettings":{"datamartName":"customer-analytics"}}""", 404, "INVALID_DASHBOARD_ID")]
    [InlineData("""{"dashboardId":"sales-overview","embedType":"dashboard","workspaceName":"Nope","accessSettings":{"datamartName":"customer-analytics"}}""", 404, "INVALID_WORKSPACE_NAME")]
    [InlineData("""{"dashboardId":"sales-overview","embedType":"metric","accessSettings":{"datamartName":"customer-analytics"}}""", 400, "INVALID_METRIC_ID")]
    [InlineData("""{"dashboardId":"sales-overview","embedType":"metric","metricId":"m-nope","accessSettings":{"datamartName":"customer-analytics"}}""", 404, "INVALID_METRIC_ID")]
    [InlineData("""{"dashboardId":"sales-overview","embedType":"dashboard","accessSettings":{"isAllowEmailReports":true}}""", 400, "INVALID_DATAMART")]
    [InlineData("""{"dashboardId":"sales-overview","embedType":"dashboard","accessSettings":{"datamartName":"nope"}}""", 400, "INVALID_DATAMART")]
    [InlineData("""{"dashboardId":"sales-overview","embedType":"dashboard","accessSettings":{"datamartName":"customer-analytics","tableTenancySettings":[{"name":"SALES_FACT","clientColumn":"CLIENT_ID"}]}}""", 400, "DATAMART_TABLE_NOT_FOUND")]
    public async Task Create_error_codes(string body, int status, string code)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("POST", "/api/v2/data-app/embeds", body)).AssertDataBrainError(status, code);
        Assert.Equal(0, (int)(await emu.StatsAsync())["mutations"]!);
    }

    [Fact]
    public async Task Create_needs_a_data_app_key()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("POST", "/api/v2/data-app/embeds", """{"dashboardId":"sales-overview","embedType":"dashboard","accessSettings":{"datamartName":"customer-analytics"}}""", TestEmulator.Service)).AssertDataBrainError(401, "INVALID_DATA_APP_API_KEY");
    }

    [Fact]
    public async Task Delete_on_every_documented_path()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("DELETE", "/api/v2/data-app/embeds?embedId=embed_acme")).AssertOk();
        Assert.Equal("embed_acme", (string?)r.Json!["id"]);
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds/export?embedId=embed_acme")).AssertDataBrainError(404, "EMBED_NOT_FOUND");
        (await emu.DataBrain("POST", "/api/v2/data-app/embeds?embedId=embed_globex", null)).AssertOk();
        (await emu.DataBrain("POST", "/api/v2/dataApp/embed/delete", """{"embedId":"embed_initech"}""")).AssertOk();
        var ids = (await emu.DataBrain("GET", "/api/v2/data-app/embeds")).AssertOk().Json!["data"]!.AsArray().Select(e => (string)e!["embedId"]!).ToArray();
        Assert.DoesNotContain("embed_acme", ids);
        Assert.DoesNotContain("embed_globex", ids);
        Assert.DoesNotContain("embed_initech", ids);
        Assert.Equal(10, ids.Length);

        // The dashboard survives unless isDeleteDashboard=true.
        Assert.Contains("\"sales-overview\"", await emu.StateAsync(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsDeleteDashboard_also_removes_the_dashboard()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("DELETE", "/api/v2/data-app/embeds?embedId=embed_orphan&isDeleteDashboard=true")).AssertOk();
        Assert.DoesNotContain("\"ops-legacy\"", await emu.StateAsync(), System.StringComparison.Ordinal);
        (await emu.DataBrain("DELETE", "/api/v2/data-app/embeds?embedId=embed_acme&isDeleteDashboard=maybe")).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Theory]
    [InlineData("DELETE", "/api/v2/data-app/embeds?embedId=embed_nope", null)]
    [InlineData("DELETE", "/api/v2/data-app/embeds?embedId=embed_partner_north", null)]
    [InlineData("DELETE", "/api/v2/data-app/embeds", null)]
    [InlineData("POST", "/api/v2/dataApp/embed/delete", """{"embedId":"embed_nope"}""")]
    [InlineData("POST", "/api/v2/dataApp/embed/delete", "{}")]
    public async Task Delete_of_a_missing_or_foreign_embed_is_INVALID_REQUEST_BODY_400(string method, string path, string? body)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain(method, path, body)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
        Assert.Equal(0, (int)(await emu.StatsAsync())["mutations"]!);
    }

    [Fact]
    public async Task Delete_with_a_bad_key_is_401()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("DELETE", "/api/v2/data-app/embeds?embedId=embed_acme", key: "nope")).AssertDataBrainError(401, "INVALID_DATA_APP_API_KEY");
    }

    [Fact]
    public async Task Datasources_list_names_with_a_service_token_only()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("GET", "/api/v2/datasource?isPagination=true&pageNumber=1", key: TestEmulator.Service)).AssertOk();
        Assert.Equal(new[] { "mysql-archive", "postgres-production", "snowflake-warehouse" }, r.Json!["data"]!.AsArray().Select(d => (string)d!["name"]!).ToArray());
        (await emu.DataBrain("GET", "/api/v2/datasource", key: TestEmulator.Demo)).AssertDataBrainError(401, "AUTHENTICATION_ERROR");
    }

    [Fact]
    public async Task Export_dashboard_returns_meta_and_data()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("POST", "/api/v2/data-app/export-dashboard", """{"dashboardId":"template-dashboard-001","workspaceName":"analytics-workspace"}""", TestEmulator.Service)).AssertOk();
        Assert.Equal("template-dashboard-001", (string?)r.Json!["_meta"]!["dashboardId"]);
        Assert.Equal("analytics-workspace", (string?)r.Json["_meta"]!["workspaceName"]);
        Assert.NotNull(r.Json["_meta"]!["exportedAt"]);
        Assert.Equal(3, r.Json["data"]!["metrics"]!.AsArray().Count);

        (await emu.DataBrain("POST", "/api/v2/data-app/export-dashboard", """{"dashboardId":"template-dashboard-001","workspaceName":"Finance"}""", TestEmulator.Service)).AssertDataBrainError(400, "INVALID_DASHBOARD_ID");
        (await emu.DataBrain("POST", "/api/v2/data-app/export-dashboard", """{"dashboardId":"template-dashboard-001","workspaceName":"Nope"}""", TestEmulator.Service)).AssertDataBrainError(400, "INVALID_WORKSPACE_NAME");
        (await emu.DataBrain("POST", "/api/v2/data-app/export-dashboard", """{"dashboardId":"template-dashboard-001"}""", TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");

        // "requires a service token (company-level), not a data app API key".
        (await emu.DataBrain("POST", "/api/v2/data-app/export-dashboard", """{"dashboardId":"template-dashboard-001","workspaceName":"analytics-workspace"}""", TestEmulator.Demo)).AssertDataBrainError(401, "INVALID_DATA_APP_API_KEY");
    }

    [Fact]
    public async Task An_exported_dashboard_imports_into_a_dashboard_embed()
    {
        await using var emu = await TestEmulator.StartAsync();
        var export = (await emu.DataBrain("POST", "/api/v2/data-app/export-dashboard", """{"dashboardId":"sales-overview","workspaceName":"analytics-workspace"}""", TestEmulator.Service)).AssertOk();
        var body = new JsonObject
        {
            ["dashboardId"] = "client-initech",
            ["clientId"] = "initech",
            ["workspaceName"] = "analytics-workspace",
            ["importDashboardData"] = export.Json!["data"]!.DeepClone(),
            ["accessSettings"] = JsonNode.Parse("""{"datamartName":"sales-datamart","isAllowEmailReports":false,"isAllowManageMetrics":false,"isAllowCreateDashboardView":false,"isAllowMetricCreation":false,"isAllowMetricDeletion":false,"isAllowMetricLayoutChange":false,"isAllowMetricUpdate":false,"isAllowUnderlyingData":false,"metricCreationMode":"CHAT"}"""),
        };
        (await emu.DataBrain("POST", "/api/v2/data-app/dashboard-embeds", body.ToJsonString())).AssertOk();
        var exported = (await emu.DataBrain("GET", "/api/v2/data-app/embeds/export?embedId=client-initech")).AssertOk();
        Assert.True(JsonNode.DeepEquals(export.Json["data"], exported.Json!["data"]));
    }

    [Fact]
    public async Task Unknown_paths_get_the_service_404_shape_and_count_as_unmatched()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("GET", "/api/v2/data-app/nothing")).AssertDataBrainError(404, "NOT_FOUND");
        (await emu.DataBrain("PATCH", "/api/v2/data-app/embeds", "{}")).AssertDataBrainError(404, "NOT_FOUND");
        var dd = await emu.Datadog("PUT", "/api/v2/dashboard/abc-def-ghi/shared/secure-embed/x", "{}");
        Assert.Equal(404, dd.Code);
        Assert.Equal(3, (int)(await emu.StatsAsync())["byRoute"]!["unmatched"]!);
    }
}
