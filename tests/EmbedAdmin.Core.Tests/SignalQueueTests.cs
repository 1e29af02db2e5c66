using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Bulk;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>The queue that carries the workers' results to the pipeline thread.</summary>
    public sealed class SignalQueueTests
    {
        [Fact]
        public async Task TakeWaitsForAPostAndSignalsComeOutInTheOrderPosted()
        {
            using var queue = new SignalQueue();
            var taken = Task.Factory.StartNew(() => queue.Take(CancellationToken.None), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            await Task.Delay(50);
            Assert.False(taken.IsCompleted);

            queue.Post("first");
            queue.Post("second");

            Assert.Equal("first", await taken.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.True(queue.TryTake(out var next));
            Assert.Equal("second", next);
            Assert.False(queue.TryTake(out _));
        }

        [Fact]
        public async Task NoSignalIsLostWhenManyWorkersPostWhileThePipelineTakes()
        {
            using var queue = new SignalQueue();
            const int workers = 8;
            const int each = 2_000;
            var posting = Enumerable.Range(0, workers).Select(worker => Task.Run(() =>
            {
                for (var i = 0; i < each; i++)
                {
                    queue.Post(worker);
                }
            })).ToArray();

            var counts = new int[workers];
            for (var i = 0; i < workers * each; i++)
            {
                counts[(int)queue.Take(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token)]++;
            }

            await Task.WhenAll(posting);
            Assert.All(counts, count => Assert.Equal(each, count));
            Assert.False(queue.TryTake(out _));
        }

        [Fact]
        public void ACancelledTakeThrowsEvenWithSignalsWaitingAndLeavesThemForTheRunsEnd()
        {
            var queue = new SignalQueue();
            queue.Post("before");
            using (var cancellation = new CancellationTokenSource())
            {
                cancellation.Cancel();
                Assert.ThrowsAny<OperationCanceledException>(() => queue.Take(cancellation.Token));
            }

            // A worker that outlives the run posts into a disposed queue: dropped, without throwing.
            queue.Dispose();
            queue.Post("late");
            Assert.True(queue.TryTake(out var signal));
            Assert.Equal("before", signal);
            Assert.False(queue.TryTake(out _));
        }
    }
}
