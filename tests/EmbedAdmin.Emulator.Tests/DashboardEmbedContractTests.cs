using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>docs.usedatabrain.com/api-reference/create-dashboard-embed: POST /api/v2/data-app/dashboard-embeds (and the legacy dataApp path), JSON and multipart.</summary>
public sealed class DashboardEmbedContractTests
{
    private const string NewPath = "/api/v2/data-app/dashboard-embeds";
    private const string LegacyPath = "/api/v2/dataApp/dashboard-embeds";

    private const string Access = """
        {"datamartName":"customer-analytics","isAllowEmailReports":false,"isAllowManageMetrics":true,"isAllowCreateDashboardView":true,
         "isAllowMetricCreation":true,"isAllowMetricDeletion":false,"isAllowMetricLayoutChange":true,"isAllowMetricUpdate":true,
         "isAllowUnderlyingData":false,"joinModel":"multi","metricCreationMode":"DRAG_DROP"}
        """;

    private static JsonObject Body(string dashboardId = "client-acme-analytics") => new()
    {
        ["dashboardId"] = dashboardId,
        ["clientId"] = "acme-corp-123",
        ["workspaceName"] = "analytics-workspace",
        ["accessSettings"] = JsonNode.Parse(Access),
    };

    private static async Task<JsonObject> DashboardAsync(TestEmulator emu, string id)
    {
        var doc = JsonNode.Parse(await emu.StateAsync())!;
        return (JsonObject)doc["dataBrain"]!["dashboards"]!.AsArray().Single(d => (string?)d!["dashboardId"] == id)!;
    }

