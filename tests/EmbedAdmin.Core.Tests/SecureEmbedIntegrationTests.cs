using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Sessions;
using EmbedAdmin.Core.Tests.Support;
using EmbedAdmin.Emulator;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>The secure-embed client over real HTTP, against the emulator's reading of docs.datadoghq.com/api/latest/dashboard-secure-embed.</summary>
    public class SecureEmbedIntegrationTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
    {
        private const string Dashboard = "abc-def-ghi";
        private const string ActiveToken = "s3cur3t0k3n-abcdef123456";
        private const string PausedToken = "s3cur3t0k3n-7788aa99bbcc";
        private readonly EmulatorFixture emulator;

        public SecureEmbedIntegrationTests(EmulatorFixture emulator)
        {
            this.emulator = emulator;
        }

        public Task InitializeAsync() => emulator.ResetAsync();

        public Task DisposeAsync() => Task.CompletedTask;

        private static Dictionary<string, object?> Values(params (string Name, object? Value)[] values) =>
            values.ToDictionary(v => v.Name, v => v.Value, StringComparer.OrdinalIgnoreCase);

        private static SecureEmbedReference Ref(string token, string dashboard = Dashboard) => SecureEmbedReference.Create(dashboard, token, tokenRequired: true);

        private static string Reveal(SecureString secure)
        {
            var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            try
            {
                return Marshal.PtrToStringUni(pointer)!;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        private async Task<JsonObject> StateAsync() => JsonNode.Parse(await emulator.Admin.GetStringAsync("_emulator/state"))!.AsObject();

        private async Task<JsonObject?> ShareAsync(string token) =>
            (await StateAsync())["datadog"]!["shares"]!.AsArray().OfType<JsonObject>().FirstOrDefault(s => (string?)s["token"] == token);

        private static async Task<EmbedAdminApiException> FailsAsync(Func<Task> call) => await Assert.ThrowsAsync<EmbedAdminApiException>(call);

        [Fact]
        public async Task CreateSendsAllSixAttributesAndHandsTheCredentialOutOnlyAsASecureString()
        {
            using var session = emulator.Session();
            var creation = SecureEmbedCreation.Create(Dashboard, Values(("Title", "Acme"), ("SelectableTemplateVariables", "org_id=42")));

            var embed = await new SecureEmbedClient(session).CreateAsync(creation, RequestContext.Silent(), CancellationToken.None);

            var stored = await ShareAsync(embed.Token);
            Assert.NotNull(stored);
            Assert.Equal(Dashboard, embed.DashboardId);
            Assert.StartsWith("se-", embed.Token, StringComparison.Ordinal);
            Assert.Equal("Acme", embed.Title);
            Assert.Equal("active", embed.Status);
            Assert.Equal("1h", embed.LiveSpan);
            Assert.True(embed.GlobalTimeSelectable);
            Assert.False(embed.HighDensity);
            Assert.Equal("system", embed.Theme);
            Assert.Equal("org_id=42", embed.TemplateVariables.ToString());
            Assert.NotNull(embed.CreatedAt);
            Assert.EndsWith(embed.Token, embed.Url, StringComparison.Ordinal);

            var credential = (string)stored!["credential"]!;
            Assert.NotNull(embed.Credential);
            Assert.True(embed.Credential!.IsReadOnly());
            Assert.Equal(credential, Reveal(embed.Credential));
            Assert.Equal(credential.Substring(credential.Length - 4), embed.CredentialSuffix);
            Assert.Contains("cannot be fetched again", embed.CredentialNotice);
        }

        [Fact]
        public async Task TheNewCredentialBecomesAKnownSecretOfTheSessionAndNeverReachesTheLog()
        {
            using var session = emulator.Session();
            var log = new RecordingLog();

            var embed = await new SecureEmbedClient(session).CreateAsync(
                SecureEmbedCreation.Create(Dashboard, Values(("Title", "Logged"))), new RequestContext(log, new RequestStats()), CancellationToken.None);

            var credential = (string)(await ShareAsync(embed.Token))!["credential"]!;
            Assert.Contains("\"credential\":\"[REDACTED]\"", log.All);
            Assert.Contains("DD-API-KEY: [REDACTED]", log.All);
            for (var i = 0; i + 8 <= credential.Length; i++)
            {
                Assert.DoesNotContain(credential.Substring(i, 8), log.All);
            }

            // Anything shown later that echoes it (an error message, a vault's complaint) is cleaned too.
            Assert.Equal("vault said [REDACTED] is bad", new SecureEmbedClient(session).Redact("vault said " + credential + " is bad"));
            Assert.Equal(Redactor.Mask, session.Redactor.RedactText(credential));
        }

        [Fact]
        public async Task GetReadsOneSecureEmbedWithItsCredentialSuffixOnly()
        {
            using var session = emulator.Session();

            var embed = await new SecureEmbedClient(session).GetAsync(Ref(PausedToken), RequestContext.Silent(), CancellationToken.None);

            Assert.Equal(PausedToken, embed.Token);
            Assert.Equal("1002", embed.Id);
            Assert.Equal("paused", embed.Status);
            Assert.Equal("1w", embed.LiveSpan);
            Assert.True(embed.HighDensity);
            Assert.Equal("dark", embed.Theme);
            Assert.Equal("customer:customer_id=42", embed.TemplateVariables.ToString());
            Assert.Equal("e1c2", embed.CredentialSuffix);
            Assert.Null(embed.Credential);
            Assert.Null(embed.CredentialNotice);
        }

        [Fact]
        public async Task ListingADashboardReturnsOnlyItsSecureEmbeds()
        {
            using var session = emulator.Session();

            var embeds = await new SecureEmbedClient(session).ListAsync(Dashboard, RequestContext.Silent(), CancellationToken.None);

            // The seed's third share of this dashboard is an "open" share: not a secure embed.
            Assert.Equal(new[] { ActiveToken, PausedToken }, embeds.Select(e => e.Token));
            Assert.All(embeds, e => Assert.Equal(Dashboard, e.DashboardId));
            Assert.Equal("org_id=1", embeds[0].TemplateVariables.ToString());
        }

        [Fact]
        public async Task AnUpdateChangesOnlyTheGivenAttributes()
        {
            using var session = emulator.Session();
            var before = await ShareAsync(PausedToken);

            var updated = await new SecureEmbedClient(session).UpdateAsync(
                SecureEmbedChange.Create(Dashboard, PausedToken, Values(("Theme", "light"), ("Status", "active"))), RequestContext.Silent(), CancellationToken.None);

            var after = await ShareAsync(PausedToken);
            Assert.Equal("light", (string?)after!["theme"]);
            Assert.Equal("active", (string?)after["status"]);
            foreach (var unchanged in new[] { "title", "liveSpan", "globalTimeSelectable", "highDensity", "selectableTemplateVars" })
            {
                Assert.Equal(before![unchanged]!.ToJsonString(), after[unchanged]!.ToJsonString());
            }

            Assert.Equal("light", updated.Theme);
            Assert.True(updated.HighDensity);
            Assert.Equal("e1c2", updated.CredentialSuffix);
        }

        [Fact]
        public async Task NewTemplateVariablesReplaceTheOldOnes()
        {
            using var session = emulator.Session();

            var updated = await new SecureEmbedClient(session).UpdateAsync(
                SecureEmbedChange.Create(Dashboard, ActiveToken, Values(("SelectableTemplateVariables", "org_id=7|8"))), RequestContext.Silent(), CancellationToken.None);

            Assert.Equal("org_id=7|8", updated.TemplateVariables.ToString());
        }

        [Fact]
        public async Task DeleteRemovesItAndAGetAfterwardsIsSecureEmbedNotFound()
        {
            using var session = emulator.Session();
            var client = new SecureEmbedClient(session);

            await client.DeleteAsync(Ref(ActiveToken), RequestContext.Silent(), CancellationToken.None);

            Assert.Null(await ShareAsync(ActiveToken));
            var error = await FailsAsync(() => client.GetAsync(Ref(ActiveToken), RequestContext.Silent(), CancellationToken.None));
            Assert.Equal(404, error.StatusCode);
            Assert.Equal("SecureEmbedNotFound", ErrorClassifier.Classify(error).ErrorId);
            Assert.Equal(ErrorCategoryName.ObjectNotFound, ErrorClassifier.Classify(error).Category);
            Assert.False(string.IsNullOrEmpty(error.RequestId));
        }

        [Fact]
        public async Task AnOpenShareTokenIsNotASecureEmbed()
        {
            using var session = emulator.Session();

            var error = await FailsAsync(() => new SecureEmbedClient(session).UpdateAsync(
                SecureEmbedChange.Create(Dashboard, "0p3nsh4r3-1234567890ab", Values(("Title", "x"))), RequestContext.Silent(), CancellationToken.None));

            Assert.Equal("SecureEmbedNotFound", ErrorClassifier.Classify(error).ErrorId);
        }

        [Fact]
        public async Task CreatingOnAnUnknownDashboardIsDashboardNotFound()
        {
            using var session = emulator.Session();

            var error = await FailsAsync(() => new SecureEmbedClient(session).CreateAsync(
                SecureEmbedCreation.Create("no-such-dash", Values(("Title", "x"))), RequestContext.Silent(), CancellationToken.None));

            Assert.Equal("DashboardNotFound", ErrorClassifier.Classify(error).ErrorId);
            Assert.Contains("Dashboard Not Found", error.Message);
        }

        [Fact]
        public async Task ListingAnUnknownDashboardIsDashboardNotFound()
        {
            using var session = emulator.Session();

            var error = await FailsAsync(() => new SecureEmbedClient(session).ListAsync("no-such-dash", RequestContext.Silent(), CancellationToken.None));

            Assert.Equal("DashboardNotFound", ErrorClassifier.Classify(error).ErrorId);
        }

        [Fact]
        public async Task PastTheShareLimitIsShareLimitReached()
        {
            // The seed dashboard already has three shares; lower the limit to three instead of making 1,000.
            var state = await StateAsync();
            state["datadog"]!["maxSharesPerDashboard"] = 3;
            (await emulator.Admin.PostAsync("_emulator/reset", new StringContent(state.ToJsonString(), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            using var session = emulator.Session();

            var error = await FailsAsync(() => new SecureEmbedClient(session).CreateAsync(
                SecureEmbedCreation.Create(Dashboard, Values(("Title", "one too many"))), RequestContext.Silent(), CancellationToken.None));

            Assert.Equal(409, error.StatusCode);
            var classification = ErrorClassifier.Classify(error);
            Assert.Equal("ShareLimitReached", classification.ErrorId);
            Assert.Equal(ErrorCategoryName.LimitsExceeded, classification.Category);
            Assert.Contains("1000", classification.RecommendedAction);
        }

        [Fact]
        public async Task WrongDatadogKeysArePermissionDeniedWithAHintAndTheKeyIsNotShown()
        {
            using var session = EmbedAdminSession.Create(
                new SessionSettings
                {
                    DatadogApiKey = EmulatorFixture.Secure("dd_api_wrong_key_0123456789"),
                    DatadogApplicationKey = EmulatorFixture.Secure(DevKeys.DatadogApplicationKey),
                    DatadogSite = emulator.BaseUri.ToString(),
                },
                _ => null);

            var error = await FailsAsync(() => new SecureEmbedClient(session).GetAsync(Ref(ActiveToken), RequestContext.Silent(), CancellationToken.None));

            Assert.Equal(403, error.StatusCode);
            var classification = ErrorClassifier.Classify(error);
            Assert.Equal("PermissionDenied", classification.ErrorId);
            Assert.Contains("dashboards_embed_share", classification.RecommendedAction);
            Assert.DoesNotContain("wrong_key", error.Message);
        }

        [Fact]
        public async Task TheServerValidatesWhatTheClientSendsTheSameWay()
        {
            // The cmdlets never send this (Core refuses it first); sent straight through the pipeline to prove a 400
            // from Datadog comes back with its pointer.
            using var session = emulator.Session();
            var request = new ApiRequest(ApiService.Datadog, AuthKind.DatadogKeys, new HttpMethod("PATCH"), $"api/v2/dashboard/{Dashboard}/shared/secure-embed/{ActiveToken}")
                .WithJson(Encoding.UTF8.GetBytes("{\"data\":{\"type\":\"secure_embed_update_request\",\"attributes\":{\"global_time\":{\"live_span\":\"2h\"}}}}"));

            var error = await FailsAsync(() => session.Api.SendAsync(request, RequestContext.Silent(), CancellationToken.None));

            Assert.Equal("DatadogInvalidRequest", ErrorClassifier.Classify(error).ErrorId);
            Assert.Contains("/data/attributes/global_time/live_span", error.Message);
        }

        [Fact]
        public async Task APatchIsNotRepeatedAfterA5xx()
        {
            await emulator.SetFaultsAsync(new { errorRate = 1.0, seed = 3 });
            var clock = new TestClock();
            using var session = emulator.Session(clock, retries: 3);

            var error = await FailsAsync(() => new SecureEmbedClient(session).UpdateAsync(
                SecureEmbedChange.Create(Dashboard, ActiveToken, Values(("Title", "x"))), RequestContext.Silent(), CancellationToken.None));

            Assert.Equal("ServerError", ErrorClassifier.Classify(error).ErrorId);
            Assert.Equal(1, await emulator.ApiRequestCountAsync());
            Assert.Empty(clock.Delays);
        }

        [Fact]
        public async Task ACreateIsNotRepeatedAfterALostConnectionButAGetIs()
        {
            await emulator.SetFaultsAsync(new { dropRate = 1.0, seed = 9 });
            using var session = emulator.Session(new TestClock(), retries: 2);
            var client = new SecureEmbedClient(session);

            var create = await FailsAsync(() => client.CreateAsync(SecureEmbedCreation.Create(Dashboard, Values(("Title", "x"))), RequestContext.Silent(), CancellationToken.None));
            Assert.Equal("ConnectionFailed", ErrorClassifier.Classify(create).ErrorId);
            Assert.Equal(1, await emulator.ApiRequestCountAsync());

            await FailsAsync(() => client.GetAsync(Ref(ActiveToken), RequestContext.Silent(), CancellationToken.None));
            Assert.Equal(1 + 3, await emulator.ApiRequestCountAsync());
        }

        [Fact]
        public async Task AMissingDatadogKeySendsNothing()
        {
            using var session = EmbedAdminSession.Create(new SessionSettings { DatadogSite = emulator.BaseUri.ToString() }, _ => null);

            await Assert.ThrowsAsync<EmbedAdminCredentialException>(() =>
                new SecureEmbedClient(session).ListAsync(Dashboard, RequestContext.Silent(), CancellationToken.None));

            Assert.Equal(0, await emulator.ApiRequestCountAsync());
        }
    }
}
