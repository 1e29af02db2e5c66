using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>Data apps, API tokens, datasource create/update/delete/sync and import-dashboard; service token.</summary>
public sealed class DataAppDatasourceContractTests
{
    private const string PostgresCredentials =
        """{"name":"pg-new","host":"db.example.com","port":5432,"database":"app","username":"reader","password":"p4ss-word-1"}""";

    private static async Task<JsonObject> RecordAsync(TestEmulator emu, string collection, string name)
    {
        var doc = JsonNode.Parse(await emu.StateAsync())!;
        return (JsonObject)doc["dataBrain"]![collection]!.AsArray().Single(w => (string?)w!["name"] == name)!;
    }

    [Fact]
    public async Task Data_apps_list_with_embeds_and_counts_and_no_error_member()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("GET", "/api/v2/data-app", key: TestEmulator.Service)).AssertOk();
        var apps = r.Json!["data"]!.AsArray();
        Assert.Equal(new[] { "demo-app", "other-app" }, apps.Select(a => (string)a!["name"]!).ToArray());
        var demo = apps[0]!;
        Assert.Equal("embedded", (string?)demo["type"]);
        Assert.Equal(13, (int)demo["embedCount"]!);
        Assert.Equal(13, demo["embeds"]!.AsArray().Count);
        Assert.Equal("embed_acme", (string?)demo["embeds"]![0]!["embedId"]);
        Assert.False(r.Json.AsObject().ContainsKey("error"));

        // The legacy camelCase path serves the same list.
        var legacy = (await emu.DataBrain("GET", "/api/v2/dataApp", key: TestEmulator.Service)).AssertOk();
        Assert.Equal(2, legacy.Json!["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Data_app_routes_refuse_a_data_app_key_with_the_documented_400()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("GET", "/api/v2/data-app", key: TestEmulator.Demo)).AssertDataBrainError(400, "AUTHENTICATION_ERROR");
        (await emu.DataBrain("POST", "/api/v2/data-app/api-tokens", """{"dataAppName":"demo-app","name":"x"}""", TestEmulator.Demo)).AssertDataBrainError(400, "AUTHENTICATION_ERROR");
        (await emu.DataBrain("GET", "/api/v2/data-app", key: null)).AssertDataBrainError(400, "AUTHENTICATION_ERROR");
    }

    [Fact]
    public async Task Create_then_duplicate_is_DATA_APP_ALREADY_EXISTS()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("POST", "/api/v2/data-app", """{"name":"tenant-app"}""", TestEmulator.Service)).AssertOk();
        Assert.Equal("tenant-app", (string?)r.Json!["data"]!["name"]);
        (await emu.DataBrain("POST", "/api/v2/data-app", """{"name":"tenant-app"}""", TestEmulator.Service)).AssertDataBrainError(400, "DATA_APP_ALREADY_EXISTS");
        Assert.Equal("tenant-app", (string?)(await RecordAsync(emu, "dataApps", "tenant-app"))["name"]);
    }

    [Theory]
    [InlineData("POST", """{}""")]
    [InlineData("POST", """{"name":""}""")]
    [InlineData("POST", """{"name":"x","type":"embedded"}""")]
    [InlineData("PUT", """{"name":"demo-app"}""")]
    [InlineData("PUT", """{"name":"demo-app","updateName":3}""")]
    [InlineData("PUT", """{"name":"demo-app","updateName":"demo-app"}""")]
    public async Task Bad_data_app_bodies_are_INVALID_REQUEST_BODY(string method, string body)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain(method, "/api/v2/data-app", body, TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Fact]
    public async Task Rename_moves_embeds_and_keys_and_reports_missing_and_taken_names()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("PUT", "/api/v2/data-app", """{"name":"demo-app","updateName":"demo-renamed"}""", TestEmulator.Service)).AssertOk();
        Assert.Equal("demo-renamed", (string?)r.Json!["data"]!["name"]);
        var list = (await emu.DataBrain("GET", "/api/v2/data-app", key: TestEmulator.Service)).AssertOk();
        Assert.Equal(13, (int)list.Json!["data"]!.AsArray().Single(a => (string?)a!["name"] == "demo-renamed")!["embedCount"]!);

        // The old key now speaks for the renamed app: a guest token for the new name works.
        (await emu.DataBrain("POST", "/api/v2/guest-token/create", """{"clientId":"c1","dataAppName":"demo-renamed"}""", TestEmulator.Demo)).AssertOk();

        (await emu.DataBrain("PUT", "/api/v2/data-app", """{"name":"demo-app","updateName":"x"}""", TestEmulator.Service)).AssertDataBrainError(400, "DATA_APP_NOT_FOUND");
        (await emu.DataBrain("PUT", "/api/v2/data-app", """{"name":"demo-renamed","updateName":"other-app"}""", TestEmulator.Service)).AssertDataBrainError(400, "DATA_APP_ALREADY_EXISTS");
    }

    [Fact]
    public async Task A_new_api_token_authenticates_as_its_data_app_and_lists_with_name_and_time()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.FixedTime = System.DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var created = (await emu.DataBrain("POST", "/api/v2/data-app/api-tokens", """{"dataAppName":"demo-app","name":"rotation-2026"}""", TestEmulator.Service)).AssertOk();
        var key = (string)created.Json!["key"]!;
        Assert.StartsWith("dbn_live_emu_", key);

        // The new key reads the data app's embeds; the service token is still refused there.
        var embeds = (await emu.DataBrain("GET", "/api/v2/data-app/embeds", key: key)).AssertOk();
        Assert.Equal(13, embeds.Json!["data"]!.AsArray().Count);

        var tokens = (await emu.DataBrain("GET", "/api/v2/data-app/api-tokens?dataAppName=demo-app", key: TestEmulator.Service)).AssertOk().Json!["data"]!.AsArray();
        Assert.Equal(new[] { "default", "rotation-2026" }, tokens.Select(t => (string)t!["name"]!).ToArray());
        Assert.Equal(key, (string?)tokens[1]!["key"]);
        Assert.Equal("2026-03-01T10:00:00.000Z", (string?)tokens[1]!["createdAt"]);

        (await emu.DataBrain("POST", "/api/v2/data-app/api-tokens", """{"dataAppName":"no-app","name":"x"}""", TestEmulator.Service)).AssertDataBrainError(400, "DATA_APP_NOT_FOUND");
        (await emu.DataBrain("GET", "/api/v2/data-app/api-tokens?dataAppName=no-app", key: TestEmulator.Service)).AssertDataBrainError(400, "DATA_APP_NOT_FOUND");
        (await emu.DataBrain("GET", "/api/v2/data-app/api-tokens", key: TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
        (await emu.DataBrain("POST", "/api/v2/data-app/api-tokens", """{"dataAppName":"demo-app"}""", TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Fact]
    public async Task Data_apps_and_tokens_survive_a_restart_from_the_journal()
    {
        var state = Path.Combine(Path.GetTempPath(), "emu-dataapps-" + System.Guid.NewGuid().ToString("N") + ".json");
        try
        {
            string key;
            await using (var emu = await TestEmulator.StartAsync(o => o.StateFile = state))
            {
                (await emu.DataBrain("POST", "/api/v2/data-app", """{"name":"kept-app"}""", TestEmulator.Service)).AssertOk();
                key = (string)(await emu.DataBrain("POST", "/api/v2/data-app/api-tokens", """{"dataAppName":"kept-app","name":"k"}""", TestEmulator.Service)).AssertOk().Json!["key"]!;
                (await emu.DataBrain("POST", "/api/v2/datasource", """{"datasourceType":"postgres","credentials":""" + PostgresCredentials + "}", TestEmulator.Service)).AssertOk();
            }

            await using var again = await TestEmulator.StartAsync(o => o.StateFile = state);
            (await again.DataBrain("GET", "/api/v2/data-app/embeds", key: key)).AssertOk();
            Assert.Equal("postgres", (string?)(await RecordAsync(again, "datasources", "pg-new"))["datasourceType"]);
        }
        finally
        {
            foreach (var file in new[] { state, state + ".journal", state + ".tmp" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task Datasource_create_update_sync_and_delete_keep_state()
    {
        await using var emu = await TestEmulator.StartAsync();
        var created = (await emu.DataBrain("POST", "/api/v2/datasource", """{"datasourceType":"postgres","credentials":""" + PostgresCredentials + "}", TestEmulator.Service)).AssertOk();
        Assert.Equal("pg-new", (string?)created.Json!["name"]);
        var names = (await emu.DataBrain("GET", "/api/v2/datasource", key: TestEmulator.Service)).AssertOk().Json!["data"]!.AsArray().Select(d => (string)d!["name"]!);
        Assert.Contains("pg-new", names);

        var update = """{"datasourceType":"postgres","credentials":{"name":"pg-new","host":"db2.example.com","port":5433,"database":"app","username":"reader","password":"n3w-pass-word"},"tenancySettings":{"tenancyLevel":"DATABASE"}}""";
        (await emu.DataBrain("PUT", "/api/v2/datasource", update, TestEmulator.Service)).AssertOk();
        var record = await RecordAsync(emu, "datasources", "pg-new");
        Assert.Equal("db2.example.com", (string?)record["credentials"]!["host"]);
        Assert.Equal("DATABASE", (string?)record["tenancySettings"]!["tenancyLevel"]);
        Assert.Equal(1, (int)record["syncCount"]!);

        var synced = (await emu.DataBrain("POST", "/api/v2/datasource/sync", """{"input":{"datasourceId":"pg-new"}}""", TestEmulator.Service)).AssertOk();
        Assert.Equal("pg-new", (string?)synced.Json!["data"]!["datasourceId"]);
        Assert.Equal(2, (int)(await RecordAsync(emu, "datasources", "pg-new"))["syncCount"]!);

        var deleted = (await emu.DataBrain("DELETE", "/api/v2/datasource?datasourceName=pg-new", key: TestEmulator.Service)).AssertOk();
        Assert.Equal("pg-new", (string?)deleted.Json!["id"]);
        Assert.False(string.IsNullOrEmpty((string?)deleted.Json["message"]));
        (await emu.DataBrain("DELETE", "/api/v2/datasource?datasourceName=pg-new", key: TestEmulator.Service)).AssertDataBrainError(400, "DATASOURCE_NAME_ERROR");
    }

    [Fact]
    public async Task Update_refuses_a_partial_credential_set_and_unknown_names()
    {
        await using var emu = await TestEmulator.StartAsync();
        var partial = (await emu.DataBrain("PUT", "/api/v2/datasource", """{"datasourceType":"postgres","credentials":{"name":"postgres-production","host":"x.example.com"}}""", TestEmulator.Service))
            .AssertDataBrainError(400, "INVALID_REQUEST_BODY");
        Assert.Contains("credentials.password", (string?)partial.Json!["error"]!["message"]);
        Assert.Equal("pg.internal.example.com", (string?)(await RecordAsync(emu, "datasources", "postgres-production"))["credentials"]!["host"]);

        (await emu.DataBrain("PUT", "/api/v2/datasource", """{"datasourceType":"postgres","credentials":""" + PostgresCredentials + "}", TestEmulator.Service)).AssertDataBrainError(400, "DATASOURCE_NAME_ERROR");
        (await emu.DataBrain("PUT", "/api/v2/datasource", """{"datasourceType":"mysql","credentials":{"name":"postgres-production","password":"x"}}""", TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Fact]
    public async Task Delete_of_a_datasource_in_use_names_its_users()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("DELETE", "/api/v2/datasource?datasourceName=postgres-production", key: TestEmulator.Service)).AssertDataBrainError(400, "DATASOURCE_IN_USE");
        var message = (string)r.Json!["error"]!["message"]!;
        Assert.Contains("workspace 'Sales Analytics'", message);
        Assert.Contains("datamart 'customer-analytics'", message);
        (await emu.DataBrain("DELETE", "/api/v2/datasource?datasourceName=mysql-archive", key: TestEmulator.Service)).AssertOk();
        (await emu.DataBrain("DELETE", "/api/v2/datasource", key: TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Theory]
    [InlineData("""{"credentials":{"name":"a","password":"x"}}""")]
    [InlineData("""{"datasourceType":"oracle","credentials":{"name":"a","password":"x"}}""")]
    [InlineData("""{"datasourceType":"Postgres","credentials":{"name":"a","password":"x"}}""")]
    [InlineData("""{"datasourceType":"postgres"}""")]
    [InlineData("""{"datasourceType":"postgres","credentials":{"password":"x"}}""")]
    [InlineData("""{"datasourceType":"postgres","credentials":{"name":"a"}}""")]
    [InlineData("""{"datasourceType":"postgres","credentials":{"name":"a","password":""}}""")]
    [InlineData("""{"datasourceType":"postgres","credentials":{"name":"a","password":{"v":1}}}""")]
    [InlineData("""{"datasourceType":"postgres","credentials":{"name":"a","password":"x"},"tenancySettings":"TABLE"}""")]
    [InlineData("""{"datasourceType":"postgres","credentials":{"name":"postgres-production","password":"x"}}""")]
    [InlineData("""{"datasourceType":"postgres","credentials":{"name":"a","password":"x"},"extra":1}""")]
    public async Task Bad_datasource_bodies_are_INVALID_REQUEST_BODY(string body)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("POST", "/api/v2/datasource", body, TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Theory]
    [InlineData("POST", "/api/v2/datasource")]
    [InlineData("PUT", "/api/v2/datasource")]
    [InlineData("DELETE", "/api/v2/datasource?datasourceName=mysql-archive")]
    [InlineData("POST", "/api/v2/datasource/sync")]
    public async Task Datasource_changes_refuse_a_data_app_key_with_AUTHENTICATION_ERROR(string method, string path)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain(method, path, "{}", TestEmulator.Demo)).AssertDataBrainError(401, "AUTHENTICATION_ERROR");
    }

    [Fact]
    public async Task Sync_needs_a_known_datasource_id()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("POST", "/api/v2/datasource/sync", """{"input":{"datasourceId":"nope"}}""", TestEmulator.Service)).AssertDataBrainError(400, "DATASOURCE_NAME_ERROR");
        (await emu.DataBrain("POST", "/api/v2/datasource/sync", """{"datasourceId":"mysql-archive"}""", TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Fact]
    public async Task Import_dashboard_copies_an_export_into_a_workspace_with_schema_pairs()
    {
        await using var emu = await TestEmulator.StartAsync();
        var export = (await emu.DataBrain("POST", "/api/v2/data-app/export-dashboard", """{"dashboardId":"template-dashboard-001","workspaceName":"analytics-workspace"}""", TestEmulator.Service)).AssertOk().Json!;
        export["data"]!["filters"]!.AsArray().Add(new JsonObject { ["name"] = "Plan", ["column"] = "public.tenants.plan", ["schemaName"] = "public" });
        var body = new JsonObject
        {
            ["workspaceName"] = "Sales Analytics",
            ["importDashboardData"] = export.DeepClone(),
            ["dashboardId"] = "tenant-copy",
            ["dashboardName"] = "Tenant copy",
            ["schemaPairs"] = new JsonArray(new JsonObject { ["replaceSchema"] = "public", ["targetSchema"] = "tenant_a" }),
        };
        var r = (await emu.DataBrain("POST", "/api/v2/data-app/import-dashboard", body.ToJsonString(), TestEmulator.Service)).AssertOk();
        var response = r.Json!["data"]!["response"]!;
        Assert.Equal("tenant-copy", (string?)response["dashboardId"]);
        Assert.Equal("Tenant copy", (string?)response["dashboardName"]);
        Assert.Equal("Sales Analytics", (string?)response["workspaceName"]);

        var copy = (await emu.DataBrain("POST", "/api/v2/data-app/export-dashboard", """{"dashboardId":"tenant-copy","workspaceName":"Sales Analytics"}""", TestEmulator.Service)).AssertOk().Json!;
        var plan = copy["data"]!["filters"]!.AsArray().Last()!;
        Assert.Equal("tenant_a.tenants.plan", (string?)plan["column"]);
        Assert.Equal("tenant_a", (string?)plan["schemaName"]);
        Assert.Equal(3, copy["data"]!["metrics"]!.AsArray().Count);

        // Again: the id is taken.
        (await emu.DataBrain("POST", "/api/v2/data-app/import-dashboard", body.ToJsonString(), TestEmulator.Service)).AssertDataBrainError(400, "INVALID_DASHBOARD_ID");
        body["dashboardId"] = "tenant-copy-2";
        body["workspaceName"] = "No Such Workspace";
        (await emu.DataBrain("POST", "/api/v2/data-app/import-dashboard", body.ToJsonString(), TestEmulator.Service)).AssertDataBrainError(400, "INVALID_WORKSPACE_NAME");
        (await emu.DataBrain("POST", "/api/v2/data-app/import-dashboard", body.ToJsonString(), TestEmulator.Demo)).AssertDataBrainError(401, "INVALID_DATA_APP_API_KEY");
    }

    [Theory]
    [InlineData("""{"workspaceName":"Sales Analytics","dashboardId":"d1"}""")]
    [InlineData("""{"workspaceName":"Sales Analytics","dashboardId":"d1","importDashboardData":{"_meta":{}}}""")]
    [InlineData("""{"workspaceName":"Sales Analytics","dashboardId":"d1","importDashboardData":{"data":{"layout":{}}}}""")]
    [InlineData("""{"workspaceName":"Sales Analytics","importDashboardData":{"data":{}}}""")]
    [InlineData("""{"workspaceName":"Sales Analytics","dashboardId":"d1","importDashboardData":{"data":{}},"schemaPairs":[{"replaceSchema":"a"}]}""")]
    [InlineData("""{"workspaceName":"Sales Analytics","dashboardId":"d1","importDashboardData":{"data":{}},"dashboardName":""}""")]
    public async Task Bad_import_bodies_are_INVALID_REQUEST_BODY(string body)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("POST", "/api/v2/data-app/import-dashboard", body, TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }
}