    [Fact]
    public async Task Minimal_create_names_the_dashboard_dashboardId_underscore_clientId()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("POST", NewPath, Body().ToJsonString())).AssertOk();
        Assert.Equal("client-acme-analytics", (string?)r.Json!["id"]);
        Assert.Null(r.Json["error"]);
        Assert.Equal("client-acme-analytics", (string?)r.Json["name"]);
        var d = await DashboardAsync(emu, "client-acme-analytics");
        Assert.Equal("client-acme-analytics_acme-corp-123", (string?)d["name"]);
        Assert.Empty(d["data"]!["metrics"]!.AsArray());

        // The new embed is an ordinary embed afterwards: exportable, listable and updatable.
        var s = await emu.AccessSettingsAsync("client-acme-analytics");
        Assert.Equal("customer-analytics", (string?)s["datamartName"]);
        Assert.True((bool)s["isAllowManageMetrics"]!);
        (await emu.DataBrain("PUT", "/api/v2/data-app/embeds", """{"embedId":"client-acme-analytics","accessSettings":{"isAllowUnderlyingData":true}}""")).AssertOk();
    }

    [Fact]
    public async Task Legacy_path_answers_only_id_and_error()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("POST", LegacyPath, Body().ToJsonString())).AssertOk();
        Assert.Equal("client-acme-analytics", (string?)r.Json!["id"]);
        Assert.False(r.Json.AsObject().ContainsKey("name"));
    }

    [Theory]
    [InlineData(true, "ACME Analytics Dashboard")]
    [InlineData(false, "client-acme-analytics_acme-corp-123")]
    public async Task Rename_uses_name_only_when_isRenameDashboard(bool rename, string expected)
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = Body();
        body["name"] = "ACME Analytics Dashboard";
        body["isRenameDashboard"] = rename;
        var r = (await emu.DataBrain("POST", NewPath, body.ToJsonString())).AssertOk();
        Assert.Equal("ACME Analytics Dashboard", (string?)r.Json!["name"]);
        Assert.Equal(expected, (string?)(await DashboardAsync(emu, "client-acme-analytics"))["name"]);
    }

    [Theory]
    [InlineData(true, 3)]
    [InlineData(false, 0)]
    public async Task Template_clones_layout_and_filters_and_imports_metrics_only_when_asked(bool importMetrics, int metricCount)
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = Body();
        body["templateDashboardId"] = "template-dashboard-001";
        body["isImportMetrics"] = importMetrics;
        body["metricImportMode"] = "METRIC";
        (await emu.DataBrain("POST", NewPath, body.ToJsonString())).AssertOk();
        var data = (await DashboardAsync(emu, "client-acme-analytics"))["data"]!;
        var template = (await DashboardAsync(emu, "template-dashboard-001"))["data"]!;
        Assert.True(JsonNode.DeepEquals(template["filters"], data["filters"]));
        Assert.True(JsonNode.DeepEquals(template["layout"], data["layout"]));
        Assert.True(JsonNode.DeepEquals(template["gridMargins"], data["gridMargins"]));
        Assert.Equal(metricCount, data["metrics"]!.AsArray().Count);
        Assert.Equal(importMetrics ? "METRIC" : null, (string?)data["metricImportMode"]);
    }

    [Fact]
    public async Task ImportDashboardData_hydrates_and_skips_template_metric_import()
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = Body();
        body["templateDashboardId"] = "template-dashboard-001";
        body["isImportMetrics"] = true;
        body["importDashboardData"] = JsonNode.Parse("""{"layout":[{"i":"m-x"}],"filters":[],"metrics":[{"metricId":"m-x","name":"Imported"}]}""");
        (await emu.DataBrain("POST", NewPath, body.ToJsonString())).AssertOk();
        var metrics = (await DashboardAsync(emu, "client-acme-analytics"))["data"]!["metrics"]!.AsArray();
        Assert.Equal("m-x", (string?)Assert.Single(metrics)!["metricId"]);
    }

    [Fact]
    public async Task Multipart_with_json_string_fields_and_a_file_that_takes_precedence()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("client-globex"), "dashboardId" },
            { new StringContent("globex-7"), "clientId" },
            { new StringContent("analytics-workspace"), "workspaceName" },
            { new StringContent("Globex Board"), "name" },
            { new StringContent("true"), "isRenameDashboard" },
            { new StringContent("""{"region":"EU"}"""), "metadata" },
            { new StringContent(Access), "accessSettings" },
            { new StringContent("""{"metrics":[{"metricId":"from-field"}]}"""), "importDashboardData" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"_meta":{"dashboardId":"x"},"data":{"layout":[],"filters":[],"metrics":[{"metricId":"from-file","name":"F"}]}}"""));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "importDashboardDataFile", "export.json");
        var r = (await emu.SendAsync("POST", NewPath, null, req => req.Headers.Authorization = new("Bearer", TestEmulator.Demo), form)).AssertOk();
        Assert.Equal("Globex Board", (string?)r.Json!["name"]);
        var d = await DashboardAsync(emu, "client-globex");
        Assert.Equal("Globex Board", (string?)d["name"]);
        Assert.Equal("EU", (string?)d["metadata"]!["region"]);
        Assert.Equal("from-file", (string?)d["data"]!["metrics"]![0]!["metricId"]);
    }

    [Theory]
    [InlineData("""{"layout":[]}""", "application/json")]
    [InlineData("""not json""", "application/json")]
    [InlineData("""{"data":{}}""", "text/plain")]
    [InlineData("""{"data":[1]}""", "application/json")]
    public async Task Uploaded_file_without_a_data_object_or_json_mime_is_INVALID_DASHBOARD_DATA(string content, string mime)
    {
        await using var emu = await TestEmulator.StartAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("client-x"), "dashboardId" },
            { new StringContent("c1"), "clientId" },
            { new StringContent("analytics-workspace"), "workspaceName" },
            { new StringContent(Access), "accessSettings" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue(mime);
        form.Add(file, "importDashboardDataFile", "export.json");
        (await emu.SendAsync("POST", NewPath, null, req => req.Headers.Authorization = new("Bearer", TestEmulator.Demo), form)).AssertDataBrainError(400, "INVALID_DASHBOARD_DATA");
    }

    [Fact]
    public async Task Multipart_boolean_text_that_is_not_a_boolean_is_rejected()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("client-x"), "dashboardId" },
            { new StringContent("c1"), "clientId" },
            { new StringContent("analytics-workspace"), "workspaceName" },
            { new StringContent("yes"), "isImportMetrics" },
            { new StringContent(Access), "accessSettings" },
        };
        (await emu.SendAsync("POST", NewPath, null, req => req.Headers.Authorization = new("Bearer", TestEmulator.Demo), form)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Fact]
    public async Task Json_body_booleans_must_be_real_booleans()
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = Body();
        body["isRenameDashboard"] = "true";
        (await emu.DataBrain("POST", NewPath, body.ToJsonString())).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Theory]
    [InlineData("dashboardId")]
    [InlineData("workspaceName")]
    [InlineData("clientId")]
    [InlineData("accessSettings")]
    [InlineData("accessSettings.datamartName")]
    [InlineData("accessSettings.isAllowEmailReports")]
    [InlineData("accessSettings.isAllowManageMetrics")]
    [InlineData("accessSettings.isAllowMetricCreation")]
    [InlineData("accessSettings.isAllowMetricDeletion")]
    [InlineData("accessSettings.isAllowMetricLayoutChange")]
    [InlineData("accessSettings.isAllowMetricUpdate")]
    [InlineData("accessSettings.isAllowUnderlyingData")]
    [InlineData("accessSettings.isAllowCreateDashboardView")]
    [InlineData("accessSettings.metricCreationMode")]
    public async Task Every_required_field_is_enforced(string field)
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = Body();
        if (field.StartsWith("accessSettings.", System.StringComparison.Ordinal))
        {
            body["accessSettings"]!.AsObject().Remove(field["accessSettings.".Length..]);
        }
        else
        {
            body.Remove(field);
        }

        (await emu.DataBrain("POST", NewPath, body.ToJsonString())).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
        Assert.Equal(0, (int)(await emu.StatsAsync())["mutations"]!);
    }

    [Theory]
    [InlineData("isAllowAiPilot", "true")]
    [InlineData("joinModel", "\"single\"")]
    [InlineData("isIncrementalJoin", "true")]
    [InlineData("tableTenancySettings", """[{"name":"orders","clientColumn":"tenant_id"}]""")]
    public async Task Optional_access_fields_are_accepted(string field, string json)
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = Body();
        var access = body["accessSettings"]!.AsObject();
        access.Remove("joinModel");
        access[field] = JsonNode.Parse(json);
        (await emu.DataBrain("POST", NewPath, body.ToJsonString())).AssertOk();
    }

    [Theory]
    [InlineData("joinModel", "\"both\"")]
    [InlineData("metricCreationMode", "\"VOICE\"")]
    [InlineData("tableTenancySettings", """[{"name":"orders"}]""")]
    [InlineData("tableTenancySettings", """[{"clientColumn":"tenant_id"}]""")]
    [InlineData("datamartName", "\"no-such-datamart\"")]
    [InlineData("isAllowMetricUpdate", "\"true\"")]
    public async Task Invalid_access_values_are_INVALID_REQUEST_BODY(string field, string json)
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = Body();
        body["accessSettings"]![field] = JsonNode.Parse(json);
        (await emu.DataBrain("POST", NewPath, body.ToJsonString())).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Theory]
    [InlineData("metricImportMode", "\"LIBRARY\"")]
    [InlineData("metadata", "\"region=EU\"")]
    [InlineData("schemaPairs", """[{"replaceSchema":"public"}]""")]
    [InlineData("embedDescription", "3")]
    [InlineData("importDashboardData", "[]")]
    [InlineData("unexpected", "1")]
    [InlineData("isAllowPrivateMetricsByDefault", "\"no\"")]
    [InlineData("isImportMetrics", "1")]
    [InlineData("isRenameDashboard", "null")]
    [InlineData("name", "5")]
    [InlineData("name", "\"\"")]
    [InlineData("dashboardId", "7")]
    public async Task Invalid_optional_fields_are_INVALID_REQUEST_BODY(string field, string json)
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = Body();
        body[field] = JsonNode.Parse(json);
        (await emu.DataBrain("POST", NewPath, body.ToJsonString())).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Fact]
    public async Task Private_metrics_flag_description_and_client_are_stored_on_the_embed()
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = Body();
        body["isAllowPrivateMetricsByDefault"] = true;
        body["embedDescription"] = "Analytics dashboard for ACME Corp";
        body["schemaPairs"] = JsonNode.Parse("""[{"replaceSchema":"public","targetSchema":"acme"}]""");
        (await emu.DataBrain("POST", NewPath, body.ToJsonString())).AssertOk();
        var embed = JsonNode.Parse(await emu.StateAsync())!["dataBrain"]!["embeds"]!.AsArray().Single(e => (string?)e!["embedId"] == "client-acme-analytics")!;
        Assert.True((bool)embed["isAllowPrivateMetricsByDefault"]!);
        Assert.Equal("Analytics dashboard for ACME Corp", (string?)embed["embedDescription"]);
        Assert.Equal("acme-corp-123", (string?)embed["clientId"]);
        Assert.Equal("analytics-workspace", (string?)embed["workspaceName"]);
    }

    [Fact]
    public async Task Documented_error_codes_each_have_a_trigger()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ws = Body();
        ws["workspaceName"] = "No Such Workspace";
        (await emu.DataBrain("POST", NewPath, ws.ToJsonString())).AssertDataBrainError(400, "WORKSPACE_ID_ERROR");

        var client = Body();
        client["clientId"] = "  ";
        (await emu.DataBrain("POST", NewPath, client.ToJsonString())).AssertDataBrainError(400, "CLIENT_ID_ERROR");
        client["clientId"] = 12;
        (await emu.DataBrain("POST", NewPath, client.ToJsonString())).AssertDataBrainError(400, "CLIENT_ID_ERROR");

        (await emu.DataBrain("POST", NewPath, Body("template-dashboard-001").ToJsonString())).AssertDataBrainError(400, "INVALID_DASHBOARD_ID");
        (await emu.DataBrain("POST", NewPath, Body("embed_acme").ToJsonString())).AssertDataBrainError(400, "INVALID_DASHBOARD_ID");

        var template = Body();
        template["templateDashboardId"] = "no-such-template";
        (await emu.DataBrain("POST", NewPath, template.ToJsonString())).AssertDataBrainError(400, "TEMPLATE_DASHBOARD_ERROR");

        var broken = Body();
        broken["importDashboardData"] = JsonNode.Parse("""{"layout":"grid"}""");
        (await emu.DataBrain("POST", NewPath, broken.ToJsonString())).AssertDataBrainError(400, "DASHBOARD_CREATE_ERROR");

        foreach (var key in new[] { null, "nope", TestEmulator.Service })
        {
            (await emu.DataBrain("POST", NewPath, Body().ToJsonString(), key)).AssertDataBrainError(401, "INVALID_DATA_APP_API_KEY");
        }

        Assert.Equal(0, (int)(await emu.StatsAsync())["mutations"]!);
        (await emu.DataBrain("POST", NewPath, Body().ToJsonString())).AssertOk();
        (await emu.DataBrain("POST", NewPath, Body().ToJsonString())).AssertDataBrainError(400, "INVALID_DASHBOARD_ID");
    }
}
