using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>The datamart field tables, and what is derived from them.</summary>
    public class DatamartFieldsTests
    {
        public static IEnumerable<object[]> Tables() => new[]
        {
            new object[] { DatamartFields.Tenancy }, new object[] { DatamartFields.Table }, new object[] { DatamartFields.Column },
            new object[] { DatamartFields.Relationship }, new object[] { DatamartFields.Update }, new object[] { DatamartFields.Create },
        };

        [Theory]
        [MemberData(nameof(Tables))]
        public void EveryFieldReadsIntoAPropertyOfItsOwn(FieldTable table)
        {
            var properties = table.Fields.Select(f => f.Property).ToList();
            Assert.Equal(properties.Count, properties.Distinct().Count());
            Assert.All(properties, p => Assert.NotNull(table.Model.GetProperty(Assert.IsType<string>(p))));
        }

        [Theory]
        [InlineData("tenancyLevel", "TenancyLevel")]
        [InlineData("TenancySchemaName", "TenancySchemaName")]
        [InlineData("tableClientNameColumn", "TableClientNameColumn")]
        public void ATenancyColumnFindsItsField(string column, string parameter) =>
            Assert.Equal(parameter, DatamartFields.Tenancy.Find(column)?.Parameter);

        [Theory]
        [InlineData("schemaName")]
        [InlineData("tableName")]
        public void TheBareTenancyTableNamesAreNoColumnsOfADatamartRow(string column)
        {
            // In a row they would as well mean a table of the table list; inside a tenancy object they are the API's keys.
            Assert.Null(DatamartFields.Tenancy.Find(column));
            Assert.NotNull(DatamartFields.Tenancy.FindKey(column));
        }

        [Fact]
        public void AnExportNamesAFieldThatIsNoColumnByItsParameter() =>
            Assert.Equal(
                new[] { "tenancyLevel", "clientColumnType", "TenancySchemaName", "TenancyTableName", "tableClientNameColumn", "tablePrimaryKeyColumn", "primaryDatabase" },
                DatamartFields.Tenancy.Columns(new DatamartTenancy()).Select(c => c.Key));

        [Fact]
        public void TheColumnRowsHaveAColumnForEveryTableAndColumnField()
        {
            Assert.Equal(typeof(DatamartColumnRow).GetProperties().Select(p => p.Name).OrderBy(n => n), ColumnsCsv.HeaderNames.OrderBy(n => n));
            var fields = DatamartFields.Table.Fields.Count(f => f.Kind != FieldKind.Custom) + DatamartFields.Column.Fields.Count;
            Assert.Equal(fields + DatamartFields.Column.ReadOnlyColumns.Count + 1, ColumnsCsv.HeaderNames.Count);
        }

        [Fact]
        public void ColumnRowsReadBackAsTheSameTables()
        {
            var datamart = DatamartListTests.FromList(DatamartListTests.ListItemJson);
            var csv = string.Join("\n", new[] { string.Join(",", ColumnsCsv.HeaderNames) }.Concat(ColumnsCsv.Rows(datamart).Select(row =>
                string.Join(",", ColumnsCsv.HeaderNames.Select(h => Cell(typeof(DatamartColumnRow).GetProperty(h)!.GetValue(row)))))));
            var problems = new List<ValidationProblem>();

            var group = Assert.Single(ColumnsCsv.Group(ColumnsCsv.Parse(csv), problems));

            Assert.Empty(problems);
            Assert.Equal("sales-analytics", group.DatamartName);
            Assert.Empty(DatamartPlan.Diff(datamart, new Datamart { Name = datamart.Name, Tables = group.Tables, Tenancy = datamart.Tenancy, Relationships = datamart.Relationships }));
        }

        [Fact]
        public void TheListShapeAndTheRequestShapeReadTheSame()
        {
            var list = DatamartListTests.FromList(DatamartListTests.ListItemJson);
            var request = DatamartFields.FromList(DatamartFields.UpdateBody(list));

            Assert.Empty(DatamartPlan.Diff(list, request));
            Assert.Equal(DatamartFields.UpdateBody(list).ToJsonString(EmbedAdminJson.Options), DatamartFields.UpdateBody(request).ToJsonString(EmbedAdminJson.Options));
        }

        [Theory]
        [InlineData("DATABASE", new[] { "tenancyLevel", "primaryDatabase" })]
        [InlineData("TABLE", new[] { "tenancyLevel", "clientColumnType", "schemaName", "tableName", "tableClientNameColumn", "tablePrimaryKeyColumn" })]
        public void TheListKeepsOnlyTheTenancyFieldsTheLevelUses(string level, string[] kept)
        {
            var item = JsonNode.Parse($$"""
                { "name": "m", "datamartOrganization": { "tenancyLevel": "{{level}}", "clientColumnType": "NUMBER", "schemaName": "public", "tableName": "tenants",
                  "tableClientNameColumn": "slug", "tablePrimaryKeyColumn": "id", "primaryDatabase": "EU" } }
                """)!.AsObject();

            var tenancy = DatamartFields.FromList(item).Tenancy!;

            Assert.Equal(kept, DatamartFields.Tenancy.ToJson(tenancy).Select(p => p.Key));
        }

        [Fact]
        public void AnUnknownKeyIsRefusedNamingTheTablesFields()
        {
            var problems = new List<ValidationProblem>();

            DatamartInput.ReadTenancy(new Dictionary<string, object?> { ["tenancyLevel"] = "TABLE", ["tenantTable"] = "x" }, "Tenancy", problems);

            var problem = Assert.Single(problems);
            Assert.Equal("UnknownField", problem.ErrorId);
            Assert.Contains(string.Join(", ", DatamartFields.Tenancy.Fields.Select(f => f.ApiName)), problem.Rule);
        }

        [Fact]
        public void AnEmptyRelationshipListIsSentToRemoveThemAll() =>
            Assert.Equal(
                "{\"datamartName\":\"m\",\"relationships\":[]}",
                DatamartFields.UpdateBody("m", null, null, new List<DatamartRelationship>()).ToJsonString(EmbedAdminJson.Options));

        private static string Cell(object? value) => value switch
        {
            null => string.Empty,
            bool flag => flag ? "true" : "false",
            string text when text.Contains(',') || text.Contains('"') => "\"" + text.Replace("\"", "\"\"") + "\"",
            _ => value.ToString()!,
        };
    }
}
