using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Tests.Support;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>What is repeated, what is not, and what a repeat's answer means, against the emulator's scripted faults.</summary>
    public class RetryTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
    {
        private const string Dashboard = "abc-def-ghi";
        private const string ActiveToken = "s3cur3t0k3n-abcdef123456";
        private readonly EmulatorFixture emulator;

        public RetryTests(EmulatorFixture emulator)
        {
            this.emulator = emulator;
        }

        public Task InitializeAsync() => emulator.ResetAsync();

        public Task DisposeAsync() => emulator.ResetAsync();

        private static EmbedAccessChange Change(string embedId, bool emailReports) =>
            EmbedAccessChange.Create(embedId, new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["AllowEmailReports"] = emailReports });

        private async Task ScriptAsync(params string[] faults) => await emulator.SetFaultsAsync(new { script = faults });

        private async Task<JsonNode> StatsAsync() => JsonNode.Parse(await emulator.Admin.GetStringAsync("_emulator/stats"))!;

        private async Task<JsonObject> StateAsync() => JsonNode.Parse(await emulator.Admin.GetStringAsync("_emulator/state"))!.AsObject();

        [Fact]
        public async Task AnInjected500IsRetriedForAnIdempotentPutAndTheRowSucceeds()
        {
            await ScriptAsync("error");
            using var session = emulator.Session(new TestClock(), retries: 2);

            var result = await new EmbedClient(session).UpdateEmbedAccessAsync(Change("embed_acme", false), RequestContext.Silent(), CancellationToken.None);

            Assert.Equal("embed_acme", result.EmbedId);
            var stats = await StatsAsync();
            Assert.Equal(1, (long)stats["injectedErrors"]!);
            Assert.Equal(2, (long)stats["totalRequests"]!);
        }

        [Fact]
        public async Task A500IsNotRepeatedForAPost()
        {
            await ScriptAsync("error");
            using var session = emulator.Session(new TestClock(), retries: 3);
            var creation = SecureEmbedCreation.Create(Dashboard, new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Title"] = "once" });

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => new SecureEmbedClient(session).CreateAsync(creation, RequestContext.Silent(), CancellationToken.None));

            Assert.Equal(500, error.StatusCode);
            Assert.Equal(1, await emulator.ApiRequestCountAsync());
        }

        [Fact]
        public async Task APostWhoseAnswerIsLostIsNeverRepeated()
        {
            await ScriptAsync("lost-reply");
            using var session = emulator.Session(new TestClock(), retries: 3);
            var creation = SecureEmbedCreation.Create(Dashboard, new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Title"] = "lost" });

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => new SecureEmbedClient(session).CreateAsync(creation, RequestContext.Silent(), CancellationToken.None));

            // The emulator made it; a repeat would have made a second one with a second credential.
            Assert.Equal("ConnectionFailed", ErrorClassifier.Classify(error).ErrorId);
            Assert.Equal(1, await emulator.ApiRequestCountAsync());
            var made = (await StateAsync())["datadog"]!["shares"]!.AsArray().OfType<JsonObject>().Count(s => (string?)s["title"] == "lost");
            Assert.Equal(1, made);
        }

        [Fact]
        public async Task ASecureEmbedDeleteWhoseAnswerWasLostSucceedsWhenTheRepeatFindsItGone()
        {
            await ScriptAsync("lost-reply");
            using var session = emulator.Session(new TestClock(), retries: 3);
            var log = new RecordingLog();

            await new SecureEmbedClient(session).DeleteAsync(SecureEmbedReference.Create(Dashboard, ActiveToken, tokenRequired: true), new RequestContext(log, new RequestStats()), CancellationToken.None);

            var stats = await StatsAsync();
            Assert.Equal(1, (long)stats["lostReplies"]!);
            Assert.Equal(1, (long)stats["byStatus"]!["404"]!);
            Assert.DoesNotContain((await StateAsync())["datadog"]!["shares"]!.AsArray().OfType<JsonObject>(), s => (string?)s["token"] == ActiveToken);
            Assert.Contains("counted as deleted", log.All, StringComparison.Ordinal);
        }

        [Fact]
        public async Task AnEmbedDeleteWhoseAnswerWasLostSucceedsAlthoughTheRepeatIsInvalidRequest()
        {
            await ScriptAsync("lost-reply");
            using var session = emulator.Session(new TestClock(), retries: 3);

            var id = await new EmbedClient(session).DeleteEmbedAsync("embed_globex", deleteDashboard: false, RequestContext.Silent(), CancellationToken.None);

            Assert.Equal("embed_globex", id);
            var stats = await StatsAsync();
            Assert.Equal(1, (long)stats["lostReplies"]!);
            Assert.Equal(1, (long)stats["byStatus"]!["400"]!);
            Assert.DoesNotContain((await StateAsync())["dataBrain"]!["embeds"]!.AsArray().OfType<JsonObject>(), e => (string?)e["embedId"] == "embed_globex");
        }

        [Fact]
        public async Task ADatamartDeleteWhoseAnswerWasLostSucceedsWhenTheListNoLongerHasIt()
        {
            await ScriptAsync("lost-reply");
            using var session = emulator.Session(new TestClock(), retries: 3);

            var name = await new DatamartClient(session).DeleteAsync("finance-datamart", RequestContext.Silent(), CancellationToken.None);

            Assert.Equal("finance-datamart", name);
            Assert.Null(await EmulatorState.DataBrainRecordAsync(emulator.Admin, "datamarts", "finance-datamart"));
        }

        [Fact]
        public async Task ADeleteOfSomethingThatWasNeverThereStillFails()
        {
            using var session = emulator.Session(new TestClock(), retries: 3);

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(
                () => new SecureEmbedClient(session).DeleteAsync(SecureEmbedReference.Create(Dashboard, "no-such-token", tokenRequired: true), RequestContext.Silent(), CancellationToken.None));

            Assert.Equal("SecureEmbedNotFound", ErrorClassifier.Classify(error).ErrorId);
        }

        [Fact]
        public async Task ARedirectIsNeverFollowedAndTheErrorNamesTheStatusAndTheLocation()
        {
            await emulator.SetFaultsAsync(new { script = new[] { "redirect" }, redirectTo = "https://elsewhere.example.invalid/collect" });
            using var session = emulator.Session(new TestClock(), retries: 3);

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => new EmbedClient(session).UpdateEmbedAccessAsync(Change("embed_acme", true), RequestContext.Silent(), CancellationToken.None));

            Assert.Equal(302, error.StatusCode);
            Assert.Equal("UnexpectedRedirect", ErrorClassifier.Classify(error).ErrorId);
            Assert.Contains("302", error.Message, StringComparison.Ordinal);
            Assert.Contains("https://elsewhere.example.invalid/collect", error.Message, StringComparison.Ordinal);
            Assert.Equal(1, await emulator.ApiRequestCountAsync());
        }

        [Fact]
        public async Task ARetryAfterLongerThanTheMaximumWaitFailsAtOnceNamingTheWaitAndTheSetting()
        {
            await emulator.SetFaultsAsync(new { stormEvery = 0, script = new[] { "storm" }, stormRetryAfterSeconds = 86400 });
            var clock = new TestClock();
            using var session = emulator.Session(clock, retries: 5);

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => new EmbedClient(session).UpdateEmbedAccessAsync(Change("embed_acme", true), RequestContext.Silent(), CancellationToken.None));

            var classification = ErrorClassifier.Classify(error);
            Assert.Equal("ApiThrottled", classification.ErrorId);
            Assert.Contains("86400 s", error.Message, StringComparison.Ordinal);
            Assert.Contains("MaximumRetryWaitSec", error.Message, StringComparison.Ordinal);
            Assert.Contains("60 s", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("MaximumRetryCount", classification.RecommendedAction, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromDays(1), error.RetryAfter);
            Assert.Equal(1, await emulator.ApiRequestCountAsync());
            Assert.DoesNotContain(clock.Delays, d => d > TimeSpan.Zero);
        }

        [Fact]
        public async Task ARetryAfterWithinTheMaximumWaitIsWaitedOutWhole()
        {
            await emulator.SetFaultsAsync(new { script = new[] { "storm" }, stormRetryAfterSeconds = 300 });
            var clock = new TestClock();
            using var session = emulator.Session(clock, retries: 5, configure: s => s.MaximumRetryWait = TimeSpan.FromMinutes(10));

            await new EmbedClient(session).UpdateEmbedAccessAsync(Change("embed_acme", true), RequestContext.Silent(), CancellationToken.None);

            Assert.Equal(TimeSpan.FromMinutes(10), session.MaximumRetryWait);
            Assert.True(clock.Delays.Sum(d => d.TotalSeconds) >= 300, string.Join(", ", clock.Delays));
            Assert.Equal(2, await emulator.ApiRequestCountAsync());
        }
    }
}
