using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>List embeds (GET with paging, legacy POST) and export embed.</summary>
public sealed class EmbedListExportTests
{
    private static string[] Ids(ApiResponse r) => r.Json!["data"]!.AsArray().Select(e => (string)e!["embedId"]!).ToArray();

    [Fact]
    public async Task List_pages_ten_at_a_time_in_creation_order()
    {
        await using var emu = await TestEmulator.StartAsync();
        var page1 = (await emu.DataBrain("GET", "/api/v2/data-app/embeds?isPagination=true&pageNumber=1")).AssertOk();
        var page2 = (await emu.DataBrain("GET", "/api/v2/data-app/embeds?isPagination=true&pageNumber=2")).AssertOk();
        var page3 = (await emu.DataBrain("GET", "/api/v2/data-app/embeds?isPagination=true&pageNumber=3")).AssertOk();
        var all = (await emu.DataBrain("GET", "/api/v2/data-app/embeds")).AssertOk();
        Assert.Equal(10, Ids(page1).Length);
        Assert.Equal(new[] { "embed_soylent", "embed_oscorp", "embed_orphan" }, Ids(page2));
        Assert.Empty(Ids(page3));
        Assert.Equal(Ids(page1).Concat(Ids(page2)), Ids(all));
        Assert.Equal("embed_acme", Ids(page1)[0]);
        Assert.Null(all.Json!["error"]);
        Assert.DoesNotContain("embed_partner_north", Ids(all));
    }

    [Fact]
    public async Task List_item_has_the_documented_shape()
    {
        await using var emu = await TestEmulator.StartAsync();
        var all = (await emu.DataBrain("GET", "/api/v2/data-app/embeds")).AssertOk();
        var items = all.Json!["data"]!.AsArray();
        var dashboard = items.Single(e => (string?)e!["embedId"] == "embed_acme")!;
        Assert.Equal("dashboard", (string?)dashboard["embedType"]);
        Assert.Equal("Acme Corp analytics", (string?)dashboard["name"]);
        Assert.Equal("sales-overview", (string?)dashboard["externalDashboard"]!["externalDashboardId"]);
        Assert.Equal("Sales Overview", (string?)dashboard["externalDashboard"]!["name"]);
        Assert.NotNull(dashboard["externalDashboard"]!["metadata"]!["createdAt"]);
        Assert.Null(dashboard["externalMetric"]);
        Assert.Equal("demo-app", (string?)dashboard["embedMetadata"]!["dataAppName"]);
        Assert.False(dashboard.AsObject().ContainsKey("embedDataAppAccessSetting"));

        var metric = items.Single(e => (string?)e!["embedId"] == "embed_initech")!;
        Assert.Equal("metric", (string?)metric["embedType"]);
        Assert.Equal("m-sales-total", (string?)metric["externalMetric"]!["metricId"]);
        Assert.Equal("Total sales", (string?)metric["externalMetric"]!["name"]);
        Assert.Equal("m-sales-total", (string?)metric["embedMetadata"]!["metricId"]);
    }

