using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>docs.usedatabrain.com/api-reference/update-datamart (Update Datamart) plus create, list and delete; service token.</summary>
public sealed class DatamartContractTests
{
    private const string Path = "/api/v2/data-app/datamarts";

    private const string OrdersTable = """{"name":"orders","schemaName":"public","clientColumn":"tenant_id","columns":[{"name":"id"},{"name":"tenant_id"},{"name":"amount","isAggregate":true}]}""";

    private static async Task<JsonObject> ListedAsync(TestEmulator emu, string name)
    {
        var r = (await emu.DataBrain("GET", Path, key: TestEmulator.Service)).AssertOk();
        return (JsonObject)r.Json!["data"]!.AsArray().Single(d => (string?)d!["name"] == name)!;
    }

    private static string Update(string fields) => "{\"datamartName\":\"customer-analytics\"," + fields + "}";

    [Fact]
    public async Task List_has_the_documented_shape_including_the_custom_sql_column()
    {
        await using var emu = await TestEmulator.StartAsync();
        var d = await ListedAsync(emu, "customer-analytics");
        Assert.Equal("TABLE", (string?)d["datamartOrganization"]!["tenancyLevel"]);
        Assert.Equal("NUMBER", (string?)d["datamartOrganization"]!["clientColumnType"]);
        Assert.Equal("postgres-production", (string?)d["companyIntegration"]!["name"]);
        var customers = d["datamartTables"]!.AsArray().Single(t => (string?)t!["tableName"] == "customers")!;
        var custom = customers["datamartTableColumns"]!.AsArray().Single(c => (bool)c!["isCustomColumn"]!)!;
        Assert.Equal("email_domain", (string?)custom["columnName"]);
        Assert.False(string.IsNullOrEmpty((string?)custom["sql"]));
        Assert.Equal("LEFT JOIN", (string?)d["datamartRelationships"]![0]!["join"]);
        Assert.Null((await ListedAsync(emu, "finance-datamart"))["datamartOrganization"]!["tableName"]);
    }

    [Fact]
    public async Task Update_replaces_tableList_keeps_relationships_and_answers_id_without_error()
    {
        await using var emu = await TestEmulator.StartAsync();
        var r = (await emu.DataBrain("PUT", Path, Update("\"tableList\":[" + OrdersTable + "]"), TestEmulator.Service)).AssertOk();
        Assert.Equal("customer-analytics", (string?)r.Json!["id"]);
        Assert.False(r.Json.AsObject().ContainsKey("error"));
        var d = await ListedAsync(emu, "customer-analytics");
        var table = Assert.Single(d["datamartTables"]!.AsArray())!;
        Assert.Equal("orders", (string?)table["tableName"]);
        Assert.Equal(3, table["datamartTableColumns"]!.AsArray().Count);
        Assert.Equal("NUMBER", (string?)table["datamartTableColumns"]![0]!["datatype"]);
        Assert.Equal("TABLE", (string?)d["datamartOrganization"]!["tenancyLevel"]);

        // "If omitted entirely, existing relationships remain."
        Assert.Equal(2, d["datamartRelationships"]!.AsArray().Count);
    }

