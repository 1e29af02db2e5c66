using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Http;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>
    /// The waits that pace requests end at their due time, never before it. These check order and lower bounds
    /// only: how late a wait may end depends on the machine, and a test of that would be a timed test.
    /// </summary>
    public sealed class PreciseTimerTests
    {
        [Fact]
        public async Task NoWaitEndsBeforeItsDueTime()
        {
            // Task.Delay's waits, counted in whole milliseconds and coarse ticks, end up to a tick (4 ms) early:
            // a hundred and fifty waits at once, from under a millisecond to 40 ms, catch that even when a busy
            // machine adds a millisecond of hand-over to every wait.
            var random = new Random(7);
            var waits = Enumerable.Range(0, 150).Select(_ => TimeSpan.FromMilliseconds(0.5 + (random.NextDouble() * 40))).ToList();

            var measured = await Task.WhenAll(waits.Select(async wait =>
            {
                var started = Stopwatch.GetTimestamp();
                await PreciseTimer.Delay(wait, CancellationToken.None);
                return (Wait: wait, Elapsed: Elapsed(started));
            }));

            Assert.All(measured, m => Assert.True(m.Elapsed >= m.Wait, $"a wait of {m.Wait.TotalMilliseconds:0.000} ms ended after {m.Elapsed.TotalMilliseconds:0.000} ms"));
        }

        [Fact]
        public async Task WaitsEndInTheOrderOfTheirDueTimes()
        {
            // A tenth of a second apart: each wait's end is handed to the thread pool, and when other tests keep the
            // pool busy, 10 ms apart was not enough for the ends to be recorded in the order the timer gave them.
            var ended = new ConcurrentQueue<int>();
            var waits = new[] { 400, 100, 300, 200 }.Select(async milliseconds =>
            {
                await PreciseTimer.Delay(TimeSpan.FromMilliseconds(milliseconds), CancellationToken.None);
                ended.Enqueue(milliseconds);
            });

            await Task.WhenAll(waits);

            Assert.Equal(new[] { 100, 200, 300, 400 }, ended.ToArray());
        }

        [Fact]
        public async Task ACancelledWaitEndsAtOnceAsCancelled()
        {
            using var cancellation = new CancellationTokenSource();
            var started = Stopwatch.GetTimestamp();
            var wait = PreciseTimer.Delay(TimeSpan.FromMinutes(10), cancellation.Token);
            Assert.False(wait.IsCompleted);

            cancellation.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
            Assert.True(Elapsed(started) < TimeSpan.FromMinutes(1));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PreciseTimer.Delay(TimeSpan.FromSeconds(1), cancellation.Token));
        }

        [Fact]
        public async Task WhatFollowsAWaitRunsOnThePoolNotOnTheTimersThread()
        {
            var thread = await PreciseTimer.Delay(TimeSpan.FromMilliseconds(1), CancellationToken.None)
                .ContinueWith(_ => (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name), TaskContinuationOptions.ExecuteSynchronously);

            Assert.True(thread.IsThreadPoolThread);
            Assert.NotEqual("EmbedAdmin precise timer", thread.Name);
        }

        [Fact]
        public async Task TheSystemClocksLongWaitsAlsoEndNoSoonerThanAsked()
        {
            // Over two seconds: Task.Delay first, the precise timer for the last stretch.
            var wait = TimeSpan.FromMilliseconds(2050);
            var started = Stopwatch.GetTimestamp();

            await SystemClock.Instance.Delay(wait, CancellationToken.None);

            Assert.True(Elapsed(started) >= wait);
        }

        private static TimeSpan Elapsed(long started) =>
            TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency);
    }
}
