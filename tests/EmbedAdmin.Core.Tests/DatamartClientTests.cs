using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;
using EmbedAdmin.Core.Tests.Support;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>Datamarts over real HTTP against the emulator's reading of docs.usedatabrain.com/api-reference/update-datamart and list-datamarts.</summary>
    public sealed class DatamartClientTests : IClassFixture<EmulatorFixture>, IAsyncLifetime, IDisposable
    {
        private readonly EmulatorFixture emulator;
        private readonly string folder = Path.Combine(Path.GetTempPath(), "ea-datamart-client-" + Guid.NewGuid().ToString("N"));

        public DatamartClientTests(EmulatorFixture emulator)
        {
            this.emulator = emulator;
        }

        public Task InitializeAsync() => emulator.ResetAsync();

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose()
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static RequestContext Silent => RequestContext.Silent();

        private static DatamartChange Change(DatamartOperation operation, DatamartRequest request) => Assert.Single(DatamartChange.From(operation, request));

        private Task<string?> StoredAsync(string name) => EmulatorState.DataBrainRecordAsync(emulator.Admin, "datamarts", name).ContinueWith(t => t.Result?.ToJsonString());

        private static Hashtable Table(string name, string schema, params string[] columns) =>
            new() { ["name"] = name, ["schemaName"] = schema, ["columns"] = columns.Select(c => new Hashtable { ["name"] = c }).ToArray() };

        [Fact]
        public async Task TheListMapsEverySeedDatamart()
        {
            using var session = emulator.Session();

            var all = await new DatamartClient(session).ListAsync(Silent, CancellationToken.None);

            Assert.Equal(new[] { "customer-analytics", "finance-datamart", "sales-datamart" }, all.Select(d => d.Name));
            var customers = all[0];
            Assert.Equal("postgres-production", customers.DatasourceName);
            Assert.Equal(("TABLE", "NUMBER", "tenants"), (customers.Tenancy!.TenancyLevel, customers.Tenancy.ClientColumnType, customers.Tenancy.TableName));
            var emailDomain = customers.Tables.Single(t => t.Name == "customers").Columns.Single(c => c.Name == "email_domain");
            Assert.True(emailDomain.IsCustomColumn);
            Assert.Equal("split_part(email, '@', 2)", emailDomain.Sql);
            Assert.True(customers.Tables.Single(t => t.Name == "orders").Columns.Single(c => c.Name == "amount").IsAggregate);
            Assert.Equal(2, customers.Relationships.Count);
            Assert.Equal(("DATABASE", "FINANCE_DB"), (all[1].Tenancy!.TenancyLevel, all[1].Tenancy!.PrimaryDatabase));
        }

        [Fact]
        public async Task EveryPageIsRead()
        {
            using var session = emulator.Session();
            var client = new DatamartClient(session);
            for (var i = 0; i < 9; i++)
            {
                await client.CreateAsync(Change(DatamartOperation.Create, new DatamartRequest { Name = $"mart-{i}", DatasourceName = "postgres-production", Tables = Table("orders", "public", "id") }), Silent, CancellationToken.None);
            }

            await emulator.ResetStatsAsync();
            var all = await client.ListAsync(Silent, CancellationToken.None);

            Assert.Equal(12, all.Count);
            Assert.Equal(2, await emulator.ApiRequestCountAsync());
        }

        [Fact]
        public async Task ANameIsFoundOnlyExactlyAndANearMissIsSuggested()
        {
            using var session = emulator.Session();
            var client = new DatamartClient(session);

            Assert.Null(await client.FindAsync("Sales-Datamart", Silent, CancellationToken.None));
            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => client.GetAsync("Sales-Datamart", Silent, CancellationToken.None));

            Assert.Equal("DatamartNotFound", ErrorClassifier.Classify(error).ErrorId);
            Assert.Equal(ErrorCategoryName.ObjectNotFound, ErrorClassifier.Classify(error).Category);
            Assert.Contains("Did you mean 'sales-datamart'?", error.Message);
        }

        [Fact]
        public async Task SendingBackWhatTheListSaysChangesNothing()
        {
            using var session = emulator.Session();
            var client = new DatamartClient(session);
            var before = await StoredAsync("sales-datamart");
            var current = await client.GetAsync("sales-datamart", Silent, CancellationToken.None);

            var id = await client.UpdateAsync(Change(DatamartOperation.Update, new DatamartRequest { Name = current.Name, Tables = current.Tables, Tenancy = current.Tenancy, Relationships = current.Relationships }), Silent, CancellationToken.None);

            Assert.Equal("sales-datamart", id);
            Assert.Equal(before, await StoredAsync("sales-datamart"));
        }

        [Fact]
        public async Task AnUpdateReplacesTablesTenancyAndRelationships()
        {
            using var session = emulator.Session();
            var client = new DatamartClient(session);
            var tables = new[]
            {
                new Hashtable
                {
                    ["name"] = "orders", ["schemaName"] = "public", ["label"] = "Sales orders",
                    ["columns"] = new object[]
                    {
                        new Hashtable { ["name"] = "id" },
                        new Hashtable { ["name"] = "customer_id" },
                        new Hashtable { ["name"] = "net", ["isCustomColumn"] = true, ["sql"] = "amount * 0.8", ["isAggregate"] = true },
                        new Hashtable { ["name"] = "order_date", ["isApplyTimezone"] = true },
                    },
                },
                Table("customers", "public", "id", "name"),
            };
            var relationships = new Hashtable
            {
                ["parentTableName"] = "customers", ["parentColumnName"] = "id", ["childTableName"] = "orders", ["childColumnName"] = "customer_id",
                ["relationshipName"] = "orders_to_customers", ["cardinality"] = "onetomany", ["join"] = "inner",
            };

            await client.UpdateAsync(
                Change(DatamartOperation.Update, new DatamartRequest { Name = "customer-analytics", Tables = tables, Relationships = relationships, TenancyValues = new Dictionary<string, object?> { ["TenancyLevel"] = "MULTI_DATABASE", ["PrimaryDatabase"] = "EU" } }),
                Silent,
                CancellationToken.None);

            var after = await client.GetAsync("customer-analytics", Silent, CancellationToken.None);
            Assert.Equal(new[] { "orders", "customers" }, after.Tables.Select(t => t.Name));
            var net = after.Tables[0].Columns.Single(c => c.Name == "net");
            Assert.Equal((true, "amount * 0.8", true), (net.IsCustomColumn, net.Sql, net.IsAggregate));
            Assert.True(after.Tables[0].Columns.Single(c => c.Name == "order_date").IsApplyTimezone);
            Assert.Equal(("MULTI_DATABASE", "EU", null), (after.Tenancy!.TenancyLevel, after.Tenancy.PrimaryDatabase, after.Tenancy.TableName));
            Assert.Equal(("OneToMany", "INNER JOIN"), (after.Relationships.Single().Cardinality, after.Relationships.Single().JoinType));
        }

        [Fact]
        public async Task ABackupRestoresTheDatamartExactlyAsItWas()
        {
            using var session = emulator.Session();
            var client = new DatamartClient(session);
            var before = await StoredAsync("sales-datamart");
            var backup = DatamartBackup.Open(folder).Write(await client.GetAsync("sales-datamart", Silent, CancellationToken.None), DateTimeOffset.UtcNow);
            await client.UpdateAsync(
                Change(DatamartOperation.Update, new DatamartRequest { Name = "sales-datamart", Tables = Table("ACCOUNTS", "ANALYTICS", "ACCOUNT_ID"), Relationships = Array.Empty<object>(), TenancyValues = new Dictionary<string, object?> { ["ClientColumnType"] = "NUMBER" } }),
                Silent,
                CancellationToken.None);
            Assert.NotEqual(before, await StoredAsync("sales-datamart"));

            await client.UpdateAsync(Change(DatamartOperation.Update, new DatamartRequest { DefinitionPath = backup }), Silent, CancellationToken.None);

            Assert.Equal(before, await StoredAsync("sales-datamart"));
        }

        [Fact]
        public async Task DatabaseTenancyWithItsPrimaryDatabaseRoundTripsToo()
        {
            using var session = emulator.Session();
            var client = new DatamartClient(session);
            var before = await StoredAsync("finance-datamart");
            var backup = DatamartBackup.Open(folder).Write(await client.GetAsync("finance-datamart", Silent, CancellationToken.None), DateTimeOffset.UtcNow);
            await client.UpdateAsync(Change(DatamartOperation.Update, new DatamartRequest { Name = "finance-datamart", TenancyValues = new Dictionary<string, object?> { ["TenancyLevel"] = "DATABASE" } }), Silent, CancellationToken.None);
            Assert.NotEqual(before, await StoredAsync("finance-datamart"));

            await client.UpdateAsync(Change(DatamartOperation.Update, new DatamartRequest { DefinitionPath = backup }), Silent, CancellationToken.None);

            Assert.Equal(before, await StoredAsync("finance-datamart"));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public async Task CreateAndDeleteOnBothGenerationsOfPaths(bool legacy)
        {
            using var session = emulator.Session(legacy: legacy);
            var client = new DatamartClient(session);

            var id = await client.CreateAsync(Change(DatamartOperation.Create, new DatamartRequest { Name = "new-mart", DatasourceName = "postgres-production", Tables = Table("orders", "public", "id", "amount") }), Silent, CancellationToken.None);
            Assert.Equal("new-mart", id);
            Assert.NotNull(await client.FindAsync("new-mart", Silent, CancellationToken.None));

            await client.DeleteAsync("new-mart", Silent, CancellationToken.None);
            Assert.Null(await StoredAsync("new-mart"));
        }

        [Fact]
        public async Task AnUnknownDatamartUpdateIsDatamartNotFound()
        {
            using var session = emulator.Session();

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => new DatamartClient(session).UpdateAsync(Change(DatamartOperation.Update, new DatamartRequest { Name = "nope", Relationships = Array.Empty<object>() }), Silent, CancellationToken.None));

            Assert.Equal("INVALID_DATAMART", error.ApiCode);
            Assert.Equal("DatamartNotFound", ErrorClassifier.Classify(error).ErrorId);
        }

        [Fact]
        public async Task AColumnTheDatasourceLacksIsRefusedByTheService()
        {
            using var session = emulator.Session();

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => new DatamartClient(session).UpdateAsync(Change(DatamartOperation.Update, new DatamartRequest { Name = "sales-datamart", Tables = Table("ACCOUNTS", "ANALYTICS", "NOPE") }), Silent, CancellationToken.None));

            Assert.Equal("InvalidRequest", ErrorClassifier.Classify(error).ErrorId);
            Assert.Contains("NOPE", error.Message);
        }

        [Fact]
        public async Task AnUnknownDatasourceOnCreateIsDatasourceNotFound()
        {
            using var session = emulator.Session();

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => new DatamartClient(session).CreateAsync(Change(DatamartOperation.Create, new DatamartRequest { Name = "m", DatasourceName = "nope", Tables = Table("orders", "public", "id") }), Silent, CancellationToken.None));

            Assert.Equal("DatasourceNotFound", ErrorClassifier.Classify(error).ErrorId);
        }

        [Fact]
        public async Task TheDataAppKeyAloneIsRefusedAsTheNewestDocsSay()
        {
            using var session = EmbedAdminSession.Create(new SessionSettings { DataBrainApiKey = EmulatorFixture.Secure(Emulator.DevKeys.DemoAppApiKey), DataBrainUri = emulator.BaseUri }, _ => null);

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => new DatamartClient(session).ListAsync(Silent, CancellationToken.None));

            Assert.Equal("AuthenticationFailed", ErrorClassifier.Classify(error).ErrorId);
        }
    }
}
