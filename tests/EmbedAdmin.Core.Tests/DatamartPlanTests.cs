using System.Collections;
using System.Collections.Generic;
using System.Linq;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Models;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>The expected result of an update and the -WhatIf diff lines.</summary>
    public class DatamartPlanTests
    {
        private static Datamart Current() => DatamartListTests.FromList(DatamartListTests.ListItemJson);

        private static DatamartChange Change(DatamartRequest request)
        {
            request.Name ??= "sales-analytics";
            return Assert.Single(DatamartChange.From(DatamartOperation.Update, request));
        }

        private static List<DatamartTable> EditedTables(System.Action<List<DatamartTable>> edit)
        {
            var tables = Current().Tables;
            edit(tables);
            return tables;
        }

        [Fact]
        public void SendingTheCurrentDefinitionChangesNothing()
        {
            var current = Current();
            var plan = DatamartPlan.Create(current, Change(new DatamartRequest { Tables = current.Tables, Tenancy = current.Tenancy, Relationships = current.Relationships.Take(0).ToList() }));

            Assert.Equal(new[] { "relationship orders_to_customers: removed", "relationship e: removed" }, plan.Changes);
            Assert.Empty(DatamartPlan.Create(current, Change(new DatamartRequest { Tenancy = current.Tenancy })).Changes);
        }

        [Fact]
        public void ColumnChangesNameTheColumnAndEachPropertyOldAndNew()
        {
            var tables = EditedTables(t =>
            {
                var amount = t[0].Columns[1];
                amount.Label = null;
                amount.IsHide = false;
                amount.Alias = "total";
                t[0].Columns.RemoveAt(3);
                t[0].Columns.Add(new DatamartColumn { Name = "status" });
                t[0].Columns.Add(new DatamartColumn { Name = "gross", IsCustomColumn = true, Sql = "amount + tax" });
            });

            var plan = DatamartPlan.Create(Current(), Change(new DatamartRequest { Tables = tables, Relationships = new List<DatamartRelationship>() }));

            Assert.Equal(
                new[]
                {
                    "column public.orders.status: added",
                    "column public.orders.gross: added (custom: amount + tax)",
                    "column public.orders.placed_at: removed",
                    "column public.orders.amount: alias 'order_amount' -> 'total'; label 'Amount' -> (none); isHide true -> false",
                },
                plan.Changes.Where(l => l.StartsWith("column")));
        }

        [Fact]
        public void TableChangesNameTheTable()
        {
            var tables = EditedTables(t =>
            {
                t[0].Label = "Sales orders";
                t[0].IsHide = true;
                t.Add(new DatamartTable { Name = "customers", SchemaName = "public", Columns = new List<DatamartColumn> { new() { Name = "id" }, new() { Name = "name" } } });
            });

            var plan = DatamartPlan.Create(Current(), Change(new DatamartRequest { Tables = tables }));

            Assert.Equal(new[] { "table public.customers: added (2 columns: id, name)", "table public.orders: label 'Orders' -> 'Sales orders'; isHide false -> true" }, plan.Changes);
        }

        [Fact]
        public void ATableSentWithoutSchemaKeepsTheCurrentOneSoItIsNotAddedAndRemoved()
        {
            var tables = Current().Tables;
            tables[0].SchemaName = null;

            var plan = DatamartPlan.Create(Current(), Change(new DatamartRequest { Tables = tables }));

            Assert.Empty(plan.Changes);
            Assert.Equal("public", plan.Predicted.Tables[0].SchemaName);
        }

        [Fact]
        public void ARemovedTableIsOneLine()
        {
            var current = Current();
            current.Tables.Add(new DatamartTable { Name = "old", Columns = new List<DatamartColumn> { new() { Name = "id" } } });

            Assert.Equal(new[] { "table old: removed (1 column)" }, DatamartPlan.Create(current, Change(new DatamartRequest { Tables = Current().Tables })).Changes);
        }

        [Fact]
        public void TableTenancyReplacesTheSettings()
        {
            var plan = DatamartPlan.Create(Current(), Change(new DatamartRequest { TenancyValues = new Dictionary<string, object?> { ["TenancyLevel"] = "DATABASE", ["PrimaryDatabase"] = "EU" } }));

            Assert.Equal(
                "tenancy: tenancyLevel 'TABLE' -> 'DATABASE'; clientColumnType 'NUMBER' -> (none); schemaName 'public' -> (none); tableName 'tenants' -> (none); "
                + "tableClientNameColumn 'slug' -> (none); tablePrimaryKeyColumn 'id' -> (none); primaryDatabase (none) -> 'EU'",
                Assert.Single(plan.Changes));
        }

        [Fact]
        public void TenancyWithoutALevelOverlaysAndClearsThePrimaryDatabase()
        {
            var current = Current();
            current.Tenancy = new DatamartTenancy { TenancyLevel = "DATABASE", PrimaryDatabase = "EU" };

            var plan = DatamartPlan.Create(current, Change(new DatamartRequest { Tenancy = new Hashtable { ["tableName"] = "clients" } }));

            Assert.Equal(("DATABASE", "clients", null), (plan.Predicted.Tenancy!.TenancyLevel, plan.Predicted.Tenancy.TableName, plan.Predicted.Tenancy.PrimaryDatabase));
            Assert.Equal("tenancy: tableName (none) -> 'clients'; primaryDatabase 'EU' -> (none)", Assert.Single(plan.Changes));
        }

        [Fact]
        public void RelationshipChangesAreAddedRemovedOrChanged()
        {
            var relationships = Current().Relationships;
            relationships[0].Cardinality = "ManyToOne";
            relationships[0].JoinType = null;
            relationships.RemoveAt(1);
            relationships.Add(new DatamartRelationship { ParentTableName = "orders", ParentColumnName = "id", ChildTableName = "orders", ChildColumnName = "amount", RelationshipName = "self", Cardinality = "OneToOne" });
            var current = Current();
            current.Tables[0].Columns.Add(new DatamartColumn { Name = "customer_id" });
            current.Tables.Add(new DatamartTable { Name = "customers", Columns = new List<DatamartColumn> { new() { Name = "id" } } });

            var plan = DatamartPlan.Create(current, Change(new DatamartRequest { Relationships = relationships }));

            Assert.Equal(
                new[]
                {
                    "relationship orders_to_customers: cardinality 'OneToMany' -> 'ManyToOne'; join 'LEFT JOIN' -> (none)",
                    "relationship self: added (orders.id -> orders.amount, OneToOne, no join)",
                    "relationship e: removed",
                },
                plan.Changes);
            Assert.Empty(plan.Problems);
        }

        [Fact]
        public void RelationshipsSentAloneMustFitTheCurrentTables()
        {
            var plan = DatamartPlan.Create(Current(), Change(new DatamartRequest { Relationships = Current().Relationships.Take(1).ToList() }));

            Assert.Equal(new[] { "UnknownRelationshipTable", "UnknownRelationshipColumn" }, plan.Problems.Select(p => p.ErrorId));
        }

        [Fact]
        public void ATableListThatDropsATableARelationshipKeepsUsingIsRefused()
        {
            var current = Current();
            current.Tables[0].Columns.Add(new DatamartColumn { Name = "customer_id" });
            current.Tables.Add(new DatamartTable { Name = "customers", SchemaName = "public", Columns = new List<DatamartColumn> { new() { Name = "id" } } });
            current.Relationships.RemoveAt(1);
            var keptTables = current.Tables.Take(1).ToList();

            var plan = DatamartPlan.Create(current, Change(new DatamartRequest { Tables = keptTables }));

            var problem = Assert.Single(plan.Problems);
            Assert.Equal("DanglingRelationship", problem.ErrorId);
            Assert.Contains("orders_to_customers", problem.Field);
            Assert.Contains("give it too", problem.Rule);
            Assert.Empty(DatamartPlan.Create(current, Change(new DatamartRequest { Tables = keptTables, Relationships = new List<DatamartRelationship>() })).Problems);
        }

        [Fact]
        public void AFileNamingAnotherDatasourceIsRefused()
        {
            var path = System.IO.Path.GetTempFileName();
            System.IO.File.WriteAllText(path, "{\"name\":\"sales-analytics\",\"datasourceName\":\"snowflake-warehouse\",\"relationships\":[]}");
            try
            {
                var plan = DatamartPlan.Create(Current(), Change(new DatamartRequest { DefinitionPath = path }));

                Assert.Equal("DatasourceNameMismatch", Assert.Single(plan.Problems).ErrorId);
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }

        [Fact]
        public void RestoringADefinitionWithoutTenancyWarnsThatTenancyStays()
        {
            var current = Current();
            var change = Change(new DatamartRequest { Tables = Current().Tables, Relationships = new List<DatamartRelationship>() });

            Assert.Contains("cannot remove tenancy settings", Assert.Single(DatamartPlan.Create(current, change, restoring: true).Warnings));
            Assert.Empty(DatamartPlan.Create(current, change).Warnings);
        }
    }
}
