using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;
using EmbedAdmin.Core.Tests.Support;
using EmbedAdmin.Emulator;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>
    /// Secure-embed bulk creation against the emulator's Datadog token bucket (the X-RateLimit-* headers). The
    /// emulator's clock is the test's clock, so when the client waits out X-RateLimit-Reset on the TestClock the
    /// bucket refills by exactly that much: the run is deterministic and takes no real time.
    /// </summary>
    public sealed class SecureEmbedRateLimitTests : IAsyncLifetime
    {
        private readonly TestClock clock = new();
        private EmulatorServer? server;
        private HttpClient? admin;

        private EmulatorServer Server => server!;

        public async Task InitializeAsync()
        {
            server = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Quiet = true, TimeProvider = new TestClockTime(clock) });
            admin = new HttpClient { BaseAddress = server.BaseUri };
        }

        public async Task DisposeAsync()
        {
            admin?.Dispose();
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        private EmbedAdminSession Session(int retries = 5) => EmbedAdminSession.Create(
            new SessionSettings
            {
                DatadogApiKey = EmulatorFixture.Secure(DevKeys.DatadogApiKey),
                DatadogApplicationKey = EmulatorFixture.Secure(DevKeys.DatadogApplicationKey),
                DatadogSite = Server.BaseUri.ToString(),
                MaximumRetryCount = retries,
            },
            _ => null,
            clock,
            new Random(7));

        private async Task LimitAsync(double requestsPerSecond, int burst)
        {
            var response = await admin!.PutAsync(
                "_emulator/rate-limits",
                new StringContent(JsonSerializer.Serialize(new { datadog = new { requestsPerSecond, burst } }), System.Text.Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }

        /// <summary>
        /// Spends the bucket from outside the session, as another client with the same key would, then clears the
        /// emulator's counts. The emulator runs on the test's clock, so nothing refills it until the session waits.
        /// </summary>
        private async Task SpendBudgetAsync(int requests)
        {
            for (var i = 0; i < requests; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "api/v2/dashboard/xyz-123-uvw/shared");
                request.Headers.Add("DD-API-KEY", DevKeys.DatadogApiKey);
                request.Headers.Add("DD-APPLICATION-KEY", DevKeys.DatadogApplicationKey);
                (await admin!.SendAsync(request)).Dispose();
            }

            (await admin!.PostAsync("_emulator/stats/reset", null)).EnsureSuccessStatusCode();
        }

        private async Task<JsonElement> StatsAsync()
        {
            using var document = JsonDocument.Parse(await admin!.GetStringAsync("_emulator/stats"));
            return document.RootElement.Clone();
        }

        private static SecureEmbedCreation Creation(int customer) => SecureEmbedCreation.Create(
            "abc-def-ghi",
            new Dictionary<string, object?> { ["Title"] = "Customer " + customer },
            new Dictionary<string, object?> { ["tv_org_id"] = customer.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        [Fact]
        public async Task EachCreateWaitsWhatXRateLimitResetSaysBeforeItIsSentSoNoneIsRefused()
        {
            // One request per 2 s, bucket of 1: every answer says X-RateLimit-Remaining: 0 and X-RateLimit-Reset: 2,
            // so the session waits those 2 s before the next create instead of meeting a 429.
            await LimitAsync(0.5, 1);
            using var session = Session();
            var client = new SecureEmbedClient(session);
            var context = RequestContext.Silent();

            var created = new List<SecureEmbed>();
            for (var i = 1; i <= 4; i++)
            {
                created.Add(await client.CreateAsync(Creation(i), context, CancellationToken.None));
            }

            Assert.Equal(new[] { "Customer 1", "Customer 2", "Customer 3", "Customer 4" }, created.Select(e => e.Title));
            Assert.Equal(0, context.Stats.ThrottledResponses);
            Assert.Equal(4, context.Stats.Requests);
            // Three waits of the 2 s the answers named (and the spacing at the learned rate, just over 2 s apart).
            Assert.Equal(3, clock.Delays.Count(d => d >= TimeSpan.FromSeconds(2)));
            Assert.InRange(clock.Delays.Sum(d => d.TotalSeconds), 6.0, 6.6);
            var stats = await StatsAsync();
            Assert.Equal(0, stats.GetProperty("rateLimited429").GetInt64());
            Assert.Equal(4, stats.GetProperty("byStatus").GetProperty("200").GetInt64());
            Assert.Equal(0.5, session.GateFor(ApiService.Datadog).LearnedRate);
        }

        [Fact]
        public async Task ABulkRunAtThrottleFourPausesThePoolAndLosesNoRow()
        {
            await LimitAsync(1, 2);

            // The pool paces itself to the bucket once it has heard from it, and might then meet no 429 at all:
            // another client has just spent the bucket, so the first request is refused whatever the pacing.
            await SpendBudgetAsync(2);
            using var session = Session(retries: 10);
            var client = new SecureEmbedClient(session);
            var gate = session.GateFor(ApiService.Datadog);
            const int Rows = 12;

            // The runner is driven as the cmdlet drives it, from one thread; the test awaits that thread.
            var (events, summary) = await Task.Factory.StartNew(
                () =>
                {
                    using var runner = new BulkRunner(
                        new BulkOptions { Operation = "New-SecureEmbed", ThrottleLimit = 4, RateLimitGate = gate, Clock = clock },
                        CancellationToken.None);
                    var all = new List<BulkEvent>();
                    for (var i = 1; i <= Rows; i++)
                    {
                        var creation = Creation(i);
                        all.AddRange(runner.Submit(creation, creation.Title, async token =>
                            new object[] { await client.CreateAsync(creation, runner.Context, token).ConfigureAwait(false) }));
                    }

                    all.AddRange(runner.Complete());
                    return (all, runner.Summary!);
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);

            Assert.Empty(events.OfType<RowFailed>());
            var titles = events.OfType<RowSucceeded>().SelectMany(e => e.Outputs).Cast<SecureEmbed>().Select(e => e.Title);
            Assert.Equal(Enumerable.Range(1, Rows).Select(i => "Customer " + i), titles);

            var stats = await StatsAsync();
            var refused = stats.GetProperty("rateLimited429").GetInt64();
            Assert.True(refused > 0, "a bucket another client has just spent must refuse the first create");
            Assert.Equal(refused, summary.Retries);
            Assert.Equal(Rows + refused, summary.Requests);
            Assert.Equal(Rows, stats.GetProperty("byStatus").GetProperty("200").GetInt64());
            Assert.True(summary.RateLimitWait >= TimeSpan.FromSeconds(1), $"the pool waited {summary.RateLimitWait}");
            Assert.Equal(gate.TotalPaused, summary.RateLimitWait);
        }

        [Fact]
        public async Task WhenRetriesRunOutTheRowIsApiThrottledAndCarriesTheResetTime()
        {
            await LimitAsync(0.25, 1);
            using (var first = Session(retries: 0))
            {
                await new SecureEmbedClient(first).CreateAsync(Creation(1), RequestContext.Silent(), CancellationToken.None);
            }

            // A second session has learned nothing yet, so it sends at once and meets the limit.
            using var session = Session(retries: 0);
            var client = new SecureEmbedClient(session);

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => client.CreateAsync(Creation(2), RequestContext.Silent(), CancellationToken.None));

            Assert.Equal(429, error.StatusCode);
            Assert.Equal("ApiThrottled", ErrorClassifier.Classify(error).ErrorId);
            Assert.Equal(TimeSpan.FromSeconds(4), error.RetryAfter);
            Assert.Contains("Rate limit of 1 requests in 4 seconds reached", error.Message);
            Assert.Empty(clock.Delays);
        }
    }
}
