using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Sessions;
using EmbedAdmin.Core.Tests.Support;
using EmbedAdmin.Emulator;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>
    /// The pool paces itself to the rate the service announces. The emulator runs on the test's clock, so waiting
    /// out a window costs no real time and the counts are exact.
    /// </summary>
    public sealed class RatePacingTests : IAsyncLifetime
    {
        private readonly TestClock clock = new();
        private EmulatorServer? server;
        private HttpClient? admin;

        public async Task InitializeAsync()
        {
            server = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Quiet = true, TimeProvider = new TestClockTime(clock) });
            admin = new HttpClient { BaseAddress = server.BaseUri };
            (await admin.PostAsync("_emulator/embeds/generate", new StringContent("{\"count\":40,\"prefix\":\"pace\"}", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }

        public async Task DisposeAsync()
        {
            admin?.Dispose();
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        private EmbedAdminSession Session() => EmbedAdminSession.Create(
            new SessionSettings { DataBrainApiKey = EmulatorFixture.Secure(DevKeys.DemoAppApiKey), DataBrainUri = server!.BaseUri, MaximumRetryCount = 3 },
            _ => null,
            clock,
            new Random(3));

        private async Task LimitAsync(object limits) =>
            (await admin!.PutAsync("_emulator/rate-limits", new StringContent(JsonSerializer.Serialize(limits), System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        private async Task<JsonElement> StatsAsync()
        {
            using var document = JsonDocument.Parse(await admin!.GetStringAsync("_emulator/stats"));
            return document.RootElement.Clone();
        }

        private async Task<(List<BulkEvent> Events, BulkRunSummary Summary)> RunAsync(EmbedAdminSession session, int rows, int throttle)
        {
            var client = new EmbedClient(session);
            return await Task.Factory.StartNew(
                () =>
                {
                    using var runner = new BulkRunner(
                        new BulkOptions { Operation = "Set-EmbedAccess", ThrottleLimit = throttle, RateLimitGate = session.GateFor(ApiService.DataBrain), Clock = clock, VerboseEnabled = true },
                        CancellationToken.None);
                    var all = new List<BulkEvent>();
                    for (var i = 1; i <= rows; i++)
                    {
                        var change = EmbedAccessChange.Create($"pace_{i:000000}", new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["AllowEmailReports"] = i % 2 == 0 });
                        all.AddRange(runner.Submit(change, change.EmbedId, async token => new object[] { await client.UpdateEmbedAccessAsync(change, runner.Context, token).ConfigureAwait(false) }));
                    }

                    all.AddRange(runner.Complete());
                    return (all, runner.Summary!);
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        [Fact]
        public async Task AFixedWindowIsSpentThenWaitedOutWithout429s()
        {
            await LimitAsync(new { dataBrainWindow = new { count = 10, seconds = 60 } });
            using var session = Session();

            var (events, summary) = await RunAsync(session, rows: 25, throttle: 1);

            Assert.Empty(events.OfType<RowFailed>());
            Assert.Equal(25, events.OfType<RowSucceeded>().Count());
            var stats = await StatsAsync();
            Assert.Equal(0, stats.GetProperty("rateLimited429").GetInt64());
            Assert.Equal(25, stats.GetProperty("totalRequests").GetInt64());
            // 25 rows need three windows: the pool waited out two of them, about a minute each.
            Assert.InRange(summary.RateLimitWait.TotalSeconds, 100, 125);
            Assert.Contains("rate learned: 10 requests per 60 s", summary.ToString(), StringComparison.Ordinal);
            Assert.Contains(events.OfType<LogMessage>(), m => m.Text.Contains("rate learned: 10 requests per 60 s", StringComparison.Ordinal));
        }

        [Fact]
        public async Task AWindowIsSharedByTheWholePoolAtThrottleFour()
        {
            await LimitAsync(new { dataBrainWindow = new { count = 10, seconds = 60 } });
            using var session = Session();

            var (events, _) = await RunAsync(session, rows: 30, throttle: 4);

            Assert.Empty(events.OfType<RowFailed>());
            var stats = await StatsAsync();
            // Only the first answers, before anything is known, may meet the wall.
            Assert.InRange(stats.GetProperty("rateLimited429").GetInt64(), 0, 4);
        }

        [Fact]
        public async Task ATokenBucketIsFollowedAtItsRateWithout429s()
        {
            await LimitAsync(new { dataBrain = new { requestsPerSecond = 2, burst = 1 } });
            using var session = Session();

            var (events, summary) = await RunAsync(session, rows: 12, throttle: 1);

            Assert.Empty(events.OfType<RowFailed>());
            Assert.Equal(0, (await StatsAsync()).GetProperty("rateLimited429").GetInt64());
            Assert.Equal(2.0, session.GateFor(ApiService.DataBrain).LearnedRate);
            // Spaced just under the rate: a little over half a second apart.
            Assert.Contains(clock.Delays, d => d.TotalSeconds is > 0.5 and < 0.6);
            Assert.Contains("rate learned: 2 requests per 1 s", summary.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task A429WithoutHeadersHalvesTheRequestsInFlightOncePerRoundAndSuccessesGrowThemBack()
        {
            var gate = await AnsweredGateAsync();
            var tickets = new List<RateLimitGate.Ticket>();
            for (var i = 0; i < 8; i++)
            {
                tickets.Add(await gate.AcquireAsync(CancellationToken.None));
            }

            using var refused = new HttpResponseMessage((HttpStatusCode)429);
            using var ok = new HttpResponseMessage(HttpStatusCode.OK);

            Assert.False(gate.Observe(tickets[0], refused));
            Assert.Equal(4, gate.Concurrency);
            Assert.False(gate.Observe(tickets[1], refused));
            Assert.Equal(4, gate.Concurrency);
            foreach (var ticket in tickets)
            {
                gate.Release(ticket);
            }

            for (var i = 0; i < 4; i++)
            {
                var ticket = await gate.AcquireAsync(CancellationToken.None);
                gate.Observe(ticket, ok);
                gate.Release(ticket);
            }

            Assert.Equal(5, gate.Concurrency);
            Assert.Equal(5, gate.Successes);
            Assert.Contains("cut to 4", gate.Describe(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task ARequestWaitsWhileThePoolIsAtItsConcurrencyAndGoesWhenOneReturns()
        {
            var gate = await AnsweredGateAsync();
            var first = await gate.AcquireAsync(CancellationToken.None);
            var second = await gate.AcquireAsync(CancellationToken.None);
            using var refused = new HttpResponseMessage((HttpStatusCode)429);
            gate.Observe(first, refused);
            Assert.Equal(1, gate.Concurrency);

            var third = gate.AcquireAsync(CancellationToken.None);
            gate.Release(first);
            Assert.False(third.IsCompleted);
            gate.Release(second);

            gate.Release(await third);
        }

        [Fact]
        public async Task BeforeTheFirstAnswerOneRequestGoesAtATimeAndTheAnswerOpensThePool()
        {
            var gate = new RateLimitGate(clock);
            var first = await gate.AcquireAsync(CancellationToken.None);
            var second = gate.AcquireAsync(CancellationToken.None);
            Assert.False(second.IsCompleted);

            // A request that ends without an answer (a timeout, a dropped connection) teaches nothing: the next
            // one still goes alone.
            gate.Release(first);
            var secondTicket = await second;
            var third = gate.AcquireAsync(CancellationToken.None);
            Assert.False(third.IsCompleted);

            using var ok = new HttpResponseMessage(HttpStatusCode.OK);
            gate.Observe(secondTicket, ok);
            gate.Release(secondTicket);
            var tickets = new List<RateLimitGate.Ticket> { await third };
            for (var i = 0; i < 7; i++)
            {
                var next = gate.AcquireAsync(CancellationToken.None);
                Assert.True(next.IsCompleted);
                tickets.Add(await next);
            }

            tickets.ForEach(gate.Release);
        }

        [Fact]
        public async Task ThePaceSlowsWhenMoreThanOneInABatchOfTwentyIsRefusedAndRecoversOnCleanBatches()
        {
            // 20 requests per second, no burst: spaced just under the rate, 1 / (20 × 0.97) s apart.
            var gate = new RateLimitGate(clock);
            var first = await gate.AcquireAsync(CancellationToken.None);
            using (var answer = BucketAnswer(HttpStatusCode.OK))
            {
                gate.Observe(first, answer);
            }

            gate.Release(first);
            var fastest = await SpacingAsync(gate);
            Assert.Equal(1.0 / (20 * 0.97), fastest.TotalSeconds, 4);

            // One refusal in twenty is the network's jitter: the pace holds.
            await SpacedBatchAsync(gate, refusals: 1);
            Assert.Equal(fastest, await SpacingAsync(gate));

            // Two are more: 5 % slower.
            await SpacedBatchAsync(gate, refusals: 2);
            var slower = await SpacingAsync(gate);
            Assert.Equal(fastest.TotalSeconds / 0.95, slower.TotalSeconds, 4);

            // A clean batch speeds it up by 1 %, and more bring it back to just under the rate, no further.
            await SpacedBatchAsync(gate, refusals: 0);
            Assert.Equal(slower.TotalSeconds / 1.01, (await SpacingAsync(gate)).TotalSeconds, 4);
            for (var i = 0; i < 8; i++)
            {
                await SpacedBatchAsync(gate, refusals: 0);
            }

            Assert.Equal(fastest, await SpacingAsync(gate));
        }

        [Fact]
        public async Task AWindowThatLooksUsedUpWaitsForTheAnswersInFlightBeforePausing()
        {
            // A window of 100 per 10 s with 5 left. Four go out; the service counts the second before answering the
            // first, so the first answer says 3 left while three others are in flight: counted as not yet seen by
            // the service, they leave no room. The second's answer (4 left) shows they were not all unseen.
            var gate = new RateLimitGate(clock);
            var opening = await gate.AcquireAsync(CancellationToken.None);
            using (var answer = WindowAnswer(remaining: 5))
            {
                gate.Observe(opening, answer);
            }

            gate.Release(opening);
            var sent = new List<RateLimitGate.Ticket>();
            for (var i = 0; i < 4; i++)
            {
                sent.Add(await gate.AcquireAsync(CancellationToken.None));
            }

            using (var answer = WindowAnswer(remaining: 3))
            {
                gate.Observe(sent[0], answer);
            }

            gate.Release(sent[0]);
            var next = gate.AcquireAsync(CancellationToken.None);
            Assert.False(next.IsCompleted);

            using (var answer = WindowAnswer(remaining: 4))
            {
                gate.Observe(sent[1], answer);
            }

            gate.Release(sent[1]);
            var last = await next.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.DoesNotContain(clock.Delays, delay => delay > TimeSpan.Zero);

            // Once every answer is in and the window holds nothing more, the pool waits for it to reset.
            foreach (var ticket in new[] { sent[2], sent[3], last })
            {
                using var answer = WindowAnswer(remaining: 0);
                gate.Observe(ticket, answer);
                gate.Release(ticket);
            }

            gate.Release(await gate.AcquireAsync(CancellationToken.None));
            Assert.Contains(clock.Delays, delay => delay == TimeSpan.FromSeconds(10));
        }

        /// <summary>An answer of DataBrain's fixed window of 100 per 10 s, with the window's whole 10 s still to run.</summary>
        private static HttpResponseMessage WindowAnswer(int remaining)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK);
            response.Headers.TryAddWithoutValidation("RateLimit-Limit", "100");
            response.Headers.TryAddWithoutValidation("RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
            response.Headers.TryAddWithoutValidation("RateLimit-Reset", "10");
            response.Headers.TryAddWithoutValidation("RateLimit-Policy", "100;w=10");
            return response;
        }

        /// <summary>An answer of a 20-per-second bucket with no burst, as the emulator and Datadog send it.</summary>
        private static HttpResponseMessage BucketAnswer(HttpStatusCode status)
        {
            var response = new HttpResponseMessage(status);
            response.Headers.TryAddWithoutValidation("X-RateLimit-Limit", "20");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Period", "1");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "0");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", status == HttpStatusCode.OK ? "0" : "1");
            return response;
        }

        /// <summary>Twenty requests at the pace, the first <paramref name="refusals"/> of them answered 429.</summary>
        private static async Task SpacedBatchAsync(RateLimitGate gate, int refusals)
        {
            for (var i = 0; i < 20; i++)
            {
                var ticket = await gate.AcquireAsync(CancellationToken.None);
                Assert.True(ticket.Spaced);
                using var answer = BucketAnswer(i < refusals ? (HttpStatusCode)429 : HttpStatusCode.OK);
                gate.Observe(ticket, answer);
                gate.Release(ticket);
            }
        }

        /// <summary>The wait the gate puts between two requests now, read off the test clock; neither is answered.</summary>
        private async Task<TimeSpan> SpacingAsync(RateLimitGate gate)
        {
            gate.Release(await gate.AcquireAsync(CancellationToken.None));
            var before = clock.Delays.Count;
            gate.Release(await gate.AcquireAsync(CancellationToken.None));
            return clock.Delays.Skip(before).Aggregate(TimeSpan.Zero, (sum, delay) => sum + delay);
        }

        /// <summary>A gate past its first answer, an OK without rate-limit headers: nothing learned, the pool open.</summary>
        private async Task<RateLimitGate> AnsweredGateAsync()
        {
            var gate = new RateLimitGate(clock);
            var ticket = await gate.AcquireAsync(CancellationToken.None);
            using var ok = new HttpResponseMessage(HttpStatusCode.OK);
            gate.Observe(ticket, ok);
            gate.Release(ticket);
            return gate;
        }

        [Theory]
        [InlineData("X-RateLimit-Limit: 100|X-RateLimit-Period: 10|X-RateLimit-Remaining: 42|X-RateLimit-Reset: 7, 7", 100, 10.0, 42, 7.0)]
        [InlineData("RateLimit-Limit: 500|RateLimit-Remaining: 499|RateLimit-Reset: 120|RateLimit-Policy: 500;w=120", 500, 120.0, 499, 120.0)]
        [InlineData("RateLimit: limit=100, remaining=50, reset=5|RateLimit-Policy: 100;w=60", 100, 60.0, 50, 5.0)]
        [InlineData("RateLimit: \"default\";r=3;t=9|RateLimit-Policy: \"default\";q=20;w=30", 20, 30.0, 3, 9.0)]
        public void EveryHeaderFamilyIsRead(string lines, int limit, double period, int remaining, double reset)
        {
            using var response = new HttpResponseMessage(HttpStatusCode.OK);
            foreach (var line in lines.Split('|'))
            {
                var colon = line.IndexOf(':');
                response.Headers.TryAddWithoutValidation(line.Substring(0, colon), line.Substring(colon + 1).Trim());
            }

            var headers = RateLimitHeaders.Read(response.Headers);

            Assert.Equal(limit, headers.Limit);
            Assert.Equal(period, headers.PeriodSeconds);
            Assert.Equal(remaining, headers.Remaining);
            Assert.Equal(reset, headers.ResetSeconds);
        }
    }
}
