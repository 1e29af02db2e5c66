using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Tests.Support;
using EmbedAdmin.Emulator;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>The embed and guest-token operations over HTTP against the emulator.</summary>
    public class EmbedClientIntegrationTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
    {
        private readonly EmulatorFixture emulator;

        public EmbedClientIntegrationTests(EmulatorFixture emulator)
        {
            this.emulator = emulator;
        }

        public Task InitializeAsync() => emulator.ResetAsync();

        public Task DisposeAsync() => Task.CompletedTask;

        private static Dictionary<string, object?> Values(params (string Name, object? Value)[] values) =>
            values.ToDictionary(v => v.Name, v => v.Value, StringComparer.OrdinalIgnoreCase);

        private static Task<IReadOnlyList<Models.Embed>> All(EmbedClient client, bool includeAccess = false, Func<Models.Embed, bool>? filter = null) =>
            client.ListEmbedsAsync(filter ?? (_ => true), includeAccess, 4, RequestContext.Silent(), CancellationToken.None);

        [Fact]
        public async Task ListingWalksEveryPage()
        {
            (await emulator.Admin.PostAsJsonAsync("_emulator/embeds/generate", new { count = 25, prefix = "page" })).EnsureSuccessStatusCode();
            using var session = emulator.Session();

            var embeds = await All(new EmbedClient(session));

            Assert.Contains(embeds, e => e.EmbedId == "embed_acme");
            Assert.Equal(25, embeds.Count(e => e.EmbedId.StartsWith("page_", StringComparison.Ordinal)));
            Assert.Equal(embeds.Count, embeds.Select(e => e.EmbedId).Distinct().Count());
            Assert.All(embeds, e => Assert.Equal("demo-app", e.DataAppName));
            Assert.Equal((embeds.Count / 10) + 1, await emulator.ApiRequestCountAsync());
        }

        [Fact]
        public async Task IncludeAccessReadsEachEmbedsSettings()
        {
            using var session = emulator.Session();

            var embeds = await All(new EmbedClient(session), includeAccess: true, filter: e => e.EmbedId is "embed_acme" or "embed_initech");

            Assert.Equal(2, embeds.Count);
            Assert.All(embeds, e => Assert.False(string.IsNullOrEmpty(e.DatamartName)));
            var exported = await emulator.ExportedAccessAsync("embed_initech");
            Assert.Equal(exported.GetProperty("joinModel").GetString(), embeds.Single(e => e.EmbedId == "embed_initech").Access!.JoinModel);
        }

        [Fact]
        public async Task TheLegacyListCarriesSettingsSoNoExportIsNeeded()
        {
            using var session = emulator.Session(legacy: true);

            var embeds = await All(new EmbedClient(session), includeAccess: true);

            Assert.All(embeds, e => Assert.NotNull(e.Access));
            Assert.Equal((embeds.Count / 10) + 1, await emulator.ApiRequestCountAsync());
        }

        [Fact]
        public async Task ADashboardEmbedIsCreatedWithItsDefaultNameAndSecureDefaults()
        {
            using var session = emulator.Session();
            var request = DashboardEmbedRequest.Create(
                Values(("DashboardId", "client-acme-analytics"), ("WorkspaceName", "analytics-workspace"), ("ClientId", "acme-corp-123"), ("DatamartName", "customer-analytics")));

            var log = new RecordingLog();

            var created = await new EmbedClient(session).CreateDashboardEmbedAsync(request, new RequestContext(log, new RequestStats()), CancellationToken.None);

            Assert.Equal("client-acme-analytics", created.EmbedId);
            var access = await emulator.ExportedAccessAsync(created.EmbedId);
            Assert.False(access.GetProperty("isAllowUnderlyingData").GetBoolean());
            Assert.Equal("DRAG_DROP", access.GetProperty("metricCreationMode").GetString());
            // The emulator's own defaults are the same values, so the state alone cannot show that they were sent:
            // the help promises they are sent rather than left to DataBrain.
            var sent = Assert.Single(log.Lines, line => line.StartsWith("DEBUG: Request POST", StringComparison.Ordinal));
            Assert.Contains("\"isAllowUnderlyingData\":false", sent);
            Assert.Contains("\"isAllowMetricDeletion\":false", sent);
            Assert.Contains("\"metricCreationMode\":\"DRAG_DROP\"", sent);
            var state = await emulator.Admin.GetStringAsync("_emulator/state");
            Assert.Contains("client-acme-analytics_acme-corp-123", state);
        }

        [Fact]
        public async Task AnExportFedBackAsAFileCreatesAHydratedDashboard()
        {
            using var session = emulator.Session();
            var client = new EmbedClient(session);
            var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.json");
            try
            {
                EmbedExportFile.Write("embed_acme", await client.ExportEmbedAsync("embed_acme", RequestContext.Silent(), CancellationToken.None), path);
                var request = DashboardEmbedRequest.Create(
                    Values(("DashboardId", "client-from-file"), ("WorkspaceName", "analytics-workspace"), ("ClientId", "beta-2"), ("DatamartName", "customer-analytics"), ("Name", "Beta"), ("RenameDashboard", "true"), ("ImportDashboardDataFile", path)));

                var created = await client.CreateDashboardEmbedAsync(request, RequestContext.Silent(), CancellationToken.None);

                Assert.Equal("Beta", created.Name);
                using var exported = JsonDocument.Parse(File.ReadAllText(path));
                var layout = System.Text.Json.Nodes.JsonNode.Parse(exported.RootElement.GetProperty("data").GetProperty("layout").GetRawText())!.ToJsonString();
                var copy = await client.ExportEmbedAsync("client-from-file", RequestContext.Silent(), CancellationToken.None);
                Assert.Equal(layout, copy["data"]!["layout"]!.ToJsonString());
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public async Task ADuplicateDashboardIsInvalidDashboardId()
        {
            using var session = emulator.Session();
            var client = new EmbedClient(session);
            var request = DashboardEmbedRequest.Create(Values(("DashboardId", "dup-dash"), ("WorkspaceName", "analytics-workspace"), ("ClientId", "c"), ("DatamartName", "customer-analytics")));
            await client.CreateDashboardEmbedAsync(request, RequestContext.Silent(), CancellationToken.None);

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => client.CreateDashboardEmbedAsync(request, RequestContext.Silent(), CancellationToken.None));

            Assert.Equal("INVALID_DASHBOARD_ID", error.ApiCode);
            // The help tells scripts to read InvalidDashboardId as "already created": the stable id is the promise.
            var classification = ErrorClassifier.Classify(error);
            Assert.Equal(("InvalidDashboardId", ErrorCategoryName.InvalidArgument), (classification.ErrorId, classification.Category));
        }

        [Fact]
        public async Task AnEmbedCanBeCreatedListedAndDeleted()
        {
            using var session = emulator.Session();
            var client = new EmbedClient(session);
            var created = await client.CreateEmbedAsync(
                EmbedRequest.Create(Values(("DashboardId", "sales-overview"), ("Name", "Made by a test"), ("DatamartName", "customer-analytics"))),
                RequestContext.Silent(),
                CancellationToken.None);

            Assert.StartsWith("embed_", created.EmbedId);
            Assert.Contains(await All(client), e => e.EmbedId == created.EmbedId && e.Name == "Made by a test");

            await client.DeleteEmbedAsync(created.EmbedId, deleteDashboard: false, RequestContext.Silent(), CancellationToken.None);

            Assert.DoesNotContain(await All(client), e => e.EmbedId == created.EmbedId);
            var again = await Assert.ThrowsAsync<EmbedAdminApiException>(() => client.DeleteEmbedAsync(created.EmbedId, false, RequestContext.Silent(), CancellationToken.None));
            Assert.Equal("InvalidRequest", ErrorClassifier.Classify(again).ErrorId);
        }

        [Fact]
        public async Task AGuestTokenIsASecretOfTheSessionFromTheMomentItArrives()
        {
            using var session = emulator.Session();
            var log = new RecordingLog();
            var request = GuestTokenRequest.Create(Values(("ClientId", "acme-1"), ("DataAppName", "demo-app"), ("AllowedEmbeds", "embed_acme"), ("Expiry", TimeSpan.FromMinutes(30))));

            var token = await new GuestTokenClient(session).CreateAsync(request, new RequestContext(log, new RequestStats()), CancellationToken.None);

            Assert.True(token.Token.Length >= 16);
            Assert.Equal(new[] { "embed_acme" }, token.AllowedEmbeds);
            Assert.NotNull(token.ExpiresAt);
            Assert.Contains("\"token\":\"[REDACTED]\"", log.All);
            var plain = new System.Net.NetworkCredential(string.Empty, token.Token).Password;
            Assert.DoesNotContain(plain, log.All);
            Assert.Equal("[REDACTED] leaked", session.Redactor.RedactText(plain + " leaked"));
        }

        [Fact]
        public async Task AGuestTokenForAnotherDataAppIsRefused()
        {
            using var session = emulator.Session();
            var request = GuestTokenRequest.Create(Values(("ClientId", "acme-1"), ("DataAppName", DevKeys.OtherAppName)));

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => new GuestTokenClient(session).CreateAsync(request, RequestContext.Silent(), CancellationToken.None));

            Assert.Equal("INVALID_REQUEST_BODY", error.ApiCode);
        }

        [Fact]
        public async Task ThePlanComparesWithWhatTheServiceHolds()
        {
            using var session = emulator.Session();
            var current = await emulator.ExportedAccessAsync("embed_acme");
            var flipped = !current.GetProperty("isAllowEmailReports").GetBoolean();
            var change = EmbedAccessChange.Create("embed_acme", Values(("AllowEmailReports", flipped)));

            var plan = await new EmbedClient(session).PlanAccessChangeAsync(change, RequestContext.Silent(), CancellationToken.None);

            Assert.Equal($"isAllowEmailReports: {(!flipped).ToString().ToLowerInvariant()} -> {flipped.ToString().ToLowerInvariant()}", plan.Fields.Single().ToString());
            Assert.Equal(!flipped, (await emulator.ExportedAccessAsync("embed_acme")).GetProperty("isAllowEmailReports").GetBoolean());
        }
    }
}
