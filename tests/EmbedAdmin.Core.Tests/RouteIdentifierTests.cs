using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Tests.Support;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>An id is one path segment and names one object: it never changes the route the request takes.</summary>
    public class RouteIdentifierTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
    {
        private const string Dashboard = "abc-def-ghi";
        private readonly EmulatorFixture emulator;

        public RouteIdentifierTests(EmulatorFixture emulator)
        {
            this.emulator = emulator;
        }

        public Task InitializeAsync() => emulator.ResetAsync();

        public Task DisposeAsync() => Task.CompletedTask;

        [Theory]
        [InlineData("..")]
        [InlineData(".")]
        [InlineData(" .. ")]
        public void DotSegmentTokensAreRefusedBeforeAnythingIsBuilt(string token)
        {
            var error = Assert.Throws<EmbedAdminValidationException>(() => SecureEmbedReference.Create(Dashboard, token, tokenRequired: true));

            Assert.Equal("InvalidIdentifier", error.ErrorId);
            Assert.Contains("Token (token)", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ADotSegmentDashboardIdIsRefused()
        {
            var error = Assert.Throws<EmbedAdminValidationException>(() => SecureEmbedReference.Create("..", null, tokenRequired: false));

            Assert.Equal("InvalidIdentifier", error.ErrorId);
            Assert.Contains("DashboardId", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public async Task ARemoveOfTokenDotDotSendsNothing()
        {
            using var session = emulator.Session();
            await emulator.ResetStatsAsync();

            // The route is built from the reference's ids, whatever the cmdlet validated.
            var error = await Assert.ThrowsAsync<EmbedAdminValidationException>(
                () => session.Api.SendAsync(SecureEmbedRoutes.Delete(Dashboard, ".."), RequestContext.Silent(), CancellationToken.None));

            Assert.Equal("InvalidIdentifier", error.ErrorId);
            Assert.Equal(0, await emulator.ApiRequestCountAsync());
            Assert.Equal(3, await SharesOfAsync(Dashboard));
        }

        [Theory]
        [InlineData("a/b")]
        [InlineData("%2E%2E")]
        [InlineData("..%2F..")]
        [InlineData("x?y#z")]
        [InlineData("../shared")]
        public async Task EveryOtherIdStaysInsideItsSegmentAndNamesOneSecureEmbed(string token)
        {
            using var session = emulator.Session();
            var target = SecureEmbedReference.Create(Dashboard, token, tokenRequired: true);
            await emulator.ResetStatsAsync();

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => new SecureEmbedClient(session).DeleteAsync(target, RequestContext.Silent(), CancellationToken.None));

            // The delete reached the one-embed route and found no such token: nothing else was touched.
            Assert.Equal("SecureEmbedNotFound", ErrorClassifier.Classify(error).ErrorId);
            var stats = JsonNode.Parse(await emulator.Admin.GetStringAsync("_emulator/stats"))!;
            Assert.Equal(1, (long)stats["byRoute"]!["DELETE /api/v2/dashboard/{dashboard_id}/shared/secure-embed/{token}"]!);
            Assert.Equal(3, await SharesOfAsync(Dashboard));
        }

        [Theory]
        [InlineData("api/v2/dashboard/abc/shared/secure-embed/..")]
        [InlineData("api/v2/dashboard/abc/../xyz/shared")]
        [InlineData("api/v2/dashboard/abc/./shared")]
        public void ARelativePathThatTheUriParserWouldChangeIsRefused(string path)
        {
            var request = new ApiRequest(ApiService.Datadog, AuthKind.DatadogKeys, HttpMethod.Delete, path);

            var error = Assert.Throws<EmbedAdminValidationException>(() => request.BuildUri(new Uri("http://127.0.0.1:5080/")));

            Assert.Equal("InvalidIdentifier", error.ErrorId);
        }

        [Fact]
        public void TheBaseUrisPathIsKeptAndTheRelativePathAppendedAsWritten()
        {
            var request = new ApiRequest(ApiService.DataBrain, AuthKind.DataAppKey, HttpMethod.Get, "api/v2/data-app/embeds").WithQuery("embedId", "a/../b");

            var uri = request.BuildUri(new Uri("https://host.example/databrain/"));

            Assert.Equal("https://host.example/databrain/api/v2/data-app/embeds?embedId=a%2F..%2Fb", uri.AbsoluteUri);
        }

        private async Task<int> SharesOfAsync(string dashboard)
        {
            var state = JsonNode.Parse(await emulator.Admin.GetStringAsync("_emulator/state"))!;
            return state["datadog"]!["shares"]!.AsArray().OfType<JsonObject>().Count(s => (string?)s["dashboardId"] == dashboard);
        }
    }
}
