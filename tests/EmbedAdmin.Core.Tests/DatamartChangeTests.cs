using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>Every rule of docs.usedatabrain.com/api-reference/update-datamart (and of create), for every input shape, before anything is sent.</summary>
    public sealed class DatamartChangeTests : IDisposable
    {
        private readonly string folder = Path.Combine(Path.GetTempPath(), "ea-datamart-tests-" + Guid.NewGuid().ToString("N"));

        public DatamartChangeTests() => Directory.CreateDirectory(folder);

        public void Dispose() => Directory.Delete(folder, recursive: true);

        private static Hashtable Column(string name, params (string Key, object? Value)[] more)
        {
            var column = new Hashtable { ["name"] = name };
            foreach (var (key, value) in more)
            {
                column[key] = value;
            }

            return column;
        }

        private static Hashtable Table(string name, params Hashtable[] columns) => new() { ["name"] = name, ["schemaName"] = "public", ["columns"] = columns };

        private static readonly Hashtable Orders = Table("orders", Column("id"), Column("customer_id"), Column("amount", ("isAggregate", true)));

        private static DatamartChange Update(DatamartRequest request) => Assert.Single(DatamartChange.From(DatamartOperation.Update, request));

        private static EmbedAdminValidationException Rejected(DatamartRequest request, DatamartOperation operation = DatamartOperation.Update) =>
            Assert.Throws<EmbedAdminValidationException>(() => DatamartChange.From(operation, request));

        private static string[] Ids(EmbedAdminValidationException e) => e.Problems.Select(p => p.ErrorId).ToArray();

        private static string Json(DatamartChange change) => System.Text.Encoding.UTF8.GetString(change.ToUtf8Json());

        private string File(string name, string text)
        {
            var path = Path.Combine(folder, name);
            System.IO.File.WriteAllText(path, text);
            return path;
        }

        [Fact]
        public void AnUpdateSendsOnlyThePartsGiven()
        {
            var change = Update(new DatamartRequest { Name = " customer-analytics ", Tables = new[] { Orders } });

            Assert.Equal("customer-analytics", change.Name);
            Assert.Equal(new[] { "tableList" }, change.Parts);
            Assert.Equal(
                // Flags are always sent: the table list replaces the tables, so an absent flag would mean false as well.
                "{\"datamartName\":\"customer-analytics\",\"tableList\":[{\"name\":\"orders\",\"schemaName\":\"public\",\"isHide\":false,\"columns\":["
                + "{\"name\":\"id\",\"isHide\":false,\"isCustomColumn\":false,\"isAggregate\":false,\"isApplyTimezone\":false},"
                + "{\"name\":\"customer_id\",\"isHide\":false,\"isCustomColumn\":false,\"isAggregate\":false,\"isApplyTimezone\":false},"
                + "{\"name\":\"amount\",\"isHide\":false,\"isCustomColumn\":false,\"isAggregate\":true,\"isApplyTimezone\":false}]}]}",
                Json(change));
        }

        [Fact]
        public void ACreateUsesTheCreateShape()
        {
            var change = Assert.Single(DatamartChange.From(DatamartOperation.Create, new DatamartRequest { Name = "new-mart", DatasourceName = "postgres-production", Tables = Orders }));

            Assert.StartsWith("{\"name\":\"new-mart\",\"datasourceName\":\"postgres-production\",\"tableList\":[", Json(change));
        }

        [Fact]
        public void TheNameIsRequired() => Assert.Equal(new[] { "MissingDatamartName" }, Ids(Rejected(new DatamartRequest { Tables = Orders })));

        [Fact]
        public void AnUpdateMustChangeSomething() => Assert.Equal(new[] { "NoDatamartChanges" }, Ids(Rejected(new DatamartRequest { Name = "x", Tables = "", Tenancy = " " })));

        [Fact]
        public void ACreateNeedsADatasourceAndTables() =>
            Assert.Equal(new[] { "MissingDatasourceName", "EmptyTableList" }, Ids(Rejected(new DatamartRequest { Name = "x" }, DatamartOperation.Create)));

        [Fact]
        public void AnEmptyTableListIsRefused() => Assert.Equal(new[] { "EmptyTableList" }, Ids(Rejected(new DatamartRequest { Name = "x", Tables = "[]" })));

        [Fact]
        public void EveryTableNeedsANameAndColumns() =>
            Assert.Equal(new[] { "MissingTableName", "EmptyColumnList" }, Ids(Rejected(new DatamartRequest { Name = "x", Tables = new[] { Table("", Column("id")), Table("orders") } })));

        [Fact]
        public void EveryColumnNeedsAName() =>
            Assert.Equal(new[] { "MissingColumnName" }, Ids(Rejected(new DatamartRequest { Name = "x", Tables = Table("orders", Column("  ")) })));

        [Fact]
        public void ACustomColumnNeedsSql()
        {
            var error = Rejected(new DatamartRequest { Name = "x", Tables = Table("orders", Column("net", ("isCustomColumn", "yes"))) });

            Assert.Equal(new[] { "MissingSql" }, Ids(error));
            Assert.Contains("tableList[0] 'orders'.columns[0] 'net'", error.Message);
        }

        [Fact]
        public void SqlWithoutCustomColumnIsRefused() =>
            Assert.Equal(new[] { "UnexpectedSql" }, Ids(Rejected(new DatamartRequest { Name = "x", Tables = Table("orders", Column("net", ("sql", "amount - tax"))) })));

        [Fact]
        public void ACustomColumnWithAggregateAndTimezoneFlagsIsSent()
        {
            var change = Update(new DatamartRequest { Name = "x", Tables = Table("orders", Column("net", ("isCustomColumn", true), ("sql", "amount - tax"), ("isAggregate", "1"), ("isApplyTimezone", "no"))) });

            Assert.Contains("{\"name\":\"net\",\"isHide\":false,\"isCustomColumn\":true,\"sql\":\"amount - tax\",\"isAggregate\":true,\"isApplyTimezone\":false}", Json(change));
        }

        [Fact]
        public void DuplicatesAreRefused() =>
            Assert.Equal(new[] { "DuplicateColumn", "DuplicateTable" }, Ids(Rejected(new DatamartRequest { Name = "x", Tables = new[] { Table("orders", Column("id"), Column("id")), Table("orders", Column("id")) } })));

        [Fact]
        public void TheSameTableInTwoSchemasIsNotADuplicate()
        {
            var billing = Table("invoices", Column("id"));
            billing["schemaName"] = "billing";

            Assert.Equal(2, Update(new DatamartRequest { Name = "x", Tables = new[] { Table("invoices", Column("id")), billing } }).Tables!.Count);
        }

        [Fact]
        public void ABooleanWordItDoesNotKnowIsRefused()
        {
            var error = Rejected(new DatamartRequest { Name = "x", Tables = Table("orders", Column("id", ("isHide", "maybe"))) });

            Assert.Equal(new[] { "InvalidBooleanValue" }, Ids(error));
            Assert.Contains("isHide", error.Message);
        }

        [Fact]
        public void AMisspeltFieldIsRefusedNotDropped()
        {
            var error = Rejected(new DatamartRequest { Name = "x", Tables = Table("orders", Column("id", ("lable", "Id"))) });

            Assert.Equal(new[] { "UnknownField" }, Ids(error));
            Assert.Contains("lable", error.Message);
        }

        [Theory]
        [InlineData("[{\"name\":\"orders\"", "InvalidTableList")]
        [InlineData("orders", "InvalidTableList")]
        [InlineData("[\"orders\"]", "InvalidTableList")]
        [InlineData("[{\"name\":\"orders\",\"columns\":\"id\"}]", "InvalidTableList")]
        public void UnreadableTablesAreRefused(string tables, string id) => Assert.Equal(id, Rejected(new DatamartRequest { Name = "x", Tables = tables }).ErrorId);

        [Fact]
        public void TablesTakeTheApiShapeAsJsonText()
        {
            var change = Update(new DatamartRequest { Name = "x", Tables = "[{\"name\":\"orders\",\"schemaName\":\"public\",\"columns\":[{\"name\":\"id\"}]}]" });

            Assert.Equal("orders", change.Tables![0].Name);
        }

        [Fact]
        public void TablesTakeTheListShapeNamesToo()
        {
            var table = new Dictionary<string, object?> { ["tableName"] = "orders", ["datamartTableColumns"] = new object[] { new Dictionary<string, object?> { ["columnName"] = "id", ["datatype"] = "NUMBER" } } };

            Assert.Equal("id", Update(new DatamartRequest { Name = "x", Tables = table }).Tables![0].Columns[0].Name);
        }

        [Fact]
        public void TypedObjectsFromGetDatamartAreTakenAsTheyAre()
        {
            var datamart = DatamartListTests.FromList(DatamartListTests.ListItemJson);
            datamart.Tables[0].Columns[1].Label = "Order amount";

            var change = Update(new DatamartRequest { Name = datamart.Name, Tables = datamart.Tables, Tenancy = datamart.Tenancy, Relationships = new List<DatamartRelationship>() });

            Assert.Equal("Order amount", change.Tables![0].Columns[1].Label);
            Assert.Equal("TABLE", change.Tenancy!.TenancyLevel);
            Assert.Equal(new[] { "tableList", "tenancySettings", "relationships" }, change.Parts);
        }

        [Fact]
        public void TableTenancyNeedsItsFiveFields()
        {
            var error = Rejected(new DatamartRequest { Name = "x", Tenancy = new Hashtable { ["tenancyLevel"] = "table", ["schemaName"] = "public" } });

            Assert.Equal(new[] { "MissingTenancyField" }, Ids(error));
            Assert.Contains("clientColumnType, tableName, tableClientNameColumn, tablePrimaryKeyColumn", error.Message);
        }

        [Fact]
        public void TenancyValuesAreSentInTheApiSpelling()
        {
            var tenancy = Update(new DatamartRequest
            {
                Name = "x",
                Tenancy = "{\"tenancyLevel\":\"table\",\"clientColumnType\":\"string\",\"schemaName\":\"public\",\"tableName\":\"tenants\",\"tableClientNameColumn\":\"slug\",\"tablePrimaryKeyColumn\":\"id\"}",
            }).Tenancy!;

            Assert.Equal(("TABLE", "STRING"), (tenancy.TenancyLevel, tenancy.ClientColumnType));
        }

        [Theory]
        [InlineData("SCHEMA", null, "InvalidTenancyLevel")]
        [InlineData("DATABASE", "TEXT", "InvalidClientColumnType")]
        public void TenancyEnumerationsAreChecked(string level, string? type, string id) =>
            Assert.Contains(id, Ids(Rejected(new DatamartRequest { Name = "x", Tenancy = new Hashtable { ["tenancyLevel"] = level, ["clientColumnType"] = type } })));

        [Fact]
        public void DatabaseTenancyTakesOnlyThePrimaryDatabase()
        {
            Assert.Equal("{\"datamartName\":\"x\",\"tenancySettings\":{\"tenancyLevel\":\"MULTI_DATABASE\",\"primaryDatabase\":\"EU\"}}", Json(Update(new DatamartRequest { Name = "x", Tenancy = new Hashtable { ["tenancyLevel"] = "multi_database", ["primaryDatabase"] = "EU" } })));
            Assert.Equal(new[] { "UnexpectedTenancyField" }, Ids(Rejected(new DatamartRequest { Name = "x", Tenancy = new Hashtable { ["tenancyLevel"] = "DATABASE", ["schemaName"] = "public" } })));
        }

        [Fact]
        public void PrimaryDatabaseNeedsADatabaseLevel()
        {
            Assert.Equal(new[] { "UnexpectedTenancyField" }, Ids(Rejected(new DatamartRequest { Name = "x", Tenancy = new Hashtable { ["primaryDatabase"] = "EU" } })));
            var table = new Hashtable { ["tenancyLevel"] = "TABLE", ["clientColumnType"] = "NUMBER", ["schemaName"] = "s", ["tableName"] = "t", ["tableClientNameColumn"] = "c", ["tablePrimaryKeyColumn"] = "k", ["primaryDatabase"] = "EU" };
            Assert.Equal(new[] { "UnexpectedTenancyField" }, Ids(Rejected(new DatamartRequest { Name = "x", Tenancy = table })));
        }

        [Fact]
        public void AnUpdateMayOverlayTableFieldsWithoutALevel() =>
            Assert.Equal("{\"datamartName\":\"x\",\"tenancySettings\":{\"tableName\":\"clients\"}}", Json(Update(new DatamartRequest { Name = "x", Tenancy = new Hashtable { ["tableName"] = "clients" } })));

        [Fact]
        public void EmptyTenancyIsRefused() => Assert.Equal(new[] { "EmptyTenancySettings" }, Ids(Rejected(new DatamartRequest { Name = "x", Tenancy = new Hashtable() })));

        [Fact]
        public void ACreateNeedsATenancyLevel() =>
            Assert.Contains("MissingTenancyField", Ids(Rejected(new DatamartRequest { Name = "x", DatasourceName = "d", Tables = Orders, Tenancy = new Hashtable { ["tableName"] = "t" } }, DatamartOperation.Create)));

        [Fact]
        public void TenancyParametersOverlayTheTenancyObject()
        {
            var change = Update(new DatamartRequest
            {
                Name = "x",
                Tenancy = new Hashtable { ["tenancyLevel"] = "TABLE", ["clientColumnType"] = "NUMBER", ["schemaName"] = "public", ["tableName"] = "tenants", ["tableClientNameColumn"] = "slug", ["tablePrimaryKeyColumn"] = "id" },
                TenancyValues = new Dictionary<string, object?> { ["ClientColumnType"] = "string", ["TenancyTableName"] = "clients", ["PrimaryDatabase"] = "" },
            });

            Assert.Equal(("STRING", "clients", "slug"), (change.Tenancy!.ClientColumnType, change.Tenancy.TableName, change.Tenancy.TableClientNameColumn));
        }

        [Fact]
        public void ATenancyLevelParameterForAnotherLevelReplacesTheTenancyObject()
        {
            var change = Update(new DatamartRequest
            {
                Name = "x",
                Tenancy = new Hashtable { ["tenancyLevel"] = "TABLE", ["clientColumnType"] = "NUMBER", ["schemaName"] = "public", ["tableName"] = "tenants", ["tableClientNameColumn"] = "slug", ["tablePrimaryKeyColumn"] = "id" },
                TenancyValues = new Dictionary<string, object?> { ["TenancyLevel"] = "database", ["PrimaryDatabase"] = "EU" },
            });

            Assert.Equal("{\"datamartName\":\"x\",\"tenancySettings\":{\"tenancyLevel\":\"DATABASE\",\"primaryDatabase\":\"EU\"}}", Json(change));
        }

        [Fact]
        public void TenancyParametersAloneMakeTheTenancy()
        {
            var change = Update(new DatamartRequest { Name = "x", TenancyValues = new Dictionary<string, object?> { ["TenancyLevel"] = "database", ["PrimaryDatabase"] = "FINANCE_DB" } });

            Assert.Equal("{\"datamartName\":\"x\",\"tenancySettings\":{\"tenancyLevel\":\"DATABASE\",\"primaryDatabase\":\"FINANCE_DB\"}}", Json(change));
        }

        [Fact]
        public void ATenancyParameterOutsideItsChoicesIsInvalid() =>
            Assert.Equal(new[] { "InvalidTenancyLevel" }, Ids(Rejected(new DatamartRequest { Name = "x", TenancyValues = new Dictionary<string, object?> { ["TenancyLevel"] = "ROW" } })));

        [Fact]
        public void RelationshipsNeedTheirFiveNames()
        {
            var error = Rejected(new DatamartRequest { Name = "x", Relationships = new Hashtable { ["parentTableName"] = "customers", ["relationshipName"] = "r" } });

            Assert.Equal(new[] { "MissingRelationshipField" }, Ids(error));
            Assert.Contains("parentColumnName, childTableName, childColumnName", error.Message);
        }

        private static Hashtable Relationship(string? cardinality, string? join) => new()
        {
            ["parentTableName"] = "orders", ["parentColumnName"] = "id", ["childTableName"] = "orders", ["childColumnName"] = "customer_id",
            ["relationshipName"] = "r", ["cardinality"] = cardinality, ["joinType"] = join,
        };

        [Theory]
        [InlineData("onetomany", "left join", "OneToMany", "LEFT JOIN")]
        [InlineData("ManyToOne", "inner", "ManyToOne", "INNER JOIN")]
        [InlineData(null, null, null, null)]
        [InlineData("", " ", null, null)]
        public void CardinalityAndJoinAreOptionalAndNormalized(string? cardinality, string? join, string? sentCardinality, string? sentJoin)
        {
            var relationship = Update(new DatamartRequest { Name = "x", Relationships = Relationship(cardinality, join) }).Relationships!.Single();

            Assert.Equal((sentCardinality, sentJoin), (relationship.Cardinality, relationship.JoinType));
        }

        [Theory]
        [InlineData("OneToFew", null, "InvalidCardinality")]
        [InlineData(null, "CROSS JOIN", "InvalidJoinType")]
        public void CardinalityAndJoinAreChecked(string? cardinality, string? join, string id) =>
            Assert.Equal(new[] { id }, Ids(Rejected(new DatamartRequest { Name = "x", Relationships = Relationship(cardinality, join) })));

        [Fact]
        public void NoRelationshipsMeansRemoveThemAll() =>
            Assert.Equal("{\"datamartName\":\"x\",\"relationships\":[]}", Json(Update(new DatamartRequest { Name = "x", Relationships = Array.Empty<object>() })));

        [Fact]
        public void RelationshipsMustFitTheTablesSentWithThem()
        {
            var broken = Relationship(null, null);
            broken["childColumnName"] = "nope";
            var away = Relationship(null, null);
            away["parentTableName"] = "customers";

            Assert.Equal(new[] { "UnknownRelationshipColumn", "UnknownRelationshipTable" }, Ids(Rejected(new DatamartRequest { Name = "x", Tables = Orders, Relationships = new[] { broken, away } })));
        }

        [Fact]
        public void TablesAndAColumnsFileCannotBothGiveTheTableList()
        {
            var csv = File("c.csv", "TableName,ColumnName\norders,id\n");

            Assert.Contains("ConflictingTableInput", Ids(Rejected(new DatamartRequest { Name = "x", Tables = Orders, ColumnsPath = csv })));
        }

        [Fact]
        public void AColumnsFileGivesTheTableList()
        {
            var csv = File("c.csv", "TableName,SchemaName,TableLabel,ColumnName,Label,IsCustomColumn,Sql\norders,public,Orders,id,,,\norders,public,,net,Net,yes,\"amount - tax\"\ncustomers,public,,id,,,\n");

            var tables = Update(new DatamartRequest { Name = "x", ColumnsPath = csv }).Tables!;

            Assert.Equal(new[] { "orders", "customers" }, tables.Select(t => t.Name));
            Assert.Equal("Orders", tables[0].Label);
            Assert.Equal(("net", "Net", true, "amount - tax"), (tables[0].Columns[1].Name, tables[0].Columns[1].Label, tables[0].Columns[1].IsCustomColumn, tables[0].Columns[1].Sql));
        }

        [Fact]
        public void AColumnsFileNamingSeveralDatamartsGivesOneChangeEach()
        {
            var csv = File("c.csv", "DatamartName,TableName,ColumnName\nsales,orders,id\nfinance,GL,ENTRY_ID\nsales,orders,amount\n");

            var changes = DatamartChange.From(DatamartOperation.Update, new DatamartRequest { ColumnsPath = csv });

            Assert.Equal(new[] { "sales", "finance" }, changes.Select(c => c.Name));
            Assert.Equal(new[] { "id", "amount" }, changes[0].Tables![0].Columns.Select(c => c.Name));
        }

        [Fact]
        public void AColumnsFileForAnotherDatamartIsRefused() =>
            Assert.Equal(new[] { "DatamartNameMismatch" }, Ids(Rejected(new DatamartRequest { Name = "sales", ColumnsPath = File("c.csv", "DatamartName,TableName,ColumnName\nfinance,GL,ENTRY_ID\n") })));

        [Fact]
        public void SeveralDatamartsCannotShareOneTenancy() =>
            Assert.Equal(new[] { "AmbiguousDatamartInput" }, Ids(Rejected(new DatamartRequest
            {
                ColumnsPath = File("c.csv", "DatamartName,TableName,ColumnName\nsales,orders,id\nfinance,GL,ENTRY_ID\n"),
                TenancyValues = new Dictionary<string, object?> { ["TenancyLevel"] = "DATABASE" },
            })));

        [Fact]
        public void ADefinitionFileInTheUpdateShapeIsRead()
        {
            var path = File("d.json", "{ // a comment\n \"datamartName\": \"x\", \"tableList\": [{\"name\":\"orders\",\"columns\":[{\"name\":\"id\"}]}], \"relationships\": [], }");

            var change = Update(new DatamartRequest { DefinitionPath = path });

            Assert.Equal("x", change.Name);
            Assert.Equal(new[] { "tableList", "relationships" }, change.Parts);
        }

        [Fact]
        public void ParametersOverrideTheFilePartByPart()
        {
            var path = File("d.json", "{\"datamartName\":\"x\",\"tableList\":[{\"name\":\"orders\",\"columns\":[{\"name\":\"id\"}]}],\"tenancySettings\":{\"tenancyLevel\":\"DATABASE\"}}");

            var change = Update(new DatamartRequest { DefinitionPath = path, Tables = Table("customers", Column("id")) });

            Assert.Equal("customers", change.Tables!.Single().Name);
            Assert.Equal("DATABASE", change.Tenancy!.TenancyLevel);
        }

        [Fact]
        public void ACreateShapedFileWorksForCreate()
        {
            var path = File("d.json", "{\"name\":\"copy\",\"datasourceName\":\"postgres-production\",\"tableList\":[{\"name\":\"orders\",\"columns\":[{\"name\":\"id\"}]}]}");

            var change = Assert.Single(DatamartChange.From(DatamartOperation.Create, new DatamartRequest { DefinitionPath = path }));

            Assert.Equal(("copy", "postgres-production"), (change.Name, change.DatasourceName));
        }

        [Fact]
        public void AFileForAnotherDatamartIsRefused() =>
            Assert.Contains("DatamartNameMismatch", Ids(Rejected(new DatamartRequest { Name = "y", DefinitionPath = File("d.json", "{\"datamartName\":\"x\",\"relationships\":[]}") })));

        [Theory]
        [InlineData("{\"datamartName\":\"x\",\"tablelists\":[]}", "UnknownField")]
        [InlineData("{\"datamartName\":\"x\",", "InvalidDefinitionFile")]
        [InlineData("[1,2]", "InvalidDefinitionFile")]
        public void ABadDefinitionFileIsRefused(string text, string id) => Assert.Equal(id, Rejected(new DatamartRequest { DefinitionPath = File("d.json", text) }).ErrorId);

        [Fact]
        public void AMissingDefinitionFileIsRefused() =>
            Assert.Equal("DefinitionFileNotFound", Rejected(new DatamartRequest { DefinitionPath = Path.Combine(folder, "nope.json") }).ErrorId);

        [Fact]
        public void EveryBrokenRuleIsListedUnderTheFirstId()
        {
            var error = Rejected(new DatamartRequest { Tables = Table("orders", Column("net", ("isCustomColumn", true))), Relationships = Relationship("Lots", null) });

            Assert.Equal(new[] { "InvalidCardinality", "MissingDatamartName", "MissingSql", "UnknownRelationshipColumn" }, Ids(error).Distinct().OrderBy(x => x, StringComparer.Ordinal));
            Assert.Equal(error.Problems[0].ErrorId, error.ErrorId);
        }

        [Fact]
        public void DescribeSummarisesTheParts() =>
            Assert.Equal("tableList (1 tables, 3 columns), relationships (0)", Update(new DatamartRequest { Name = "x", Tables = Orders, Relationships = Array.Empty<object>() }).Describe());
    }
}
