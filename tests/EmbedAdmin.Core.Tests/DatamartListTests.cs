using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>The list response shape to the model, and the model to the update request shape, both ways.</summary>
    public class DatamartListTests
    {
        // The list-datamarts page's shape, with every field it documents (and the three the emulator adds).
        internal const string ListItemJson = """
            {
              "name": "sales-analytics",
              "datamartOrganization": { "tenancyLevel": "TABLE", "schemaName": "public", "tableName": "tenants", "clientColumnType": "NUMBER",
                                        "tableClientNameColumn": "slug", "tablePrimaryKeyColumn": "id", "primaryDatabase": null },
              "companyIntegration": { "name": "postgres-production" },
              "datamartTables": [
                { "schemaName": "public", "tableName": "orders", "label": "Orders", "clientColumn": "tenant_id", "isHide": false, "indexPattern": null,
                  "datamartTableColumns": [
                    { "columnName": "id", "datatype": "NUMBER", "alias": null, "label": null, "isHide": false, "isCustomColumn": false, "sql": null, "isApplyTimezone": false },
                    { "columnName": "amount", "datatype": "NUMBER", "alias": "order_amount", "label": "Amount", "isHide": true, "isCustomColumn": false, "sql": "", "isAggregate": true, "isApplyTimezone": false },
                    { "columnName": "net", "datatype": "NUMBER", "isCustomColumn": true, "sql": "amount - tax", "isApplyTimezone": false },
                    { "columnName": "placed_at", "datatype": "DATETIME", "isApplyTimezone": true }
                  ] }
              ],
              "datamartRelationships": [
                { "parentTableName": "customers", "parentColumnName": "id", "childTableName": "orders", "childColumnName": "customer_id",
                  "relationshipName": "orders_to_customers", "cardinality": "OneToMany", "join": "LEFT JOIN" },
                { "parentTableName": "a", "parentColumnName": "b", "childTableName": "c", "childColumnName": "d", "relationshipName": "e", "cardinality": null, "join": null }
              ]
            }
            """;

        internal static Datamart FromList(string json) => DatamartFields.FromList((System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(json)!);

        private static string Json<T>(T value) => JsonSerializer.Serialize(value, EmbedAdminJson.Options);

        [Fact]
        public void TheListShapeBecomesTheModel()
        {
            var datamart = FromList(ListItemJson);

            Assert.Equal("sales-analytics", datamart.Name);
            Assert.Equal("postgres-production", datamart.DatasourceName);
            var table = Assert.Single(datamart.Tables);
            Assert.Equal(("orders", "public", "Orders", "tenant_id", false), (table.Name, table.SchemaName, table.Label, table.ClientColumn, table.IsHide));
            Assert.Equal(new[] { "id", "amount", "net", "placed_at" }, table.Columns.Select(c => c.Name));
            var amount = table.Columns[1];
            Assert.Equal(("NUMBER", "order_amount", "Amount", true, true), (amount.Datatype, amount.Alias, amount.Label, amount.IsHide, amount.IsAggregate));
            Assert.Null(amount.Sql);
            Assert.Equal("amount - tax", table.Columns[2].Sql);
            Assert.True(table.Columns[2].IsCustomColumn);
            Assert.True(table.Columns[3].IsApplyTimezone);
            Assert.Equal(2, datamart.Relationships.Count);
            Assert.Equal(("customers", "id", "orders", "customer_id", "orders_to_customers", "OneToMany", "LEFT JOIN"), Tuple(datamart.Relationships[0]));
            Assert.Null(datamart.Relationships[1].Cardinality);
            Assert.Null(datamart.Relationships[1].JoinType);
        }

        private static (string, string, string, string, string, string?, string?) Tuple(DatamartRelationship r) =>
            (r.ParentTableName, r.ParentColumnName, r.ChildTableName, r.ChildColumnName, r.RelationshipName, r.Cardinality, r.JoinType);

        [Fact]
        public void TableTenancyKeepsOnlyTheTableFields()
        {
            var tenancy = FromList(ListItemJson).Tenancy!;

            Assert.Equal(("TABLE", "NUMBER", "public", "tenants", "slug", "id"), (tenancy.TenancyLevel, tenancy.ClientColumnType, tenancy.SchemaName, tenancy.TableName, tenancy.TableClientNameColumn, tenancy.TablePrimaryKeyColumn));
            Assert.Null(tenancy.PrimaryDatabase);
        }

        [Theory]
        [InlineData("DATABASE")]
        [InlineData("MULTI_DATABASE")]
        public void DatabaseTenancyKeepsOnlyThePrimaryDatabase(string level)
        {
            var tenancy = FromList("{\"name\":\"f\",\"datamartOrganization\":{\"tenancyLevel\":\"" + level + "\",\"schemaName\":\"stale\",\"clientColumnType\":\"STRING\",\"primaryDatabase\":\"FINANCE_DB\"}}").Tenancy!;

            Assert.Equal(level, tenancy.TenancyLevel);
            Assert.Equal("FINANCE_DB", tenancy.PrimaryDatabase);
            Assert.Null(tenancy.SchemaName);
            Assert.Null(tenancy.ClientColumnType);
        }

        [Theory]
        [InlineData("{\"name\":\"x\"}")]
        [InlineData("{\"name\":\"x\",\"datamartOrganization\":null,\"datamartTables\":null,\"datamartRelationships\":null}")]
        [InlineData("{\"name\":\"x\",\"datamartOrganization\":{\"tenancyLevel\":null,\"schemaName\":null}}")]
        public void MissingPartsAreEmptyNotErrors(string json)
        {
            var datamart = FromList(json);

            Assert.Null(datamart.Tenancy);
            Assert.Empty(datamart.Tables);
            Assert.Empty(datamart.Relationships);
        }

        [Fact]
        public void TheModelBecomesTheUpdateShape()
        {
            var body = DatamartFields.UpdateBody(FromList(ListItemJson));

            Assert.Equal(
                "{\"datamartName\":\"sales-analytics\",\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"label\":\"Orders\",\"clientColumn\":\"tenant_id\",\"isHide\":false,\"columns\":["
                + "{\"name\":\"id\",\"isHide\":false,\"isCustomColumn\":false,\"isAggregate\":false,\"isApplyTimezone\":false},"
                + "{\"name\":\"amount\",\"alias\":\"order_amount\",\"label\":\"Amount\",\"isHide\":true,\"isCustomColumn\":false,\"isAggregate\":true,\"isApplyTimezone\":false},"
                + "{\"name\":\"net\",\"isHide\":false,\"isCustomColumn\":true,\"sql\":\"amount - tax\",\"isAggregate\":false,\"isApplyTimezone\":false},"
                + "{\"name\":\"placed_at\",\"isHide\":false,\"isCustomColumn\":false,\"isAggregate\":false,\"isApplyTimezone\":true}]}],"
                + "\"tenancySettings\":{\"tenancyLevel\":\"TABLE\",\"clientColumnType\":\"NUMBER\",\"schemaName\":\"public\",\"tableName\":\"tenants\",\"tableClientNameColumn\":\"slug\",\"tablePrimaryKeyColumn\":\"id\"},"
                + "\"relationships\":[{\"parentTableName\":\"customers\",\"parentColumnName\":\"id\",\"childTableName\":\"orders\",\"childColumnName\":\"customer_id\",\"relationshipName\":\"orders_to_customers\",\"cardinality\":\"OneToMany\",\"join\":\"LEFT JOIN\"},"
                + "{\"parentTableName\":\"a\",\"parentColumnName\":\"b\",\"childTableName\":\"c\",\"childColumnName\":\"d\",\"relationshipName\":\"e\"}]}",
                body.ToJsonString(EmbedAdminJson.Options));
        }

        [Fact]
        public void ListToModelToBodyToModelLosesNothingButTheReadOnlyDatatype()
        {
            var model = FromList(ListItemJson);
            var again = DatamartFields.FromList(DatamartFields.UpdateBody(model));
            again.Name = model.Name;
            again.DatasourceName = model.DatasourceName;
            foreach (var column in model.Tables.SelectMany(t => t.Columns))
            {
                column.Datatype = null;
            }

            Assert.Equal(Json(model), Json(again));
            Assert.Empty(DatamartPlan.Diff(model, again));
        }

        [Fact]
        public void BodyToModelToBodyIsTheSameRequest()
        {
            var body = DatamartFields.UpdateBody(FromList(ListItemJson));
            body["datamartName"] = null;
            var again = DatamartFields.UpdateBody(DatamartFields.FromList(body));
            again["datamartName"] = null;

            Assert.Equal(body.ToJsonString(EmbedAdminJson.Options), again.ToJsonString(EmbedAdminJson.Options));
        }

        [Fact]
        public void ColumnRowsRepeatTheTableOnEveryColumn()
        {
            var rows = ColumnsCsv.Rows(FromList(ListItemJson)).ToList();

            Assert.Equal(4, rows.Count);
            Assert.All(rows, r => Assert.Equal(("sales-analytics", "public", "orders", "Orders", "tenant_id"), (r.DatamartName, r.SchemaName, r.TableName, r.TableLabel, r.TableClientColumn)));
            Assert.Equal(new[] { "id", "amount", "net", "placed_at" }, rows.Select(r => r.ColumnName));
            Assert.Equal("amount - tax", rows[2].Sql);
            Assert.True(rows[1].IsAggregate);
        }

        [Fact]
        public void EmptyTextIsNeverSent()
        {
            var body = DatamartFields.Table.ToJson(new DatamartTable { Name = "t", SchemaName = " ", Label = "", Columns = new List<DatamartColumn> { new() { Name = "c", Alias = "" } } });

            Assert.Equal("{\"name\":\"t\",\"isHide\":false,\"columns\":[{\"name\":\"c\",\"isHide\":false,\"isCustomColumn\":false,\"isAggregate\":false,\"isApplyTimezone\":false}]}", body.ToJsonString(EmbedAdminJson.Options));
        }
    }
}
