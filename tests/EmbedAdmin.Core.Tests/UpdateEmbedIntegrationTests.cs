using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Sessions;
using EmbedAdmin.Core.Tests.Support;
using EmbedAdmin.Emulator;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>Set-EmbedAccess's request, over real HTTP, against the emulator's reading of docs.usedatabrain.com/api-reference/update-embed.</summary>
    public class UpdateEmbedIntegrationTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
    {
        private readonly EmulatorFixture emulator;

        public UpdateEmbedIntegrationTests(EmulatorFixture emulator)
        {
            this.emulator = emulator;
        }

        public Task InitializeAsync() => emulator.ResetAsync();

        public Task DisposeAsync() => Task.CompletedTask;

        private static EmbedAccessChange Change(string embedId, params (string Name, object? Value)[] values) =>
            EmbedAccessChange.Create(embedId, values.ToDictionary(v => v.Name, v => v.Value));

        private async Task<EmbedAdminApiException> FailsWith(string code, EmbedAdminSession session, EmbedAccessChange change)
        {
            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() =>
                new EmbedClient(session).UpdateEmbedAccessAsync(change, RequestContext.Silent(), CancellationToken.None));
            Assert.Equal(code, error.ApiCode);
            return error;
        }

        [Fact]
        public async Task AnUpdateChangesOnlyTheGivenSettings()
        {
            var before = await emulator.ExportedAccessAsync("embed_acme");
            using var session = emulator.Session();
            var flipped = !before.GetProperty("isAllowEmailReports").GetBoolean();

            var result = await new EmbedClient(session).UpdateEmbedAccessAsync(
                Change("embed_acme", ("AllowEmailReports", flipped), ("MetricCreationMode", "CHAT")), RequestContext.Silent(), CancellationToken.None);

            var after = await emulator.ExportedAccessAsync("embed_acme");
            Assert.Equal("embed_acme", result.EmbedId);
            Assert.Equal(flipped, after.GetProperty("isAllowEmailReports").GetBoolean());
            Assert.Equal("CHAT", after.GetProperty("metricCreationMode").GetString());
            foreach (var unchanged in new[] { "isAllowManageMetrics", "isAllowMetricCreation", "isAllowMetricDeletion", "isAllowUnderlyingData", "isAllowCreateDashboardView" })
            {
                Assert.Equal(before.GetProperty(unchanged).GetBoolean(), after.GetProperty(unchanged).GetBoolean());
            }
        }

        /// <summary>
        /// An empty CSV cell means "not set": on embed_acme, which allows underlying data and AI pilot, a cell read
        /// as false would turn them off, so "left out" and "sent as false" give different answers here.
        /// </summary>
        [Fact]
        public async Task EmptyCellsAreLeftOutOfTheBodyAndKeepTheEmbedsValues()
        {
            var before = await EmulatorState.EmbedAccessAsync(emulator.Admin, "embed_acme");
            Assert.Equal((true, true, true), ((bool)before["isAllowUnderlyingData"]!, (bool)before["isAllowAiPilot"]!, (bool)before["isAllowEmailReports"]!));
            using var session = emulator.Session();
            var log = new RecordingLog();

            var result = await new EmbedClient(session).UpdateEmbedAccessAsync(
                Change("embed_acme", ("AllowUnderlyingData", ""), ("AllowAiPilot", " "), ("JoinModel", ""), ("AllowEmailReports", "false")),
                new RequestContext(log, new RequestStats()),
                CancellationToken.None);

            Assert.Equal(new[] { "isAllowEmailReports" }, result.UpdatedFields);
            var sent = Assert.Single(log.Lines, line => line.StartsWith("DEBUG: Request PUT", StringComparison.Ordinal));
            Assert.Contains("{\"embedId\":\"embed_acme\",\"accessSettings\":{\"isAllowEmailReports\":false}}", sent);
            var after = await EmulatorState.EmbedAccessAsync(emulator.Admin, "embed_acme");
            Assert.False((bool)after["isAllowEmailReports"]!);
            Assert.True((bool)after["isAllowUnderlyingData"]!);
            Assert.True((bool)after["isAllowAiPilot"]!);
            Assert.Equal("multi", (string?)after["joinModel"]);
        }

        [Fact]
        public async Task TheLegacyPathIsUnderstoodToo()
        {
            using var session = emulator.Session(legacy: true);
            Assert.Equal("single", (string?)(await EmulatorState.EmbedAccessAsync(emulator.Admin, "embed_globex"))["joinModel"]);

            await new EmbedClient(session).UpdateEmbedAccessAsync(Change("embed_globex", ("JoinModel", "multi")), RequestContext.Silent(), CancellationToken.None);

            Assert.Equal("multi", (await emulator.ExportedAccessAsync("embed_globex")).GetProperty("joinModel").GetString());
        }

        [Fact]
        public async Task ANewDatamartCanBeAssigned()
        {
            using var session = emulator.Session();

            await new EmbedClient(session).UpdateEmbedAccessAsync(Change("embed_initech", ("DatamartName", "sales-datamart")), RequestContext.Silent(), CancellationToken.None);

            Assert.Equal("sales-datamart", (await emulator.ExportedAccessAsync("embed_initech")).GetProperty("datamartName").GetString());
        }

        [Fact]
        public async Task UnknownEmbedIsEmbedNotFound()
        {
            using var session = emulator.Session();
            var error = await FailsWith("EMBED_NOT_FOUND", session, Change("embed_nope", ("AllowEmailReports", true)));

            Assert.Equal("EmbedNotFound", ErrorClassifier.Classify(error).ErrorId);
            Assert.False(string.IsNullOrEmpty(error.RequestId));
        }

        [Fact]
        public async Task UnknownDatamartIsInvalidDatamart()
        {
            using var session = emulator.Session();
            await FailsWith("INVALID_DATAMART", session, Change("embed_acme", ("DatamartName", "no-such-datamart")));
        }

        [Fact]
        public async Task AnEmbedWhoseWorkspaceIsGoneIsInvalidWorkspaceName()
        {
            using var session = emulator.Session();
            await FailsWith("INVALID_WORKSPACE_NAME", session, Change("embed_orphan", ("AllowEmailReports", true)));
        }

        [Fact]
        public async Task AnotherDataAppsEmbedIsInsufficientPermissions()
        {
            using var session = emulator.Session(dataAppKey: DevKeys.OtherAppApiKey);
            await FailsWith("INSUFFICIENT_PERMISSIONS", session, Change("embed_acme", ("AllowEmailReports", true)));
        }

        [Fact]
        public async Task AWrongKeyIsAuthenticationErr()
        {
            using var session = emulator.Session(dataAppKey: "dbn_live_not_a_real_key_0000");
            var error = await FailsWith("AUTHENTICATION_ERR", session, Change("embed_acme", ("AllowEmailReports", true)));

            Assert.Equal(401, error.StatusCode);
            Assert.DoesNotContain("not_a_real_key", error.Message);
        }

        [Fact]
        public async Task ContradictoryJoinSettingsAreAConflictingUpdate()
        {
            using var session = emulator.Session();
            var error = await FailsWith("CONFLICTING_UPDATE", session, Change("embed_acme", ("JoinModel", "single"), ("IsIncrementalJoin", true)));

            Assert.Equal(409, error.StatusCode);
        }

        [Fact]
        public async Task ABodyTheServerRejectsIsInvalidAccessSettings()
        {
            // The cmdlet never sends this (Core rejects it first), so it goes straight through the pipeline to
            // prove the error path parses what the server says about a bad value.
            using var session = emulator.Session();
            var request = new ApiRequest(ApiService.DataBrain, AuthKind.DataAppKey, HttpMethod.Put, "api/v2/data-app/embeds")
                .WithJson(Encoding.UTF8.GetBytes("{\"embedId\":\"embed_acme\",\"accessSettings\":{\"joinModel\":\"triple\"}}"));

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => session.Api.SendAsync(request, RequestContext.Silent(), CancellationToken.None));

            Assert.Equal("INVALID_ACCESS_SETTINGS", error.ApiCode);
            Assert.Equal(400, error.StatusCode);
        }

        [Fact]
        public async Task OverTheRateLimitIsRateLimitExceededWithRetryAfter()
        {
            await emulator.SetRateLimitsAsync(new { dataBrain = new { requestsPerSecond = 0.1, burst = 1 } });
            using (var first = emulator.Session(retries: 0))
            {
                await new EmbedClient(first).UpdateEmbedAccessAsync(Change("embed_acme", ("AllowEmailReports", true)), RequestContext.Silent(), CancellationToken.None);
            }

            // A new session has not learned the limit from the first answer, so it runs into it.
            using var session = emulator.Session(retries: 0);

            var error = await FailsWith("RATE_LIMIT_EXCEEDED", session, Change("embed_acme", ("AllowEmailReports", false)));

            Assert.Equal(429, error.StatusCode);
            Assert.NotNull(error.RetryAfter);
            Assert.True(error.RetryAfter > TimeSpan.Zero);
        }

        [Fact]
        public async Task A500IsRetriedForThePutLikeA502()
        {
            // The PUT is idempotent: repeating it cannot apply the change twice, so a 500 is retried.
            await emulator.SetFaultsAsync(new { errorRate = 1.0, seed = 3 });
            var clock = new TestClock();
            using var session = emulator.Session(clock, retries: 3);

            var error = await FailsWith("INTERNAL_SERVER_ERROR", session, Change("embed_acme", ("AllowEmailReports", true)));

            Assert.Equal(500, error.StatusCode);
            Assert.Equal("ServerError", ErrorClassifier.Classify(error).ErrorId);
            Assert.Equal(4, await emulator.ApiRequestCountAsync());
            Assert.Equal(3, clock.Delays.Count);
        }

        /// <summary>The legacy update is a POST: the server may have applied it before it failed or the connection dropped.</summary>
        [Theory]
        [InlineData("errorRate", "INTERNAL_SERVER_ERROR")]
        [InlineData("dropRate", "CONNECTION_FAILED")]
        public async Task NeitherServerErrorsNorLostConnectionsAreRetriedForTheLegacyPost(string fault, string code)
        {
            await emulator.SetFaultsAsync(new Dictionary<string, object> { [fault] = 1.0, ["seed"] = 3 });
            using var session = emulator.Session(new TestClock(), retries: 3, legacy: true);

            await FailsWith(code, session, Change("embed_acme", ("AllowEmailReports", false)));

            Assert.Equal(1, await emulator.ApiRequestCountAsync());
        }

        [Fact]
        public async Task AThrottledRequestIsSentOnceAndThenExactlyMaximumRetryCountTimesMore()
        {
            // One token refilled every 20 s: every request after the first is answered 429 while the test clock makes
            // each asked-for wait (20 s, within the 60 s the session accepts) pass at once.
            await emulator.SetRateLimitsAsync(new { dataBrain = new { requestsPerSecond = 0.05, burst = 1 } });
            using var session = emulator.Session(new TestClock(), retries: 3);
            await new EmbedClient(session).UpdateEmbedAccessAsync(Change("embed_acme", ("AllowEmailReports", false)), RequestContext.Silent(), CancellationToken.None);
            await emulator.ResetStatsAsync();

            await FailsWith("RATE_LIMIT_EXCEEDED", session, Change("embed_acme", ("AllowEmailReports", true)));

            Assert.Equal(1 + 3, await emulator.ApiRequestCountAsync());
        }

        [Fact]
        public async Task A429StormIsWaitedOutAtTheServersPace()
        {
            await emulator.SetFaultsAsync(new { stormEvery = 1, stormLength = 2, stormRetryAfterSeconds = 3, seed = 1 });
            var clock = new TestClock();
            using var session = emulator.Session(clock, retries: 5);
            var context = RequestContext.Silent();

            var results = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                results.Add((await new EmbedClient(session).UpdateEmbedAccessAsync(Change("embed_acme", ("AllowEmailReports", i % 2 == 0)), context, CancellationToken.None)).EmbedId);
            }

            Assert.All(results, id => Assert.Equal("embed_acme", id));
            Assert.True(context.Stats.Retries >= 2, $"retries: {context.Stats.Retries}");
            Assert.Equal(context.Stats.Retries, context.Stats.ThrottledResponses);
            Assert.NotEmpty(clock.Delays);
            // Retry-After was 3 s; the wait is that plus at most 5 % jitter.
            Assert.All(clock.Delays, d => Assert.InRange(d.TotalSeconds, 3.0, 3.151));
            Assert.True(session.GateFor(ApiService.DataBrain).TotalPaused >= TimeSpan.FromSeconds(3 * context.Stats.ThrottledResponses));
        }

        [Fact]
        public async Task A429PausesTheWholePool()
        {
            // The storm answers 429 to every second request: the first passes, the second is throttled.
            await emulator.SetFaultsAsync(new { stormEvery = 1, stormLength = 1, stormRetryAfterSeconds = 5, seed = 1 });
            var clock = new TestClock();
            using var session = emulator.Session(clock, retries: 5);
            var client = new EmbedClient(session);
            var start = clock.UtcNow;

            await client.UpdateEmbedAccessAsync(Change("embed_acme", ("AllowEmailReports", true)), RequestContext.Silent(), CancellationToken.None);
            await client.UpdateEmbedAccessAsync(Change("embed_acme", ("AllowEmailReports", false)), RequestContext.Silent(), CancellationToken.None);

            var gate = session.GateFor(ApiService.DataBrain);
            Assert.True(gate.PausedUntil >= start.AddSeconds(5), "the 429 set a pause that every request of the session waits for");
            Assert.InRange(gate.TotalPaused.TotalSeconds, 5.0, 5.251);
            Assert.Equal(TimeSpan.Zero, session.GateFor(ApiService.Datadog).TotalPaused);
        }

        [Fact]
        public async Task DroppedConnectionsAreRetriedForIdempotentCalls()
        {
            await emulator.SetFaultsAsync(new { dropRate = 1.0, seed = 9 });
            using var session = emulator.Session(new TestClock(), retries: 2);

            var error = await FailsWith("CONNECTION_FAILED", session, Change("embed_acme", ("AllowEmailReports", true)));

            Assert.Null(error.StatusCode);
            Assert.Equal("ConnectionFailed", ErrorClassifier.Classify(error).ErrorId);
            Assert.Equal(3, await emulator.ApiRequestCountAsync());
        }

        [Fact]
        public async Task ASlowAnswerTimesOut()
        {
            await emulator.SetFaultsAsync(new { latencyMs = 3000, seed = 1 });
            using var session = emulator.Session(new TestClock(), retries: 0, timeout: TimeSpan.FromMilliseconds(200));

            var error = await FailsWith("REQUEST_TIMEOUT", session, Change("embed_acme", ("AllowEmailReports", true)));

            Assert.Equal("RequestTimeout", ErrorClassifier.Classify(error).ErrorId);
        }

        [Fact]
        public async Task CancellationReachesTheRequestInFlight()
        {
            await emulator.SetFaultsAsync(new { latencyMs = 5000, seed = 1 });
            using var session = emulator.Session(retries: 0);
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
            var started = DateTime.UtcNow;

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new EmbedClient(session).UpdateEmbedAccessAsync(Change("embed_acme", ("AllowEmailReports", true)), RequestContext.Silent(), cancel.Token));

            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4), "cancelled long before the 5 s answer");
        }

        [Fact]
        public async Task AMissingCredentialSendsNothing()
        {
            using var session = EmbedAdminSession.Create(new SessionSettings { DataBrainUri = emulator.BaseUri }, _ => null);

            await Assert.ThrowsAsync<EmbedAdminCredentialException>(() =>
                new EmbedClient(session).UpdateEmbedAccessAsync(Change("embed_acme", ("AllowEmailReports", true)), RequestContext.Silent(), CancellationToken.None));

            Assert.Equal(0, await emulator.ApiRequestCountAsync());
        }

        [Fact]
        public async Task DebugLogShowsTheExchangeWithoutTheKey()
        {
            using var session = emulator.Session();
            var log = new RecordingLog();

            await new EmbedClient(session).UpdateEmbedAccessAsync(Change("embed_acme", ("AllowEmailReports", true)), new RequestContext(log, new RequestStats()), CancellationToken.None);

            var all = log.All;
            Assert.Contains("VERBOSE: PUT " + emulator.BaseUri + "api/v2/data-app/embeds", all);
            Assert.Contains("200", all);
            Assert.Contains("Authorization: [REDACTED]", all);
            Assert.Contains("\"isAllowEmailReports\":true", all);
            Assert.DoesNotContain(DevKeys.DemoAppApiKey, all);
            Assert.DoesNotContain(DevKeys.DemoAppApiKey.Substring(8, 12), all);
        }

        [Fact]
        public async Task NothingIsLoggedWhenNoStreamListens()
        {
            using var session = emulator.Session();
            var context = RequestContext.Silent();

            await new EmbedClient(session).UpdateEmbedAccessAsync(Change("embed_acme", ("AllowEmailReports", true)), context, CancellationToken.None);

            Assert.Equal(1, context.Stats.Requests);
            Assert.Equal(0, context.Stats.Retries);
        }
    }
}
