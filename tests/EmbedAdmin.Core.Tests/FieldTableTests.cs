using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    public class FieldTableTests
    {
        private static readonly FieldTable Access = EmbedAccessChange.Table;

        [Theory]
        [InlineData("AllowEmailReports", "accessSettings.isAllowEmailReports")]
        [InlineData("isAllowEmailReports", "accessSettings.isAllowEmailReports")]
        [InlineData("ISALLOWAIPILOT", "accessSettings.isAllowAiPilot")]
        [InlineData("isAllowAipilot", "accessSettings.isAllowAiPilot")]
        [InlineData("tableList", "accessSettings.tableTenancySettings")]
        [InlineData("TableTenancySettings", "accessSettings.tableTenancySettings")]
        public void EveryColumnNameOfAFieldFindsIt(string column, string apiPath) =>
            Assert.Equal(apiPath, Access.Find(column)?.ApiPath);

        [Fact]
        public void AColumnThatIsNoFieldFindsNothing() => Assert.Null(Access.Find("isAllowEmailReport"));

        [Fact]
        public void EveryFieldReadsBackIntoAModelPropertyOfItsOwn()
        {
            var properties = Access.Fields.Select(f => f.Property).ToList();
            Assert.Equal(properties.Count, properties.Distinct().Count());
            Assert.All(properties, p => Assert.NotNull(typeof(EmbedAccess).GetProperty(Assert.IsType<string>(p))));
        }

        [Fact]
        public void BothGenerationsOfTheSettingsReadTheSame()
        {
            var newest = JsonNode.Parse("""{"isAllowAiPilot":true,"joinModel":"multi","tableTenancySettings":[{"name":"customers","clientColumn":"tenant_id"}]}""")!.AsObject();
            var older = JsonNode.Parse("""{"isAllowAipilot":true,"joinModel":"multi","tableList":[{"name":"customers","clientColumn":"tenant_id"}]}""")!.AsObject();

            var a = Access.ReadInto(new EmbedAccess(), newest);
            var b = Access.ReadInto(new EmbedAccess(), older);

            Assert.True(a.AllowAiPilot);
            Assert.True(b.AllowAiPilot);
            Assert.Equal("customers:tenant_id", Assert.Single(b.TableTenancySettings!).ToString());
            Assert.Equal(Access.Columns(a), Access.Columns(b));
        }

        [Fact]
        public void ExportedColumnsAreNamedLikeTheApiFieldsAndBindBackToTheSameRequest()
        {
            var access = new EmbedAccess
            {
                EmbedId = "embed_acme",
                DatamartName = "sales",
                AllowEmailReports = false,
                JoinModel = "single",
                TableTenancySettings = new[] { new TableTenancySetting("customers", "tenant_id"), new TableTenancySetting("orders", "tenant_id") },
            };

            var columns = Access.Columns(access).ToList();

            Assert.Equal(Access.Fields.Select(f => f.ApiName), columns.Select(c => c.Key));
            Assert.Equal("customers:tenant_id;orders:tenant_id", columns.Single(c => c.Key == "tableTenancySettings").Value);
            Assert.Null(columns.Single(c => c.Key == "isAllowAiPilot").Value);

            // The columns as text cells (what Export-Csv writes), bound back by their API names.
            var cells = columns.ToDictionary(c => Access.Find(c.Key)!.Parameter, c => (object?)(c.Value is bool flag ? (flag ? "True" : "False") : c.Value as string ?? string.Empty));
            var change = EmbedAccessChange.Create("embed_acme", cells);
            Assert.Equal(
                new[] { "accessSettings.datamartName", "accessSettings.isAllowEmailReports", "accessSettings.joinModel", "accessSettings.tableTenancySettings" },
                change.ChangedPaths);
            var back = change.ToEmbedAccess("embed_acme");
            Assert.Equal(columns, Access.Columns(back));
        }

        [Fact]
        public void ThePlanShowsNoChangeWhenTheCurrentSettingsUseTheOlderSpelling()
        {
            var current = JsonNode.Parse("""{"isAllowAipilot":false,"tableList":[{"name":"customers","clientColumn":"tenant_id","extra":1}]}""")!.AsObject();
            var change = EmbedAccessChange.Create("e", new Dictionary<string, object?> { ["AllowAiPilot"] = "no", ["TableTenancySettings"] = "customers:tenant_id" });

            var plan = EmbedAccessPlan.Create(change, current);

            Assert.All(plan.Lines, line => Assert.EndsWith("(no change)", line));
            Assert.Equal(new[] { "isAllowAiPilot", "tableTenancySettings" }, plan.Fields.Select(f => f.Name));
        }
    }
}
