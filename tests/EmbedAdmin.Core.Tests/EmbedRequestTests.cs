using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Errors;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    public class EmbedRequestTests
    {
        private static Dictionary<string, object?> Values(params (string Name, object? Value)[] values) =>
            values.ToDictionary(v => v.Name, v => v.Value, StringComparer.OrdinalIgnoreCase);

        private static Dictionary<string, object?> Tenant(params (string Name, object? Value)[] extra) =>
            Values(new[] { ("DashboardId", (object?)"client-acme"), ("WorkspaceName", "analytics-workspace"), ("ClientId", "acme-1"), ("DatamartName", "customer-analytics") }.Concat(extra).ToArray());

        [Fact]
        public void ANewDashboardEmbedGetsTheLeastAccessUnlessAsked()
        {
            var request = DashboardEmbedRequest.Create(Tenant(("AllowMetricCreation", "yes")));
            var settings = (JsonObject)request.Body["accessSettings"]!;

            Assert.True(settings["isAllowMetricCreation"]!.GetValue<bool>());
            foreach (var flag in new[] { "isAllowEmailReports", "isAllowManageMetrics", "isAllowMetricDeletion", "isAllowMetricLayoutChange", "isAllowMetricUpdate", "isAllowUnderlyingData", "isAllowCreateDashboardView", "isAllowAiPilot" })
            {
                Assert.False(settings[flag]!.GetValue<bool>(), flag);
            }

            Assert.Equal("DRAG_DROP", settings["metricCreationMode"]!.GetValue<string>());
            Assert.DoesNotContain("isAllowMetricCreation", request.Defaulted);
            Assert.Contains("metricCreationMode", request.Defaulted);
        }

        [Fact]
        public void WhatIfTextShowsWhichValuesAreDefaults()
        {
            var text = DashboardEmbedRequest.Create(Tenant(("TemplateDashboardId", "template-dashboard-001"))).Describe();

            Assert.Contains("from template 'template-dashboard-001'", text);
            Assert.Contains("isAllowEmailReports = false (default)", text);
            Assert.Contains("metricCreationMode = \"DRAG_DROP\" (default)", text);
            Assert.Contains("datamartName = \"customer-analytics\"", text);
        }

        [Fact]
        public void TheThreeIdsAndTheDatamartAreRequired()
        {
            var error = Assert.Throws<EmbedAdminValidationException>(() => DashboardEmbedRequest.Create(Values(("WorkspaceName", ""))));

            Assert.Equal(new[] { "MissingDashboardId", "MissingWorkspaceName", "MissingClientId", "MissingDatamartName" }, error.Problems.Select(p => p.ErrorId));
        }

        [Fact]
        public void ImportDashboardDataTakesAnExportWholeOrItsDataObject()
        {
            var export = "{\"_meta\":{\"embedId\":\"e\"},\"data\":{\"layout\":[1,2]}}";
            var fromExport = DashboardEmbedRequest.Create(Tenant(("ImportDashboardData", export)));
            var fromData = DashboardEmbedRequest.Create(Tenant(("ImportDashboardData", new Hashtable { ["layout"] = new[] { 1, 2 } })));

            Assert.Equal("{\"layout\":[1,2]}", fromExport.Body["importDashboardData"]!.ToJsonString());
            Assert.Equal("{\"layout\":[1,2]}", fromData.Body["importDashboardData"]!.ToJsonString());
        }

        [Fact]
        public void ImportFileMustExistAndHoldAData()
        {
            var missing = Assert.Throws<EmbedAdminValidationException>(() => DashboardEmbedRequest.Create(Tenant(("ImportDashboardDataFile", "/nonexistent/export.json"))));
            Assert.Equal("ImportFileNotFound", missing.ErrorId);

            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, "{\"layout\":[]}");
                Assert.Equal("InvalidDashboardData", Assert.Throws<EmbedAdminValidationException>(() => DashboardEmbedRequest.Create(Tenant(("ImportDashboardDataFile", path)))).ErrorId);
                File.WriteAllText(path, "{\"data\":{\"layout\":[]}}");
                Assert.NotNull(DashboardEmbedRequest.Create(Tenant(("ImportDashboardDataFile", path))).ImportFile);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public async Task MultipartSendsTheFileAndObjectsAndBooleansAsJsonText()
        {
            var path = Path.GetTempFileName();
            try
            {
                File.WriteAllText(path, "{\"data\":{\"layout\":[]}}");
                var request = DashboardEmbedRequest.Create(Tenant(("ImportMetrics", true), ("Metadata", "{\"region\":\"EU\"}"), ("ImportDashboardDataFile", path)));
                using var content = (MultipartFormDataContent)request.ToMultipart();
                var parts = content.ToDictionary(p => p.Headers.ContentDisposition!.Name!.Trim('"'), p => p);

                Assert.Equal("application/json", parts["importDashboardDataFile"].Headers.ContentType!.MediaType);
                Assert.Equal("true", await parts["isImportMetrics"].ReadAsStringAsync());
                Assert.Equal("{\"region\":\"EU\"}", await parts["metadata"].ReadAsStringAsync());
                Assert.Contains("\"isAllowEmailReports\":false", await parts["accessSettings"].ReadAsStringAsync());
                Assert.Equal("client-acme", await parts["dashboardId"].ReadAsStringAsync());
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void AnEmbedsTypeFollowsFromAMetricId()
        {
            var metric = EmbedRequest.Create(Values(("DashboardId", "d"), ("MetricId", "m1"), ("DatamartName", "x")));
            var dashboard = EmbedRequest.Create(Values(("DashboardId", "d"), ("DatamartName", "x")));

            Assert.Equal("metric", metric.EmbedType);
            Assert.Equal("dashboard", dashboard.EmbedType);
        }

        [Fact]
        public void AMetricEmbedNeedsItsMetric() =>
            Assert.Equal("MissingMetricId", Assert.Throws<EmbedAdminValidationException>(() =>
                EmbedRequest.Create(Values(("DashboardId", "d"), ("EmbedType", "metric"), ("DatamartName", "x")))).ErrorId);

        [Fact]
        public void EmbedTypeIsDashboardOrMetric() =>
            Assert.Equal("InvalidEmbedType", Assert.Throws<EmbedAdminValidationException>(() =>
                EmbedRequest.Create(Values(("DashboardId", "d"), ("EmbedType", "report"), ("DatamartName", "x")))).ErrorId);

        [Fact]
        public void AGuestTokenRequestCarriesOnlyWhatWasGiven()
        {
            var request = GuestTokenRequest.Create(
                Values(("ClientId", "acme-1"), ("DataAppName", "demo-app"), ("AllowedEmbeds", "embed_acme; embed_globex"), ("Timezone", "Europe/Paris"), ("Permissions", new Hashtable { ["isEnableDownloadMetrics"] = "no" }), ("Expiry", TimeSpan.FromHours(1))));

            Assert.Equal(
                "{\"clientId\":\"acme-1\",\"dataAppName\":\"demo-app\",\"params\":{\"allowedEmbeds\":[\"embed_acme\",\"embed_globex\"],\"timezone\":\"Europe/Paris\"},\"permissions\":{\"isEnableDownloadMetrics\":false},\"expiryTime\":3600000}",
                request.Body.ToJsonString());
        }

        [Fact]
        public void AGuestTokenWithoutExpiryNeverExpires()
        {
            var request = GuestTokenRequest.Create(Values(("ClientId", "None"), ("DataAppName", "demo-app")));

            Assert.False(request.Body.ContainsKey("expiryTime"));
            Assert.Contains("never expires", request.Describe());
        }

        [Theory]
        [InlineData("ClientId", "", "MissingClientId")]
        [InlineData("DataAppName", "", "MissingDataAppName")]
        public void GuestTokensNeedAClientAndADataApp(string blank, string value, string errorId)
        {
            var values = Values(("ClientId", "acme"), ("DataAppName", "demo-app"));
            values[blank] = value;

            Assert.Equal(errorId, Assert.Throws<EmbedAdminValidationException>(() => GuestTokenRequest.Create(values)).ErrorId);
        }

        [Fact]
        public void GuestTokenExpiryMustBePositive() =>
            Assert.Equal("InvalidExpiry", Assert.Throws<EmbedAdminValidationException>(() =>
                GuestTokenRequest.Create(Values(("ClientId", "a"), ("DataAppName", "b"), ("Expiry", TimeSpan.Zero)))).ErrorId);

        [Fact]
        public void PermissionsMustBeBooleans() =>
            Assert.Equal("InvalidPermissions", Assert.Throws<EmbedAdminValidationException>(() =>
                GuestTokenRequest.Create(Values(("ClientId", "a"), ("DataAppName", "b"), ("Permissions", "{\"isShowSideBar\":\"sometimes\"}")))).ErrorId);

        [Fact]
        public void FiltersNeedTheirKey()
        {
            var error = Assert.Throws<EmbedAdminValidationException>(() =>
                GuestTokenRequest.Create(Values(("ClientId", "a"), ("DataAppName", "b"), ("AppFilters", "[{\"values\":{\"region\":\"EU\"}}]"))));

            Assert.Equal("InvalidAppFilters", error.ErrorId);
            Assert.Contains("metricId", error.Message);
        }

        [Fact]
        public void ThePlanShowsEachFieldOldAndNew()
        {
            var change = EmbedAccessChange.Create("embed_acme", Values(("AllowEmailReports", false), ("JoinModel", "multi"), ("DatamartName", "sales-datamart")));
            var current = JsonNode.Parse("{\"isAllowEmailReports\":true,\"joinModel\":\"multi\"}")!.AsObject();

            var plan = EmbedAccessPlan.Create(change, current);

            Assert.Equal(
                new[] { "datamartName: (not set) -> sales-datamart", "isAllowEmailReports: true -> false", "joinModel: multi (no change)" },
                plan.Lines);
        }

        [Fact]
        public void OlderSpellingsOfAccessSettingsAreRead()
        {
            var legacy = JsonNode.Parse("{\"isAllowAipilot\":true,\"tableList\":[{\"name\":\"orders\",\"clientColumn\":\"tenant\"}]}")!.AsObject();

            var access = AccessSettings.Read("e", legacy);

            Assert.True(access.AllowAiPilot);
            Assert.Equal("orders:tenant", access.TableTenancySettings!.Single().ToString());
        }

        [Fact]
        public void AListOfEmptyCellsIsNotSet()
        {
            var request = GuestTokenRequest.Create(Values(("ClientId", "a"), ("DataAppName", "b"), ("AllowedEmbeds", new[] { "" }), ("HideDashboardFilters", new[] { " " })));

            Assert.False(request.Body.ContainsKey("params"));
        }

        [Fact]
        public void OneCellCanHoldSeveralIds()
        {
            var request = GuestTokenRequest.Create(Values(("ClientId", "a"), ("DataAppName", "b"), ("AllowedEmbeds", new[] { "embed_acme;embed_globex" })));

            Assert.Equal(new[] { "embed_acme", "embed_globex" }, request.AllowedEmbeds);
        }

        [Fact]
        public void AnExpiryOfCenturiesIsAMistakeNotALifetime() =>
            Assert.Equal("InvalidExpiry", Assert.Throws<EmbedAdminValidationException>(() =>
                GuestTokenRequest.Create(Values(("ClientId", "a"), ("DataAppName", "b"), ("Expiry", TimeSpan.FromDays(3_600_000))))).ErrorId);

        [Fact]
        public void ExportTargetsAFolderNamedWithATrailingSeparatorAndRefusesToOverwrite()
        {
            var folder = Path.Combine(Path.GetTempPath(), $"exports-{Guid.NewGuid():N}") + Path.DirectorySeparatorChar;
            try
            {
                var (_, path) = EmbedExportFile.Target("embed/acme", folder, overwrite: false);
                Assert.Equal(Path.Combine(folder, "embed_acme.json"), path);
                EmbedExportFile.Write("embed/acme", JsonNode.Parse("{\"data\":{}}")!.AsObject(), path);
                Assert.Equal("ExportFileExists", Assert.Throws<EmbedAdminValidationException>(() => EmbedExportFile.Target("embed/acme", folder, overwrite: false)).ErrorId);
                Assert.Equal(path, EmbedExportFile.Target("embed/acme", folder, overwrite: true).Path);
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }
}
