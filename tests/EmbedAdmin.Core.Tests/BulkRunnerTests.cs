using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Tests.Support;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    public class BulkRunnerTests
    {
        private static BulkRunner Runner(int throttle = 4, bool verbose = false) =>
            new(new BulkOptions { Operation = "Test", ThrottleLimit = throttle, VerboseEnabled = verbose }, CancellationToken.None);

        private static Func<CancellationToken, Task<IReadOnlyList<object>>> Work(int value, int delayMs) => async token =>
        {
            await Task.Delay(delayMs, token);
            return new object[] { value };
        };

        [Fact]
        public void OutputComesInInputOrderWhateverFinishesFirst()
        {
            using var runner = Runner(throttle: 8);
            var events = new List<BulkEvent>();
            for (var i = 0; i < 40; i++)
            {
                // Later rows finish first: without ordering the output would come out reversed.
                events.AddRange(runner.Submit("row" + i, "t" + i, Work(i, (40 - i) * 3)));
            }

            events.AddRange(runner.Complete());

            var outputs = events.OfType<RowSucceeded>().SelectMany(e => e.Outputs).Cast<int>().ToList();
            Assert.Equal(Enumerable.Range(0, 40), outputs);
        }

        [Fact]
        public void NoMoreThanTheThrottleLimitRunAtOnce()
        {
            using var runner = Runner(throttle: 3);
            var inFlight = 0;
            var peak = 0;
            var events = new List<BulkEvent>();
            for (var i = 0; i < 24; i++)
            {
                // Distinct targets: rows for one target run one after another (see the ordering tests).
                events.AddRange(runner.Submit(i, "t" + i, async token =>
                {
                    var now = Interlocked.Increment(ref inFlight);
                    InterlockedMax(ref peak, now);
                    await Task.Delay(10, token);
                    Interlocked.Decrement(ref inFlight);
                    return Array.Empty<object>();
                }));
            }

            events.AddRange(runner.Complete());

            Assert.Equal(3, peak);
            Assert.Equal(24, runner.Summary!.Succeeded.Count);
        }

        [Fact]
        public void RowsForOneTargetRunOneAfterAnotherInInputOrderWhileOtherTargetsRunAlongside()
        {
            using var runner = Runner(throttle: 8);
            var started = new List<string>();
            var inFlightPerTarget = new Dictionary<string, int>();
            var overlapped = false;
            var inFlight = 0;
            var peak = 0;
            var events = new List<BulkEvent>();
            for (var i = 0; i < 24; i++)
            {
                var target = "t" + (i % 3);
                var row = i;
                // Earlier rows take longer, so without ordering the later rows of a target would overtake them.
                events.AddRange(runner.Submit(row, target, async token =>
                {
                    lock (started)
                    {
                        started.Add(target + ":" + row);
                        inFlightPerTarget[target] = inFlightPerTarget.TryGetValue(target, out var n) ? n + 1 : 1;
                        overlapped |= inFlightPerTarget[target] > 1;
                    }

                    InterlockedMax(ref peak, Interlocked.Increment(ref inFlight));
                    await Task.Delay((24 - row) * 2, token);
                    Interlocked.Decrement(ref inFlight);
                    lock (started)
                    {
                        inFlightPerTarget[target]--;
                    }

                    return new object[] { row };
                }));
            }

            events.AddRange(runner.Complete());

            Assert.False(overlapped);
            foreach (var target in new[] { "t0", "t1", "t2" })
            {
                var order = started.Where(s => s.StartsWith(target + ":", StringComparison.Ordinal)).Select(s => int.Parse(s.Substring(3), System.Globalization.CultureInfo.InvariantCulture)).ToList();
                Assert.Equal(order.OrderBy(n => n), order);
            }

            Assert.Equal(3, peak);
            Assert.Equal(Enumerable.Range(0, 24), events.OfType<RowSucceeded>().SelectMany(e => e.Outputs).Cast<int>());
        }

        [Fact]
        public void AFailedRowDoesNotHoldUpTheNextRowForItsTarget()
        {
            using var runner = Runner(throttle: 4);
            var events = new List<BulkEvent>();
            events.AddRange(runner.Submit("first", "same", _ => Task.FromException<IReadOnlyList<object>>(new InvalidOperationException("first fails"))));
            events.AddRange(runner.Submit("second", "SAME", Work(2, 1)));
            events.AddRange(runner.Complete());

            Assert.Equal("first", Assert.Single(events.OfType<RowFailed>()).Row);
            Assert.Equal(new object[] { 2 }, Assert.Single(events.OfType<RowSucceeded>()).Outputs);
        }

        [Fact]
        public void AFailedRowIsReportedOnceWithItsInputRowAndTheOthersCarryOn()
        {
            using var runner = Runner();
            var rows = Enumerable.Range(0, 10).Select(i => new Dictionary<string, object> { ["EmbedId"] = "e" + i }).ToList();
            var events = new List<BulkEvent>();
            foreach (var row in rows)
            {
                var id = (string)row["EmbedId"];
                events.AddRange(runner.Submit(row, id, _ => id == "e3" || id == "e7"
                    ? throw new EmbedAdminApiException(ApiService.DataBrain, 404, "EMBED_NOT_FOUND", "missing")
                    : Task.FromResult<IReadOnlyList<object>>(new object[] { id })));
            }

            events.AddRange(runner.Complete());

            var failures = events.OfType<RowFailed>().ToList();
            Assert.Equal(new[] { "e3", "e7" }, failures.Select(f => f.Target));
            Assert.Same(rows[3], failures[0].Row);
            Assert.Equal("EmbedNotFound", failures[0].Classification.ErrorId);
            Assert.Equal(8, events.OfType<RowSucceeded>().Count());
            Assert.Equal(new[] { "e3", "e7" }, runner.Summary!.Failed);
        }

        [Fact]
        public void RejectedRowsKeepTheirPlaceInTheOutput()
        {
            using var runner = Runner();
            var events = new List<BulkEvent>();
            events.AddRange(runner.Submit("a", "a", Work(1, 40)));
            events.AddRange(runner.Reject("b", "b", new EmbedAdminValidationException("InvalidJoinModel", "JoinModel", "bad")));
            events.AddRange(runner.Submit("c", "c", Work(3, 1)));
            events.AddRange(runner.Complete());

            var order = events.Where(e => e is RowSucceeded or RowFailed)
                .Select(e => e is RowSucceeded s ? s.Target : ((RowFailed)e).Target);
            Assert.Equal(new[] { "a", "b", "c" }, order);
        }

        [Fact]
        public void EveryRowEndsInExactlyOneOutcomeUnderTheRunsId()
        {
            using var runner = new BulkRunner(new BulkOptions { Operation = "Test", RunId = "run-1" }, CancellationToken.None);
            var events = new List<BulkEvent>();
            events.AddRange(runner.Submit("a", "a", Work(1, 20)));
            events.AddRange(runner.Submit("b", "b", _ => Task.FromResult(RowResult.Unchanged())));
            events.AddRange(runner.Settle("c", "c", RowResult.Skipped()));
            events.AddRange(runner.Reject("d", "d", new EmbedAdminValidationException("X", "Y", "z")));
            events.AddRange(runner.Submit("e", "e", _ => Task.FromResult(RowResult.Unchanged())));
            events.AddRange(runner.Complete());

            var summary = runner.Summary!;
            Assert.Equal("run-1", summary.RunId);
            Assert.Equal(new[] { "a" }, summary.Succeeded);
            Assert.Equal(new[] { "b", "e" }, summary.Unchanged);
            Assert.Equal(new[] { "c" }, summary.Skipped);
            Assert.Equal(new[] { "d" }, summary.Failed);
            Assert.StartsWith("Test: 1 rows ok, 2 unchanged, 1 skipped, 1 failed;", summary.ToString());
            Assert.Equal(new[] { "a", "b", "c", "d", "e" }, events.Where(e => e is RowSucceeded or RowFailed).Select(e => e is RowSucceeded s ? s.Target : ((RowFailed)e).Target));
        }

        [Fact]
        public void VerboseRunsEndWithASummaryLine()
        {
            using var runner = Runner(verbose: true);
            var events = new List<BulkEvent>();
            events.AddRange(runner.Submit("a", "a", Work(1, 1)));
            events.AddRange(runner.Reject("b", "b", new EmbedAdminValidationException("X", "Y", "z")));
            events.AddRange(runner.Complete());

            var summary = events.OfType<LogMessage>().Last().Text;
            Assert.StartsWith("Test: 1 rows ok, 1 failed;", summary);
            Assert.Contains("retries", summary);
            Assert.Contains("waiting on rate limits", summary);
        }

        [Fact]
        public void QuietRunsSayNothing()
        {
            // On a clock that stands still the run is quick whatever else the machine is doing: on the real one a
            // test run that starves the thread pool for a quarter of a second would rightly draw a progress bar.
            using var runner = new BulkRunner(new BulkOptions { Operation = "Test", ThrottleLimit = 4, Clock = new TestClock() }, CancellationToken.None);
            var events = runner.Submit("a", "a", Work(1, 1)).Concat(runner.Complete()).ToList();

            Assert.Empty(events.OfType<LogMessage>());
            Assert.Empty(events.OfType<ProgressUpdate>());
        }

        [Fact]
        public void ProgressIsThrottledAndEndsWithCompleted()
        {
            var clock = new TestClock();
            using var runner = new BulkRunner(new BulkOptions { ThrottleLimit = 2, Clock = clock, ProgressInterval = TimeSpan.FromSeconds(1), ExpectedTotal = 5 }, CancellationToken.None);
            var events = new List<BulkEvent>();
            for (var i = 0; i < 5; i++)
            {
                clock.Delay(TimeSpan.FromMilliseconds(600), CancellationToken.None);
                events.AddRange(runner.Submit(i, "t", Work(i, 1)));
            }

            events.AddRange(runner.Complete());

            var progress = events.OfType<ProgressUpdate>().ToList();
            Assert.InRange(progress.Count(p => !p.Finished), 2, 3); // 3 s of submissions at one update per second
            Assert.True(progress.Last().Finished);
            Assert.Equal(100, progress.Last().PercentComplete);
        }

        [Fact]
        public async Task SubmitHoldsBackWhenTooManyRowsArePending()
        {
            using var runner = Runner(throttle: 1);
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var submitted = 0;
            // As in the read-ahead test below: a thread of its own, rows that wait without holding pool threads.
            var producer = Task.Factory.StartNew(() =>
            {
                for (var i = 0; i < 1100; i++)
                {
                    foreach (var unused in runner.Submit(i, "t", async _ =>
                    {
                        await release.Task;
                        return Array.Empty<object>();
                    }))
                    {
                    }

                    Interlocked.Increment(ref submitted);
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            var heldAt = await HeldAtAsync(() => Volatile.Read(ref submitted), 1024, release, producer);

            // Every row is for the same target: all but the running one wait for their turn, not for a slot, so
            // only the bound on pending rows holds the producer back, at max(1024, 64 × throttle) for throttle 1.
            Assert.Equal(1024, heldAt);
            Assert.True(producer.IsCompletedSuccessfully);
        }

        [Fact]
        public async Task SubmitHoldsBackOnceEnoughRowsAreReadyAndWaitingForASlot()
        {
            using var runner = Runner(throttle: 1);
            var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var firstStarted = new ManualResetEventSlim(false);
            var submitted = 0;
            // A thread of its own, and rows that wait without holding a pool thread: under a loaded test run a
            // starved pool would otherwise decide how far the producer got, not the runner.
            var producer = Task.Factory.StartNew(() =>
            {
                for (var i = 0; i < 200; i++)
                {
                    // Distinct targets, so every row could start at once if there were slots.
                    foreach (var unused in runner.Submit(i, "t" + i, async _ =>
                    {
                        firstStarted.Set();
                        await release.Task;
                        return Array.Empty<object>();
                    }))
                    {
                    }

                    Interlocked.Increment(ref submitted);
                    if (i == 0)
                    {
                        // The first row holds the only slot from here on; every later row waits for it.
                        firstStarted.Wait();
                    }
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            var heldAt = await HeldAtAsync(() => Volatile.Read(ref submitted), 65, release, producer);
            runner.Complete().ToList();

            Assert.Equal(65, heldAt); // the running row and 64 ready ones: max(64, 4 × throttle)
            Assert.True(producer.IsCompletedSuccessfully);
            Assert.Equal(200, runner.Summary!.Succeeded.Count); // held back, never dropped
        }

        [Fact]
        public async Task CancellingNamesWhatFinishedWhatWasInFlightAndWhatNeverStarted()
        {
            using var cancel = new CancellationTokenSource();
            var runner = new BulkRunner(new BulkOptions { Operation = "Cancel", ThrottleLimit = 2 }, cancel.Token);
            var events = new List<BulkEvent>();
            using var fastDone = new CountdownEvent(2);
            using var slowStarted = new CountdownEvent(2);
            Func<CancellationToken, Task<IReadOnlyList<object>>> Fast(int value) => async token =>
            {
                await Task.Delay(1, token);
                fastDone.Signal();
                return new object[] { value };
            };
            Func<CancellationToken, Task<IReadOnlyList<object>>> Slow(bool signals) => async token =>
            {
                if (signals)
                {
                    slowStarted.Signal();
                }

                await Task.Delay(10_000, token);
                return Array.Empty<object>();
            };

            events.AddRange(runner.Submit("fast1", "fast1", Fast(1)));
            events.AddRange(runner.Submit("fast2", "fast2", Fast(2)));
            // Waited on the events themselves, not on a fixed delay: under a loaded test run the thread pool can
            // take longer than any sleep. Awaited, not blocked, so the test thread does not starve the workers.
            await WaitForAsync(fastDone);
            events.AddRange(runner.Submit("slow0", "slow0", Slow(signals: true)));
            events.AddRange(runner.Submit("slow1", "slow1", Slow(signals: true)));
            await WaitForAsync(slowStarted);
            for (var i = 2; i < 6; i++)
            {
                events.AddRange(runner.Submit("slow" + i, "slow" + i, Slow(signals: false)));
            }

            cancel.Cancel();
            runner.Dispose();

            var summary = runner.Summary!;
            Assert.True(summary.Cancelled);
            Assert.Equal(new[] { "fast1", "fast2" }, summary.Succeeded);
            Assert.Equal(new[] { "slow0", "slow1" }, summary.Interrupted);
            Assert.Equal(new[] { "slow2", "slow3", "slow4", "slow5" }, summary.NotStarted);
            Assert.Contains("stopped with 2 in flight and 4 not started", summary.ToString());
        }

        /// <summary>
        /// How far a producer got before the runner held it back: waits (up to 10 s) for it to submit the expected
        /// number of rows, gives it time to go further, which it must not, then releases the rows and waits for it.
        /// </summary>
        private static async Task<int> HeldAtAsync(Func<int> submitted, int expected, TaskCompletionSource<bool> release, Task producer)
        {
            for (var i = 0; i < 1000 && submitted() < expected; i++)
            {
                await Task.Delay(10);
            }

            await Task.Delay(300);
            var heldAt = submitted();
            release.SetResult(true);
            await producer.WaitAsync(TimeSpan.FromSeconds(20));
            return heldAt;
        }

        private static async Task WaitForAsync(CountdownEvent countdown)
        {
            for (var i = 0; i < 1000 && !countdown.IsSet; i++)
            {
                await Task.Delay(10);
            }

            Assert.True(countdown.IsSet, "the workers did not get there within 10 s");
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }

    /// <summary>The engine against the emulator: real requests, real latency, real errors.</summary>
    public class BulkRunnerIntegrationTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
    {
        private readonly EmulatorFixture emulator;

        public BulkRunnerIntegrationTests(EmulatorFixture emulator)
        {
            this.emulator = emulator;
        }

        public Task InitializeAsync() => emulator.ResetAsync();

        public Task DisposeAsync() => Task.CompletedTask;

        [Fact]
        public async Task TheLastRowForAnEmbedWinsAtAHighThrottleLimitWhateverTheLatency()
        {
            (await emulator.Admin.PostAsJsonAsync("_emulator/embeds/generate", new { count = 20, prefix = "order" })).EnsureSuccessStatusCode();
            // Jitter lets a later request overtake an earlier one; only keeping one embed's rows in order stops that.
            await emulator.SetFaultsAsync(new { latencyMs = 1, jitterMs = 60, seed = 7 });
            using var session = emulator.Session();
            var client = new EmbedClient(session);
            using var runner = new BulkRunner(new BulkOptions { ThrottleLimit = 8 }, CancellationToken.None);
            var ids = Enumerable.Range(1, 20).Select(i => $"order_{i:000000}").ToList();
            var events = new List<BulkEvent>();
            foreach (var id in ids)
            {
                foreach (var value in new[] { "true", "false" })
                {
                    var change = EmbedAccessChange.Create(id, new Dictionary<string, object?> { ["AllowEmailReports"] = value });
                    events.AddRange(runner.Submit(id, id, async token => new object[] { await client.UpdateEmbedAccessAsync(change, runner.Context, token) }));
                }
            }

            events.AddRange(runner.Complete());

            Assert.Equal(40, events.OfType<RowSucceeded>().Count());
            foreach (var id in ids)
            {
                Assert.False((await emulator.ExportedAccessAsync(id)).GetProperty("isAllowEmailReports").GetBoolean(), id);
            }
        }

        [Fact]
        public async Task ABulkEditAppliesEveryGoodRowAndReportsEachBadOne()
        {
            (await emulator.Admin.PostAsJsonAsync("_emulator/embeds/generate", new { count = 60, prefix = "bulk" })).EnsureSuccessStatusCode();
            await emulator.SetFaultsAsync(new { latencyMs = 5, jitterMs = 20, seed = 11 });
            using var session = emulator.Session();
            var client = new EmbedClient(session);
            using var runner = new BulkRunner(new BulkOptions { ThrottleLimit = 8, RateLimitGate = session.GateFor(ApiService.DataBrain) }, CancellationToken.None);
            var ids = Enumerable.Range(1, 60).Select(i => $"bulk_{i:000000}").ToList();
            ids.Insert(10, "bulk_missing");
            var events = new List<BulkEvent>();
            foreach (var id in ids)
            {
                var change = EmbedAccessChange.Create(id, new Dictionary<string, object?> { ["AllowUnderlyingData"] = "yes", ["JoinModel"] = "multi" });
                events.AddRange(runner.Submit(id, id, async token => new object[] { await client.UpdateEmbedAccessAsync(change, runner.Context, token) }));
            }

            events.AddRange(runner.Complete());

            var outputs = events.OfType<RowSucceeded>().Select(e => e.Target).ToList();
            Assert.Equal(ids.Where(id => id != "bulk_missing"), outputs);
            Assert.Equal("bulk_missing", Assert.Single(events.OfType<RowFailed>()).Target);
            Assert.Equal(61, runner.Summary!.Requests);
            foreach (var id in new[] { "bulk_000001", "bulk_000033", "bulk_000060" })
            {
                var access = await emulator.ExportedAccessAsync(id);
                Assert.True(access.GetProperty("isAllowUnderlyingData").GetBoolean());
                Assert.Equal("multi", access.GetProperty("joinModel").GetString());
            }
        }
    }
}
