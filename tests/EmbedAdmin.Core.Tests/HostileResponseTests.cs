using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Tests.Support;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>
    /// Answers a well-behaved service never gives (a body that stalls, one too large to hold, one cut short, an
    /// error message of megabytes), served by the emulator's scripted faults. Each ends as an error, promptly,
    /// whatever is being logged.
    /// </summary>
    public class HostileResponseTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
    {
        // Far beyond anything these calls need; reaching it means a call hung, which is the failure under test.
        private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);
        private readonly EmulatorFixture emulator;

        public HostileResponseTests(EmulatorFixture emulator)
        {
            this.emulator = emulator;
        }

        public Task InitializeAsync() => emulator.ResetAsync();

        public Task DisposeAsync() => emulator.ResetAsync();

        private static Task<IReadOnlyList<Models.Embed>> ListAsync(Sessions.EmbedAdminSession session, RequestContext context, CancellationToken token = default) =>
            new EmbedClient(session).ListEmbedsAsync(_ => true, includeAccess: false, throttleLimit: 1, context, token);

        private static async Task<T> WithinAsync<T>(Task<T> call)
        {
            var finished = await Task.WhenAny(call, Task.Delay(Hang));
            Assert.True(finished == call, "the call did not end");
            return await call;
        }

        [Fact]
        public async Task UnderDebugLoggingABodyThatStallsStillTimesOut()
        {
            await emulator.SetFaultsAsync(new { script = new[] { "stall-body" } });
            using var session = emulator.Session(new TestClock(), retries: 0, timeout: TimeSpan.FromSeconds(1));
            var log = new RecordingLog();

            var error = await WithinAsync(Assert.ThrowsAsync<EmbedAdminApiException>(() => ListAsync(session, new RequestContext(log, new RequestStats()))));

            Assert.Equal("RequestTimeout", ErrorClassifier.Classify(error).ErrorId);
            Assert.Contains("VERBOSE: GET", log.All, StringComparison.Ordinal);
        }

        [Fact]
        public async Task CancellingABulkRunUnderDebugEndsTheRequestThatIsStalledInItsBody()
        {
            await emulator.SetFaultsAsync(new { script = new[] { "stall-body" } });
            using var session = emulator.Session(new TestClock(), retries: 0, timeout: TimeSpan.FromMinutes(10));
            var ended = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            var runner = new BulkRunner(new BulkOptions { ThrottleLimit = 2, VerboseEnabled = true, DebugEnabled = true }, CancellationToken.None);
            var events = new List<BulkEvent>();
            events.AddRange(runner.Submit("row", "row", async token =>
            {
                try
                {
                    await ListAsync(session, runner.Context, token);
                    ended.TrySetResult(null);
                }
                catch (Exception exception)
                {
                    ended.TrySetResult(exception);
                    throw;
                }

                return Array.Empty<object>();
            }));

            // The request is in its body once the emulator has counted it and sent the headers.
            while (await emulator.ApiRequestCountAsync() == 0)
            {
                await Task.Yield();
            }

            runner.Cancel();
            var outcome = await WithinAsync(ended.Task);
            runner.Dispose();

            Assert.IsAssignableFrom<OperationCanceledException>(outcome);
            Assert.Equal(new[] { "row" }, runner.Summary!.Interrupted);
        }

        [Fact]
        public async Task AHugeListAnswerIsResponseTooLargeNeverAnEmptyList()
        {
            await emulator.SetFaultsAsync(new { script = new[] { "huge-body" }, hugeBodyBytes = 8L * 1024 * 1024 });
            using var session = emulator.Session(new TestClock(), retries: 2, configure: s => s.MaximumResponseSize = 1024 * 1024);

            var error = await WithinAsync(Assert.ThrowsAsync<EmbedAdminApiException>(() => ListAsync(session, new RequestContext(new RecordingLog(), new RequestStats()))));

            Assert.Equal("ResponseTooLarge", ErrorClassifier.Classify(error).ErrorId);
            Assert.Contains("1048576 bytes", error.Message, StringComparison.Ordinal);
            Assert.Equal(1, await emulator.ApiRequestCountAsync());
        }

        [Fact]
        public void TheDefaultCapIs64MB()
        {
            using var session = emulator.Session();

            Assert.Equal(64L * 1024 * 1024, session.MaximumResponseSize);
        }

        [Fact]
        public async Task ABodyCutShortIsAnErrorNotAnEmptyResult()
        {
            await emulator.SetFaultsAsync(new { script = new[] { "truncated-body" } });
            using var session = emulator.Session(new TestClock(), retries: 0);

            var error = await WithinAsync(Assert.ThrowsAsync<EmbedAdminApiException>(() => ListAsync(session, RequestContext.Silent())));

            Assert.Equal("ConnectionFailed", ErrorClassifier.Classify(error).ErrorId);
        }

        [Fact]
        public async Task ABodyCutShortIsReadAgainWhenTheCallMayBeRepeated()
        {
            await emulator.SetFaultsAsync(new { script = new[] { "truncated-body" } });
            using var session = emulator.Session(new TestClock(), retries: 1);

            var embeds = await WithinAsync(ListAsync(session, RequestContext.Silent()));

            Assert.Contains(embeds, e => e.EmbedId == "embed_acme");
            Assert.Equal(13, embeds.Count);
        }

        [Fact]
        public async Task AnErrorMessageOfMegabytesIsCutToAFewKilobytes()
        {
            await emulator.SetFaultsAsync(new { script = new[] { "huge-error" }, hugeBodyBytes = 5L * 1024 * 1024 });
            using var session = emulator.Session(new TestClock(), retries: 0);
            var creation = SecureEmbedCreation.Create("abc-def-ghi", new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Title"] = "t" });

            var error = await WithinAsync(Assert.ThrowsAsync<EmbedAdminApiException>(() => new SecureEmbedClient(session).CreateAsync(creation, RequestContext.Silent(), CancellationToken.None)));

            Assert.Equal(500, error.StatusCode);
            Assert.InRange(error.Message.Length, 1000, 8 * 1024);
            Assert.Contains("more characters not shown", error.Message, StringComparison.Ordinal);
        }
    }
}
