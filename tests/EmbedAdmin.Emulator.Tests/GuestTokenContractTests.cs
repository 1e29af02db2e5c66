using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>Guest tokens (docs.usedatabrain.com/developer-docs/token): v2 with dataAppName, v1 with workspaceName; errors without a status member.</summary>
public sealed class GuestTokenContractTests
{
    private const string V2 = "/api/v2/guest-token/create";
    private const string V1 = "/api/v1/guest-token/create";

    [Fact]
    public async Task Create_returns_a_token_and_stores_it()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("POST", V2, """
            {"clientId":"acme","dataAppName":"demo-app","expiryTime":3600000,
             "params":{"allowedEmbeds":["embed_acme"],"dashboardAppFilters":[{"dashboardId":"sales-overview","values":{"region":"EU"},"isShowOnUrl":false}],
                       "appFilters":[{"metricId":"m-sales-total","values":{"sql":"1=1"}}],"rlsSettings":[{"metricId":"m-churn-risk","values":{"tier":["gold"]}}],
                       "hideDashboardFilters":["Region"],"userIdentifier":"u-1","timezone":"Europe/Berlin"},
             "permissions":{"isEnableManageMetrics":false,"isShowDashboardName":true}}
            """)).AssertOk();
        var token = (string)r.Json!["token"]!;
        Assert.True(System.Guid.TryParse(token, out _));
        Assert.Contains(token, await emu.StateAsync(), System.StringComparison.Ordinal);

        (await emu.DataBrain("POST", V1, """{"clientId":"None","workspaceName":"analytics-workspace"}""")).AssertOk();
    }

    [Fact]
    public async Task Deleting_an_embed_invalidates_its_guest_tokens()
    {
        await using var emu = await TestEmulator.StartAsync();
        var token = (string)(await emu.DataBrain("POST", V2, """{"clientId":"acme","dataAppName":"demo-app","params":{"allowedEmbeds":["embed_stark"]}}""")).AssertOk().Json!["token"]!;
        (await emu.DataBrain("DELETE", "/api/v2/data-app/embeds?embedId=embed_stark")).AssertOk();
        Assert.DoesNotContain(token, await emu.StateAsync(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"dataAppName":"demo-app"}""", "INVALID_REQUEST_BODY")]
    [InlineData("""{"clientId":"","dataAppName":"demo-app"}""", "CLIENT_ID_ERROR")]
    [InlineData("""{"clientId":5,"dataAppName":"demo-app"}""", "CLIENT_ID_ERROR")]
    [InlineData("""{"clientId":"a"}""", "INVALID_REQUEST_BODY")]
    [InlineData("""{"clientId":"a","data_app_name":"demo-app"}""", "INVALID_REQUEST_BODY")]
    [InlineData("""{"clientId":"a","dataAppName":"other-app"}""", "INVALID_REQUEST_BODY")]
    [InlineData("""{"clientId":"a","dataAppName":"demo-app","expiryTime":-5}""", "INVALID_REQUEST_BODY")]
    [InlineData("""{"clientId":"a","dataAppName":"demo-app","expiryTime":"1h"}""", "INVALID_REQUEST_BODY")]
    [InlineData("""{"clientId":"a","dataAppName":"demo-app","permissions":{"isShowSideBar":"yes"}}""", "INVALID_REQUEST_BODY")]
    [InlineData("""{"clientId":"a","dataAppName":"demo-app","datasourceName":"nope"}""", "INVALID_REQUEST_BODY")]
    [InlineData("""{"clientId":"a","dataAppName":"demo-app","params":{"allowedEmbeds":["embed_partner_north"]}}""", "INVALID_REQUEST_BODY")]
    [InlineData("""{"clientId":"a","dataAppName":"demo-app","params":{"dashboardAppFilters":[{"dashboardId":"nope"}]}}""", "DASHBOARD_PARAM_ERROR")]
    [InlineData("""{"clientId":"a","dataAppName":"demo-app","params":{"dashboard":{"id":"nope"}}}""", "DASHBOARD_PARAM_ERROR")]
    [InlineData("""{"clientId":"a","dataAppName":"demo-app","params":{"appFilters":[{"metricId":"nope","values":{}}]}}""", "APP_FILTER_PARAM_ERROR")]
    [InlineData("""{"clientId":"a","dataAppName":"demo-app","params":{"appFilters":[{"values":{}}]}}""", "APP_FILTER_PARAM_ERROR")]
    [InlineData("""{"clientId":"a","dataAppName":"demo-app","params":{"rlsSettings":[{"metricId":"m-sales-total","values":5}]}}""", "RLS_SETTINGS_PARAM_ERROR")]
    [InlineData("""{"clientId":"a","dataAppName":"demo-app","params":{"hideDashboardFilters":"Region"}}""", "INVALID_REQUEST_BODY")]
    public async Task Documented_codes_have_triggers(string body, string code)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("POST", V2, body)).AssertDataBrainError(400, code, withStatus: false);
    }

    [Fact]
    public async Task V1_needs_a_known_workspaceName()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("POST", V1, """{"clientId":"a","workspaceName":"nope"}""")).AssertDataBrainError(400, "WORKSPACE_ID_ERROR", withStatus: false);
        (await emu.DataBrain("POST", V1, """{"clientId":"a","dataAppName":"demo-app"}""")).AssertDataBrainError(400, "INVALID_REQUEST_BODY", withStatus: false);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("expired-key")]
    [InlineData(TestEmulator.Service)]
    public async Task Bad_key_is_AUTHENTICATION_ERR_401_as_documented(string? key)
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("POST", V2, """{"clientId":"a","dataAppName":"demo-app"}""", key)).AssertDataBrainError(401, "AUTHENTICATION_ERR", withStatus: false);
        if (key == "expired-key")
        {
            Assert.Equal("API key is invalid or expired", (string?)r.Json!["error"]!["message"]);
        }
    }
}
