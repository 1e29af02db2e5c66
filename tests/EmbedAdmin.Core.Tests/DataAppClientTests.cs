using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.DataBrain.DataApps;
using EmbedAdmin.Core.DataBrain.Datasources;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Tests.Support;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>
    /// Data apps, API keys and datasources over real HTTP against the emulator's reading of
    /// docs.usedatabrain.com/api-reference list-data-apps, update-data-app, create-api-token and delete-datasource.
    /// </summary>
    public class DataAppClientTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
    {
        private readonly EmulatorFixture emulator;

        public DataAppClientTests(EmulatorFixture emulator)
        {
            this.emulator = emulator;
        }

        public Task InitializeAsync() => emulator.ResetAsync();

        public Task DisposeAsync() => Task.CompletedTask;

        private async Task<JsonElement> RoutesAsync()
        {
            using var stats = JsonDocument.Parse(await emulator.Admin.GetStringAsync("_emulator/stats"));
            return stats.RootElement.GetProperty("byRoute").Clone();
        }

        [Theory]
        [InlineData(false, "GET /api/v2/data-app", "PUT /api/v2/data-app")]
        [InlineData(true, "GET /api/v2/dataApp", "PUT /api/v2/dataApp")]
        public async Task ListAndRenameUseTheKebabCasePathsOrTheLegacyOnes(bool legacy, string list, string rename)
        {
            using var session = emulator.Session(legacy: legacy);
            var client = new DataAppClient(session);

            var apps = await client.ListAsync(RequestContext.Silent(), CancellationToken.None);
            var renamed = await client.RenameAsync("other-app", "partner-app", RequestContext.Silent(), CancellationToken.None);

            Assert.Equal(new[] { "demo-app", "other-app" }, apps.Select(a => a.Name));
            Assert.Equal(13, apps[0].EmbedCount);
            Assert.Equal(("partner-app", "other-app"), (renamed.Name, renamed.PreviousName));
            var routes = await RoutesAsync();
            Assert.Equal(1, routes.GetProperty(list).GetInt32());
            Assert.Equal(1, routes.GetProperty(rename).GetInt32());
        }

        [Fact]
        public async Task ANewKeyIsASecretOfTheSessionAndReadsAsItsDataApp()
        {
            using var session = emulator.Session();
            var token = await new DataAppClient(session).CreateApiTokenAsync("other-app", "rotation", RequestContext.Silent(), CancellationToken.None);
            var key = new NetworkCredential(string.Empty, token.Key).Password;

            Assert.Equal("****" + key.Substring(key.Length - 4), token.KeyHint);
            Assert.Equal("x [REDACTED] y", new DataAppClient(session).Redact("x " + key + " y"));

            // Reconnected with the new key, the session reads the other app's embeds.
            using var rotated = emulator.Session(dataAppKey: key);
            var embeds = await new EmbedClient(rotated).ListEmbedsAsync(_ => true, false, 1, RequestContext.Silent(), CancellationToken.None);
            Assert.Equal(new[] { "embed_partner_north", "embed_partner_south" }, embeds.Select(e => e.EmbedId));
        }

        [Fact]
        public async Task ADatasourceInUseIsNotRemovedAndTheErrorNamesItsUsers()
        {
            using var session = emulator.Session();
            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() =>
                new DatasourceClient(session).DeleteAsync("postgres-production", RequestContext.Silent(), CancellationToken.None));

            Assert.Equal("DatasourceInUse", ErrorClassifier.Classify(error).ErrorId);
            Assert.StartsWith("Datasource 'postgres-production' was not removed because it is still in use.", error.ApiMessage);
            Assert.Contains("workspace 'Sales Analytics'", error.ApiMessage);
        }
    }
}
