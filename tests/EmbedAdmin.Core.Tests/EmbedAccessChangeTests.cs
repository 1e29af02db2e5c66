using System.Collections;
using System.Collections.Generic;
using System.Linq;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Requests;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    public class EmbedAccessChangeTests
    {
        private static EmbedAccessChange Create(params (string Name, object? Value)[] values) =>
            EmbedAccessChange.Create("embed_acme", values.ToDictionary(v => v.Name, v => v.Value));

        private static EmbedAdminValidationException Invalid(string? embedId, params (string Name, object? Value)[] values) =>
            Assert.Throws<EmbedAdminValidationException>(() => EmbedAccessChange.Create(embedId, values.ToDictionary(v => v.Name, v => v.Value)));

        [Fact]
        public void OnlyTheFieldsGivenAreSent()
        {
            var change = Create(("AllowEmailReports", false), ("JoinModel", "multi"));

            Assert.Equal("{\"embedId\":\"embed_acme\",\"accessSettings\":{\"isAllowEmailReports\":false,\"joinModel\":\"multi\"}}", change.Body.ToJsonString());
        }

        [Fact]
        public void EmptyCsvCellsAreNotSet()
        {
            var change = Create(("AllowEmailReports", ""), ("DatamartName", "   "), ("JoinModel", null), ("AllowUnderlyingData", "no"));

            Assert.Equal(new[] { "accessSettings.isAllowUnderlyingData" }, change.ChangedPaths);
        }

        [Theory]
        [InlineData("true", true)]
        [InlineData("FALSE", false)]
        [InlineData(" yes ", true)]
        [InlineData("No", false)]
        [InlineData("1", true)]
        [InlineData("0", false)]
        public void CsvBooleansAreUnderstood(string cell, bool expected)
        {
            var change = Create(("AllowMetricCreation", cell));

            Assert.Equal(expected, change.ToEmbedAccess("embed_acme").AllowMetricCreation);
        }

        [Theory]
        [InlineData("maybe")]
        [InlineData("2")]
        [InlineData("truee")]
        public void OtherBooleanWordsAreRejectedNamingFieldAndRule(string cell)
        {
            var error = Invalid("embed_acme", ("AllowEmailReports", cell));

            Assert.Equal("InvalidAllowEmailReports", error.ErrorId);
            Assert.Contains("AllowEmailReports (accessSettings.isAllowEmailReports)", error.Message);
            Assert.Contains("true/false", error.Message);
            Assert.Contains(cell, error.Message);
        }

        [Fact]
        public void JoinModelMustBeSingleOrMulti()
        {
            var error = Invalid("embed_acme", ("JoinModel", "triple"));

            Assert.Equal("InvalidJoinModel", error.ErrorId);
            Assert.Contains("single, multi", error.Message);
        }

        [Fact]
        public void ChoicesAreMatchedWithoutCaseAndSentInTheApiSpelling()
        {
            var change = Create(("JoinModel", "MULTI"), ("MetricCreationMode", "chat"));
            var access = change.ToEmbedAccess("embed_acme");

            Assert.Equal("multi", access.JoinModel);
            Assert.Equal("CHAT", access.MetricCreationMode);
        }

        [Fact]
        public void MetricCreationModeRejectsUnknownModes() =>
            Assert.Equal("InvalidMetricCreationMode", Invalid("embed_acme", ("MetricCreationMode", "VOICE")).ErrorId);

        [Fact]
        public void MissingEmbedIdIsReportedBeforeAnythingElse()
        {
            var error = Invalid("  ", ("AllowEmailReports", "true"));

            Assert.Equal("MissingEmbedId", error.ErrorId);
        }

        [Fact]
        public void ARowWithNothingToChangeIsRejected() =>
            Assert.Equal("NoAccessSettings", Invalid("embed_acme", ("AllowEmailReports", "")).ErrorId);

        [Fact]
        public void EveryBrokenRuleOfARowIsNamed()
        {
            var error = Invalid("embed_acme", ("JoinModel", "x"), ("AllowMetricUpdate", "y"));

            Assert.Equal(2, error.Problems.Count);
            Assert.Contains("JoinModel", error.Message);
            Assert.Contains("AllowMetricUpdate", error.Message);
        }

        [Fact]
        public void TableTenancyTakesTheCompactCsvForm()
        {
            var access = Create(("TableTenancySettings", "sales_data:customer_id; orders=tenant_id")).ToEmbedAccess("e");

            Assert.Equal(new[] { "sales_data:customer_id", "orders:tenant_id" }, access.TableTenancySettings!.Select(t => t.ToString()));
        }

        [Fact]
        public void TableTenancyTakesTheApiJsonShape()
        {
            var change = Create(("TableTenancySettings", "[{\"name\":\"sales_data\",\"clientColumn\":\"customer_id\"}]"));

            Assert.Contains("\"tableTenancySettings\":[{\"name\":\"sales_data\",\"clientColumn\":\"customer_id\"}]", change.Body.ToJsonString());
        }

        [Fact]
        public void TableTenancyTakesHashtables()
        {
            var rows = new List<object> { new Hashtable { ["Name"] = "orders", ["ClientColumn"] = "tenant" } };

            var access = Create(("TableTenancySettings", rows)).ToEmbedAccess("e");

            Assert.Equal("orders", access.TableTenancySettings!.Single().Name);
        }

        [Fact]
        public void TableTenancyItemsNeedBothFields() =>
            Assert.Equal("InvalidTableTenancySettings", Invalid("e", ("TableTenancySettings", "[{\"name\":\"orders\"}]")).ErrorId);

        [Fact]
        public void TableTenancyRejectsBrokenJson() =>
            Assert.Contains("not valid JSON", Invalid("e", ("TableTenancySettings", "[{\"name\":")).Message);

        [Fact]
        public void DescribeListsTheChangesForShouldProcess() =>
            Assert.Equal("isAllowEmailReports = false, joinModel = \"multi\"", Create(("AllowEmailReports", "no"), ("JoinModel", "multi")).Describe());

        [Fact]
        public void PassThruObjectCarriesTheValuesSentAndWhichFields()
        {
            var access = Create(("DatamartName", "sales-datamart"), ("AllowAiPilot", true)).ToEmbedAccess("embed_acme");

            Assert.Equal("sales-datamart", access.DatamartName);
            Assert.True(access.AllowAiPilot);
            Assert.Null(access.AllowEmailReports);
            Assert.Equal(new[] { "datamartName", "isAllowAiPilot" }, access.UpdatedFields);
        }

        [Fact]
        public void ParameterNamesMatchTheApiFieldsTheyAlias()
        {
            // The cmdlet's aliases are the API names; every field of update-embed's accessSettings must be reachable.
            var apiNames = EmbedAccessChange.Fields.Select(f => f.ApiName).ToList();

            Assert.Equal(
                new[] { "datamartName", "isAllowAiPilot", "isAllowEmailReports", "isAllowManageMetrics", "isAllowMetricCreation", "isAllowMetricDeletion", "isAllowMetricLayoutChange", "isAllowMetricUpdate", "isAllowUnderlyingData", "isAllowCreateDashboardView", "joinModel", "isIncrementalJoin", "metricCreationMode", "tableTenancySettings" },
                apiNames);
        }

        [Fact]
        public void FieldValuesTreatBlanksAsUnset()
        {
            Assert.True(FieldValues.IsUnset(null));
            Assert.True(FieldValues.IsUnset(""));
            Assert.True(FieldValues.IsUnset(" \t"));
            Assert.False(FieldValues.IsUnset(false));
            Assert.False(FieldValues.IsUnset("0"));
        }
    }
}