    [Fact]
    public async Task Legacy_list_takes_paging_in_the_body_and_includes_access_settings()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("POST", "/api/v2/dataApp/embed/list", """{"isPagination":true,"pageNumber":2}""")).AssertOk();
        Assert.Equal(new[] { "embed_soylent", "embed_oscorp", "embed_orphan" }, Ids(r));
        Assert.Equal("sales-datamart", (string?)r.Json!["data"]![0]!["embedDataAppAccessSetting"]!["datamartName"]);

        // Strings as in the query-string form are tolerated too.
        var s = (await emu.DataBrain("POST", "/api/v2/dataApp/embed/list", """{"isPagination":"true","pageNumber":"1"}""")).AssertOk();
        Assert.Equal(10, Ids(s).Length);
    }

    [Fact]
    public async Task Each_data_app_sees_only_its_own_embeds()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("GET", "/api/v2/data-app/embeds", key: TestEmulator.Other)).AssertOk();
        Assert.Equal(new[] { "embed_partner_north", "embed_partner_south" }, Ids(r));
    }

    [Theory]
    [InlineData("?isPagination=true&pageNumber=0")]
    [InlineData("?isPagination=true&pageNumber=-1")]
    [InlineData("?isPagination=true&pageNumber=abc")]
    [InlineData("?isPagination=yes")]
    public async Task Bad_paging_parameters_are_INVALID_REQUEST_BODY_400(string query)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds" + query)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bogus")]
    [InlineData(TestEmulator.Service)]
    public async Task List_and_export_need_a_data_app_key(string? key)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds", key: key)).AssertDataBrainError(401, "INVALID_DATA_APP_API_KEY");
        (await emu.DataBrain("POST", "/api/v2/dataApp/embed/list", "{}", key)).AssertDataBrainError(401, "INVALID_DATA_APP_API_KEY");
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds/export?embedId=embed_acme", key: key)).AssertDataBrainError(401, "INVALID_DATA_APP_API_KEY");
    }

    [Fact]
    public async Task Generated_bulk_embeds_page_deterministically()
    {
        await using var emu = await TestEmulator.StartAsync();
        var g = (await emu.Admin("POST", "/_emulator/embeds/generate", """{"count":25,"prefix":"bulk"}""")).AssertOk();
        Assert.Equal("bulk_000025", (string?)g.Json!["last"]);
        var page2 = (await emu.DataBrain("GET", "/api/v2/data-app/embeds?isPagination=true&pageNumber=2")).AssertOk();
        Assert.Equal(new[] { "embed_soylent", "embed_oscorp", "embed_orphan", "bulk_000001", "bulk_000002", "bulk_000003", "bulk_000004", "bulk_000005", "bulk_000006", "bulk_000007" }, Ids(page2));
        var page4 = (await emu.DataBrain("GET", "/api/v2/data-app/embeds?isPagination=true&pageNumber=4")).AssertOk();
        Assert.Equal(8, Ids(page4).Length);
        Assert.Equal("bulk_000025", Ids(page4)[^1]);

        await using var twin = await TestEmulator.StartAsync();
        (await twin.Admin("POST", "/_emulator/embeds/generate", """{"count":25,"prefix":"bulk"}""")).AssertOk();
        Assert.Equal(await emu.StateAsync(), await twin.StateAsync());
    }

    [Fact]
    public async Task Export_returns_meta_with_full_access_settings_and_dashboard_data()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("GET", "/api/v2/data-app/embeds/export?embedId=embed_umbrella")).AssertOk();
        var meta = r.Json!["_meta"]!;
        Assert.Equal("embed_umbrella", (string?)meta["embedId"]);
        Assert.Equal("dashboard", (string?)meta["embedType"]);
        Assert.Equal("template-dashboard-001", (string?)meta["dashboardId"]);
        Assert.Equal("2026-05-01T12:00:00.000Z", (string?)meta["exportedAt"]);
        var s = meta["embedDataAppAccessSetting"]!.AsObject();
        foreach (var field in new[] { "datamartName", "isAllowAiPilot", "isAllowEmailReports", "isAllowManageMetrics", "isAllowCreateDashboardView", "isAllowMetricCreation", "isAllowMetricDeletion", "isAllowMetricLayoutChange", "isAllowMetricUpdate", "isAllowUnderlyingData", "metricCreationMode", "joinModel", "isIncrementalJoin", "tableTenancySettings" })
        {
            Assert.True(s.ContainsKey(field), field);
        }

        Assert.Equal(3, r.Json["data"]!["metrics"]!.AsArray().Count);
        Assert.NotNull(r.Json["data"]!["layout"]);
        Assert.NotNull(r.Json["data"]!["filters"]);
    }

    [Fact]
    public async Task Export_errors_unknown_foreign_and_missing_embedId()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds/export?embedId=embed_nope")).AssertDataBrainError(404, "EMBED_NOT_FOUND");
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds/export?embedId=embed_partner_north")).AssertDataBrainError(403, "INSUFFICIENT_PERMISSIONS");
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds/export")).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }
}
