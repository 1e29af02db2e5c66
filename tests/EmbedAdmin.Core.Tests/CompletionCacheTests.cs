using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Sessions;
using EmbedAdmin.Core.Tests.Support;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    public class CompletionCacheTests
    {
        private static Func<CancellationToken, Task<IReadOnlyList<string>>> Returns(Func<int> counter, params string[] names) =>
            _ =>
            {
                counter();
                return Task.FromResult<IReadOnlyList<string>>(names);
            };

        [Fact]
        public void NamesAreFetchedOnceAndKeptForTheirLifetime()
        {
            var clock = new TestClock();
            var cache = new CompletionCache(clock, TimeSpan.FromSeconds(60));
            var fetches = 0;

            Assert.Equal(new[] { "a", "b" }, cache.Get("k", Returns(() => ++fetches, "a", "b"), TimeSpan.FromSeconds(5)));
            Assert.Equal(new[] { "a", "b" }, cache.Get("k", Returns(() => ++fetches, "x"), TimeSpan.FromSeconds(5)));
            Assert.Equal(1, fetches);

            clock.Delay(TimeSpan.FromSeconds(61), CancellationToken.None);
            Assert.Equal(new[] { "x" }, cache.Get("k", Returns(() => ++fetches, "x"), TimeSpan.FromSeconds(5)));
            Assert.Equal(2, fetches);
        }

        [Fact]
        public async Task ASlowServiceDoesNotHoldTheTabKey()
        {
            var cache = new CompletionCache(new TestClock());
            using var release = new SemaphoreSlim(0);
            var stopwatch = Stopwatch.StartNew();

            var first = cache.Get("slow", async token => { await release.WaitAsync(token); return new[] { "late" }; }, TimeSpan.FromMilliseconds(100));

            Assert.Empty(first);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), "gave up after its short wait");
            release.Release();
            // The fetch went on in the background and serves the next press.
            IReadOnlyList<string> next = Array.Empty<string>();
            for (var i = 0; i < 100 && next.Count == 0; i++)
            {
                await Task.Delay(20);
                next = cache.Get("slow", _ => throw new InvalidOperationException("should not fetch again"), TimeSpan.FromMilliseconds(10));
            }

            Assert.Equal(new[] { "late" }, next);
        }

        [Fact]
        public void AFailingFetchGivesNoNamesAndNeverThrows()
        {
            var cache = new CompletionCache(new TestClock());

            Assert.Empty(cache.Get("broken", _ => throw new InvalidOperationException("boom"), TimeSpan.FromSeconds(1)));
            Assert.Empty(cache.Get("faulted", _ => Task.FromException<IReadOnlyList<string>>(new TimeoutException()), TimeSpan.FromSeconds(1)));
        }

        [Fact]
        public void InvalidateForcesAFreshRead()
        {
            var cache = new CompletionCache(new TestClock());
            var fetches = 0;
            cache.Get("k", Returns(() => ++fetches, "a"), TimeSpan.FromSeconds(5));

            cache.Invalidate("k");

            Assert.Equal(new[] { "b" }, cache.Get("k", Returns(() => ++fetches, "b"), TimeSpan.FromSeconds(5)));
            Assert.Equal(2, fetches);
        }
    }
}
