using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>
    /// Resilience: a 10,000-row Set-EmbedAccess run through the same engine the cmdlet uses (BulkRunner +
    /// EmbedClient, one UpdateEmbedAccessAsync per row) while the emulator injects 500s, dropped connections
    /// and 429 storms. Every row must end with exactly one outcome, and the emulator's whole state must be what
    /// those outcomes say it should be.
    /// </summary>
    public class ResilienceTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
    {
        private const int Rows = 10_000;
        private const string Prefix = "resilience";

        // Injected 500s are retried like the other transient faults (the PUT is idempotent); a row fails only when
        // its retries run out, as a server error, as throttled or as a connection failure.
        private static readonly string[] FaultErrorIds = { "ServerError", "ApiThrottled", "ConnectionFailed" };

        private readonly EmulatorFixture emulator;
        private readonly ITestOutputHelper output;

        public ResilienceTests(EmulatorFixture emulator, ITestOutputHelper output)
        {
            this.emulator = emulator;
            this.output = output;
        }

        public Task InitializeAsync() => emulator.ResetAsync();

        public async Task DisposeAsync() => await emulator.ResetAsync();

        [Fact]
        public async Task TenThousandRowsUnderFaultsEachEndOnceAndTheStateMatchesTheOutcomes()
        {
            (await emulator.Admin.PostAsJsonAsync("_emulator/embeds/generate", new { count = Rows, prefix = Prefix })).EnsureSuccessStatusCode();
            var initial = JsonNode.Parse(await emulator.Admin.GetStringAsync("_emulator/state"))!.AsObject();
            var initialEmbeds = EmbedsById(initial);
            var ids = Enumerable.Range(1, Rows).Select(i => $"{Prefix}_{i:000000}").ToList();
            Assert.All(ids, id => Assert.True(initialEmbeds.ContainsKey(id), id + " was not generated"));

            // Each row flips values away from what the generator gave it, so a row that was applied and a row
            // that was not can always be told apart in the final state.
            var changes = ids.ToDictionary(id => id, id => ChangeFor(id, (JsonObject)initialEmbeds[id]["accessSettings"]!));

            await emulator.SetFaultsAsync(new
            {
                latencyMs = 0,
                errorRate = 0.05,
                dropRate = 0.02,
                stormEvery = 500,
                stormLength = 40,
                stormRetryAfterSeconds = 2,
                seed = 8008,
            });

            // The TestClock makes every Retry-After and backoff wait cost nothing, so only the requests take time.
            var clock = new TestClock();
            using var session = emulator.Session(clock, retries: 8);
            var client = new EmbedClient(session);
            var events = new List<BulkEvent>();
            BulkRunSummary? summary = null;
            var stopwatch = Stopwatch.StartNew();

            // Submit blocks while too many rows are pending; on its own thread it cannot starve the pool's workers.
            await Task.Factory.StartNew(
                () =>
                {
                    using var runner = new BulkRunner(
                        new BulkOptions { Operation = "Set-EmbedAccess", ThrottleLimit = 16, RateLimitGate = session.GateFor(ApiService.DataBrain), ExpectedTotal = Rows },
                        CancellationToken.None);
                    foreach (var id in ids)
                    {
                        var change = EmbedAccessChange.Create(id, changes[id]);
                        events.AddRange(runner.Submit(id, id, async token => new object[] { await client.UpdateEmbedAccessAsync(change, runner.Context, token).ConfigureAwait(false) }));
                    }

                    events.AddRange(runner.Complete());
                    summary = runner.Summary;
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            stopwatch.Stop();

            await emulator.SetFaultsAsync(new { });
            var stats = JsonNode.Parse(await emulator.Admin.GetStringAsync("_emulator/stats"))!;
            var succeeded = events.OfType<RowSucceeded>().ToList();
            var failed = events.OfType<RowFailed>().ToList();
            output.WriteLine(
                $"{Rows} rows in {stopwatch.Elapsed.TotalSeconds:0.0} s: {succeeded.Count} succeeded, {failed.Count} failed "
                + $"({string.Join(", ", failed.GroupBy(f => f.Classification.ErrorId).Select(g => g.Key + " " + g.Count()))}); "
                + $"emulator: {stats.ToJsonString()}; client: {summary}");

            // The faults really happened, all three kinds.
            Assert.True((long)stats["injectedErrors"]! > 0, "no 500 was injected");
            Assert.True((long)stats["dropped"]! > 0, "no connection was dropped");
            Assert.True((long)stats["storm429"]! > 0, "no 429 storm happened");
            Assert.True(summary!.Retries > 0);

            // Exactly one outcome per row: every id once, in input order, nothing interrupted or left unsent.
            Assert.Equal(Rows, succeeded.Count + failed.Count);
            Assert.Equal(ids, events.Where(e => e is RowSucceeded or RowFailed).Select(e => e is RowSucceeded s ? s.Target : ((RowFailed)e).Target));
            Assert.Equal(succeeded.Select(s => s.Target), summary.Succeeded);
            Assert.Equal(failed.Select(f => f.Target), summary.Failed);
            Assert.False(summary.Cancelled);
            Assert.Empty(summary.Interrupted);
            Assert.Empty(summary.NotStarted);
            Assert.All(succeeded, s => Assert.Equal(s.Target, Assert.IsType<Models.EmbedAccess>(Assert.Single(s.Outputs)).EmbedId));

            // Failures are the injected faults and nothing else; an injected 500 is retried, so far fewer rows end
            // on one than there were 500s.
            Assert.All(failed, f => Assert.Contains(f.Classification.ErrorId, FaultErrorIds));
            Assert.True(failed.Count(f => f.Classification.ErrorId == "ServerError") < (long)stats["injectedErrors"]! / 10, "500s were not retried");
            Assert.Equal((long)stats["totalRequests"]!, summary.Requests);
            Assert.Equal((long)stats["mutations"]!, succeeded.Count);

            // The expected state, from the outcomes. The emulator decides a fault before it runs the handler
            // (Infrastructure/EmulatorRuntime.HandleApiAsync: storm 429, dropped connection and injected 500 all
            // return before route.Handler), so a faulted attempt applies nothing:
            // - succeeded: some attempt reached the handler and answered 200, so the change is applied (an
            //   earlier dropped attempt applied nothing, and the PUT is idempotent anyway);
            // - failed with a 500, or with retries exhausted on 429s or on drops: no attempt reached the handler,
            //   so the row is exactly as generated, updatedAt included. Against a real server a drop could come
            //   after the change was applied; this emulator never does that, so "not applied" is exact here.
            var final = JsonNode.Parse(await emulator.Admin.GetStringAsync("_emulator/state"))!.AsObject();
            var finalEmbeds = EmbedsById(final);
            var expected = initial.DeepClone().AsObject();
            var expectedEmbeds = EmbedsById(expected);
            foreach (var row in succeeded)
            {
                var embed = expectedEmbeds[row.Target];
                Apply(changes[row.Target], (JsonObject)embed["accessSettings"]!);
                // The update time is the emulator's clock; what matters is that it moved for applied rows only.
                Assert.NotEqual((string?)initialEmbeds[row.Target]["updatedAt"], (string?)finalEmbeds[row.Target]["updatedAt"]);
                embed["updatedAt"] = finalEmbeds[row.Target]["updatedAt"]!.DeepClone();
            }

            var wrong = ids.Where(id => !JsonNode.DeepEquals(expectedEmbeds[id], finalEmbeds[id])).ToList();
            Assert.True(
                wrong.Count == 0,
                $"{wrong.Count} embeds differ from their outcome, e.g. {wrong.FirstOrDefault()}: expected "
                + $"{expectedEmbeds[wrong.FirstOrDefault() ?? ids[0]].ToJsonString()} but found {finalEmbeds[wrong.FirstOrDefault() ?? ids[0]].ToJsonString()}");
            Assert.True(JsonNode.DeepEquals(expected, final), "the state outside the generated embeds changed");
        }

        /// <summary>
        /// The branches the big run rarely reaches: retries exhausted on dropped connections and on a storm longer
        /// than the retry budget. Those rows fail (ConnectionFailed, ApiThrottled) and, since the emulator drops
        /// and throttles before it applies anything, stay as they were.
        /// </summary>
        [Fact]
        public async Task RowsWhoseRetriesRunOutOnDropsOrStormsFailOnceAndAreNotApplied()
        {
            const int count = 400;
            (await emulator.Admin.PostAsJsonAsync("_emulator/embeds/generate", new { count, prefix = Prefix })).EnsureSuccessStatusCode();
            var initialEmbeds = EmbedsById(JsonNode.Parse(await emulator.Admin.GetStringAsync("_emulator/state"))!.AsObject());
            var ids = Enumerable.Range(1, count).Select(i => $"{Prefix}_{i:000000}").ToList();
            var changes = ids.ToDictionary(id => id, id => ChangeFor(id, (JsonObject)initialEmbeds[id]["accessSettings"]!));
            await emulator.SetFaultsAsync(new { dropRate = 0.5, stormEvery = 150, stormLength = 60, stormRetryAfterSeconds = 1, seed = 3 });

            using var session = emulator.Session(new TestClock(), retries: 2);
            var client = new EmbedClient(session);
            var events = new List<BulkEvent>();
            await Task.Factory.StartNew(
                () =>
                {
                    using var runner = new BulkRunner(new BulkOptions { ThrottleLimit = 8, RateLimitGate = session.GateFor(ApiService.DataBrain) }, CancellationToken.None);
                    foreach (var id in ids)
                    {
                        var change = EmbedAccessChange.Create(id, changes[id]);
                        events.AddRange(runner.Submit(id, id, async token => new object[] { await client.UpdateEmbedAccessAsync(change, runner.Context, token).ConfigureAwait(false) }));
                    }

                    events.AddRange(runner.Complete());
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
            await emulator.SetFaultsAsync(new { });

            var failed = events.OfType<RowFailed>().ToList();
            var succeeded = events.OfType<RowSucceeded>().Select(s => s.Target).ToHashSet();
            Assert.Equal(count, failed.Count + succeeded.Count);
            Assert.Contains(failed, f => f.Classification.ErrorId == "ConnectionFailed");
            Assert.Contains(failed, f => f.Classification.ErrorId == "ApiThrottled");
            Assert.All(failed, f => Assert.Contains(f.Classification.ErrorId, new[] { "ConnectionFailed", "ApiThrottled" }));
            Assert.NotEmpty(succeeded);

            var finalEmbeds = EmbedsById(JsonNode.Parse(await emulator.Admin.GetStringAsync("_emulator/state"))!.AsObject());
            foreach (var id in ids)
            {
                var expected = (JsonObject)initialEmbeds[id].DeepClone();
                if (succeeded.Contains(id))
                {
                    Apply(changes[id], (JsonObject)expected["accessSettings"]!);
                    expected["updatedAt"] = finalEmbeds[id]["updatedAt"]!.DeepClone();
                }

                Assert.True(JsonNode.DeepEquals(expected, finalEmbeds[id]), $"{id} ({(succeeded.Contains(id) ? "succeeded" : "failed")}): expected {expected.ToJsonString()} but found {finalEmbeds[id].ToJsonString()}");
            }
        }

        private static Dictionary<string, JsonObject> EmbedsById(JsonObject state) =>
            state["dataBrain"]!["embeds"]!.AsArray().OfType<JsonObject>().ToDictionary(e => (string)e["embedId"]!, e => e, StringComparer.Ordinal);

        /// <summary>
        /// Three of the ways rows differ in real CSVs: a flag flipped on every row, the join model switched on
        /// every other row, the creation mode on every third, as parameter values the cmdlet would bind.
        /// </summary>
        private static Dictionary<string, object?> ChangeFor(string id, JsonObject settings)
        {
            var index = int.Parse(id.Substring(Prefix.Length + 1), System.Globalization.CultureInfo.InvariantCulture);
            var change = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            {
                ["AllowEmailReports"] = (bool)settings["isAllowEmailReports"]! ? "no" : "yes",
            };
            if (index % 2 == 0)
            {
                change["JoinModel"] = (string)settings["joinModel"]! == "multi" ? "single" : "multi";
            }

            if (index % 3 == 0)
            {
                change["MetricCreationMode"] = (string)settings["metricCreationMode"]! == "CHAT" ? "DRAG_DROP" : "CHAT";
            }

            return change;
        }

        /// <summary>What the update page says an applied change does: merge the given fields; joinModel carries isIncrementalJoin.</summary>
        private static void Apply(Dictionary<string, object?> change, JsonObject settings)
        {
            settings["isAllowEmailReports"] = (string)change["AllowEmailReports"]! == "yes";
            if (change.TryGetValue("JoinModel", out var join))
            {
                settings["joinModel"] = (string)join!;
                settings["isIncrementalJoin"] = (string)join! == "multi";
            }

            if (change.TryGetValue("MetricCreationMode", out var mode))
            {
                settings["metricCreationMode"] = (string)mode!;
            }
        }
    }
}