    [Fact]
    public async Task Relationships_replace_all_and_an_empty_array_clears()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("PUT", Path, Update("""
            "relationships":[{"parentTableName":"customers","parentColumnName":"id","childTableName":"orders","childColumnName":"customer_id","relationshipName":"r1","cardinality":null,"join":null}]
            """), TestEmulator.Service)).AssertOk();
        var rel = Assert.Single((await ListedAsync(emu, "customer-analytics"))["datamartRelationships"]!.AsArray())!;
        Assert.Equal("r1", (string?)rel["relationshipName"]);
        Assert.Null(rel["cardinality"]);
        (await emu.DataBrain("PUT", Path, Update("\"relationships\":[]"), TestEmulator.Service)).AssertOk();
        Assert.Empty((await ListedAsync(emu, "customer-analytics"))["datamartRelationships"]!.AsArray());
    }

    [Fact]
    public async Task Tenancy_switch_to_database_stores_primaryDatabase_and_clears_table_fields()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("PUT", Path, Update("""
            "tenancySettings":{"tenancyLevel":"DATABASE","primaryDatabase":"tenant_default"}
            """), TestEmulator.Service)).AssertOk();
        var org = (await ListedAsync(emu, "customer-analytics"))["datamartOrganization"]!;
        Assert.Equal("DATABASE", (string?)org["tenancyLevel"]);
        Assert.Equal("tenant_default", (string?)org["primaryDatabase"]);
        Assert.Null(org["tableName"]);

        (await emu.DataBrain("PUT", Path, Update("""
            "tenancySettings":{"tenancyLevel":"MULTI_DATABASE"}
            """), TestEmulator.Service)).AssertOk();
        Assert.Null((await ListedAsync(emu, "customer-analytics"))["datamartOrganization"]!["primaryDatabase"]);
    }

    [Fact]
    public async Task Tenancy_without_level_clears_primaryDatabase_and_keeps_the_rest()
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = """{"datamartName":"finance-datamart","tenancySettings":{"clientColumnType":"STRING"}}""";
        (await emu.DataBrain("PUT", Path, body, TestEmulator.Service)).AssertOk();
        var org = (await ListedAsync(emu, "finance-datamart"))["datamartOrganization"]!;
        Assert.Equal("DATABASE", (string?)org["tenancyLevel"]);
        Assert.Equal("STRING", (string?)org["clientColumnType"]);
        Assert.Null(org["primaryDatabase"]);
    }

    [Fact]
    public async Task Table_tenancy_switch_with_all_fields_is_accepted()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("PUT", Path, """
            {"datamartName":"finance-datamart","tenancySettings":{"tenancyLevel":"TABLE","clientColumnType":"STRING","schemaName":"ANALYTICS","tableName":"CLIENTS","tableClientNameColumn":"CLIENT_NAME","tablePrimaryKeyColumn":"CLIENT_ID","primaryDatabase":"X"}}
            """, TestEmulator.Service)).AssertOk();
        var org = (await ListedAsync(emu, "finance-datamart"))["datamartOrganization"]!;
        Assert.Equal("TABLE", (string?)org["tenancyLevel"]);
        Assert.Null(org["primaryDatabase"]);
    }

    [Theory]
    [InlineData("clientColumnType")]
    [InlineData("schemaName")]
    [InlineData("tableName")]
    [InlineData("tableClientNameColumn")]
    [InlineData("tablePrimaryKeyColumn")]
    public async Task Table_tenancy_requires_each_field(string missing)
    {
        await using var emu = await TestEmulator.StartAsync();
        var tenancy = JsonNode.Parse("""{"tenancyLevel":"TABLE","clientColumnType":"NUMBER","schemaName":"public","tableName":"tenants","tableClientNameColumn":"slug","tablePrimaryKeyColumn":"id"}""")!.AsObject();
        (await emu.DataBrain("PUT", Path, Update("\"tenancySettings\":" + tenancy.ToJsonString()), TestEmulator.Service)).AssertOk();
        tenancy.Remove(missing);
        (await emu.DataBrain("PUT", Path, Update("\"tenancySettings\":" + tenancy.ToJsonString()), TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
    }

    [Theory]
    [InlineData("\"tableList\":[]")]
    [InlineData("\"tableList\":{}")]
    [InlineData("\"tableList\":[{\"schemaName\":\"public\",\"columns\":[{\"name\":\"id\"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"columns\":[{\"name\":\"id\"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"no_such\",\"schemaName\":\"public\",\"columns\":[{\"name\":\"id\"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"billing\",\"columns\":[{\"name\":\"id\"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"columns\":[]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\"}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"columns\":[{\"name\":\"nope\"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"columns\":[{\"alias\":\"x\"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"clientColumn\":\"nope\",\"columns\":[{\"name\":\"id\"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"isHide\":\"no\",\"columns\":[{\"name\":\"id\"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"columns\":[{\"name\":\"id\",\"isHide\":\"false\"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"columns\":[{\"name\":\"double_amount\",\"isCustomColumn\":true}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"columns\":[{\"name\":\"double_amount\",\"isCustomColumn\":true,\"sql\":\" \"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"columns\":[{\"name\":\"id\"},{\"name\":\"id\"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"columns\":[{\"name\":\"id\",\"colour\":\"red\"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"label\":3,\"columns\":[{\"name\":\"id\"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"indexPattern\":true,\"columns\":[{\"name\":\"id\"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"columns\":[{\"name\":\"id\",\"isAggregate\":\"yes\"}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"columns\":[{\"name\":\"id\",\"isApplyTimezone\":1}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"columns\":[{\"name\":\"id\",\"alias\":[]}]}]")]
    [InlineData("\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"columns\":[{\"name\":\"x\",\"isCustomColumn\":\"true\",\"sql\":\"1\"}]}]")]
    [InlineData("\"tenancySettings\":{\"primaryDatabase\":5}")]
    [InlineData("\"tenancySettings\":{\"tenancyLevel\":\"DATABASE\",\"primaryDatabase\":null}")]
    [InlineData("\"tenancySettings\":{\"tenancyLevel\":\"SCHEMA\"}")]
    [InlineData("\"tenancySettings\":{\"tenancyLevel\":\"DATABASE\",\"clientColumnType\":\"UUID\"}")]
    [InlineData("\"tenancySettings\":{\"tenancyLevel\":\"TABLE\",\"clientColumnType\":\"NUMBER\",\"schemaName\":\"public\",\"tableName\":\"nope\",\"tableClientNameColumn\":\"slug\",\"tablePrimaryKeyColumn\":\"id\"}")]
    [InlineData("\"tenancySettings\":[]")]
    [InlineData("\"relationships\":null")]
    [InlineData("\"relationships\":[{\"parentTableName\":\"customers\",\"parentColumnName\":\"id\",\"childTableName\":\"orders\",\"childColumnName\":\"customer_id\"}]")]
    [InlineData("\"relationships\":[{\"parentTableName\":\"customers\",\"parentColumnName\":\"id\",\"childTableName\":\"orders\",\"childColumnName\":\"customer_id\",\"relationshipName\":\"r\",\"cardinality\":\"OneToSome\"}]")]
    [InlineData("\"relationships\":[{\"parentTableName\":\"customers\",\"parentColumnName\":\"id\",\"childTableName\":\"orders\",\"childColumnName\":\"customer_id\",\"relationshipName\":\"r\",\"join\":\"CROSS JOIN\"}]")]
    [InlineData("\"relationships\":[{\"parentTableName\":\"invoices\",\"parentColumnName\":\"id\",\"childTableName\":\"orders\",\"childColumnName\":\"customer_id\",\"relationshipName\":\"r\"}]")]
    [InlineData("\"relationships\":[{\"parentTableName\":\"customers\",\"parentColumnName\":\"nope\",\"childTableName\":\"orders\",\"childColumnName\":\"customer_id\",\"relationshipName\":\"r\"}]")]
    [InlineData("\"tableList\":[" + OrdersTable + "],\"relationships\":[{\"parentTableName\":\"customers\",\"parentColumnName\":\"id\",\"childTableName\":\"orders\",\"childColumnName\":\"id\",\"relationshipName\":\"r\"}]")]
    [InlineData("\"newName\":\"x\"")]
    public async Task Invalid_updates_are_INVALID_REQUEST_BODY_and_change_nothing(string fields)
    {
        await using var emu = await TestEmulator.StartAsync();
        var before = await emu.StateAsync();
        (await emu.DataBrain("PUT", Path, Update(fields), TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
        Assert.Equal(before, await emu.StateAsync());
    }

    [Fact]
    public async Task Custom_column_with_sql_is_stored()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("PUT", Path, Update("""
            "tableList":[{"name":"orders","schemaName":"public","columns":[{"name":"amount"},{"name":"double_amount","isCustomColumn":true,"sql":"amount * 2","alias":"x2","isApplyTimezone":false}]}]
            """), TestEmulator.Service)).AssertOk();
        var column = (await ListedAsync(emu, "customer-analytics"))["datamartTables"]![0]!["datamartTableColumns"]![1]!;
        Assert.Equal("amount * 2", (string?)column["sql"]);
        Assert.Equal("x2", (string?)column["alias"]);
        Assert.True((bool)column["isCustomColumn"]!);
    }

    [Theory]
    [InlineData("""{"tableList":[]}""", "INVALID_REQUEST_BODY")]
    [InlineData("""{"datamartName":"Customer-Analytics"}""", "INVALID_DATAMART")]
    [InlineData("""{"datamartName":"nope","tableList":[]}""", "INVALID_DATAMART")]
    public async Task Update_needs_an_existing_datamartName(string body, string code)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("PUT", Path, body, TestEmulator.Service)).AssertDataBrainError(400, code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("nope")]
    [InlineData(TestEmulator.Demo)]
    public async Task A_data_app_key_or_bad_token_is_INVALID_DATA_APP_API_KEY_401(string? key)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.DataBrain("PUT", Path, Update("\"relationships\":[]"), key)).AssertDataBrainError(401, "INVALID_DATA_APP_API_KEY");
        (await emu.DataBrain("GET", Path, key: key)).AssertDataBrainError(401, "INVALID_DATA_APP_API_KEY");
    }

    [Fact]
    public async Task Create_list_and_delete_on_new_and_legacy_paths()
    {
        await using var emu = await TestEmulator.StartAsync();
        var create = "{\"name\":\"ops-mart\",\"datasourceName\":\"postgres-production\",\"tableList\":[" + OrdersTable + "]}";
        var r = (await emu.DataBrain("POST", Path, create, TestEmulator.Service)).AssertOk();
        Assert.Equal("ops-mart", (string?)r.Json!["id"]);
        Assert.Null(r.Json["error"]);
        Assert.Null((await ListedAsync(emu, "ops-mart"))["datamartOrganization"]);
        (await emu.DataBrain("POST", Path, create, TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");

        (await emu.DataBrain("POST", "/api/v2/dataApp/datamart/create", """{"name":"m2","datasourceName":"postgres-prod","tableList":[]}""", TestEmulator.Service)).AssertDataBrainError(400, "DATASOURCE_NAME_ERROR");
        (await emu.DataBrain("POST", "/api/v2/dataApp/datamart/create", "{\"name\":\"m2\",\"datasourceName\":\"postgres-production\",\"tableList\":[" + OrdersTable + "],\"tenancySettings\":{\"tenancyLevel\":\"TABLE\"}}", TestEmulator.Service)).AssertDataBrainError(400, "INVALID_TENANCY");
        (await emu.DataBrain("POST", "/api/v2/dataApp/datamart/create", "{\"name\":\"m2\",\"datasourceName\":\"postgres-production\",\"tableList\":[" + OrdersTable + "],\"tenancySettings\":{\"tenancyLevel\":\"DATABASE\"}}", TestEmulator.Service)).AssertOk();

        var legacyList = (await emu.DataBrain("POST", "/api/v2/dataApp/datamart/list", """{"isPagination":true,"pageNumber":1}""", TestEmulator.Service)).AssertOk();
        Assert.Equal(5, legacyList.Json!["data"]!.AsArray().Count);

        (await emu.DataBrain("DELETE", "/api/v2/data-app/datamart?datamartName=ops-mart", key: TestEmulator.Service)).AssertOk();
        (await emu.DataBrain("DELETE", "/api/v2/data-app/datamart?datamartName=ops-mart", key: TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
        (await emu.DataBrain("POST", "/api/v2/dataApp/datamart/delete", """{"datamartName":"m2"}""", TestEmulator.Service)).AssertOk();
        (await emu.DataBrain("DELETE", "/api/v2/data-app/datamart", key: TestEmulator.Service)).AssertDataBrainError(400, "INVALID_REQUEST_BODY");
        Assert.Equal(3, (await emu.DataBrain("GET", Path, key: TestEmulator.Service)).AssertOk().Json!["data"]!.AsArray().Count);
    }
}
