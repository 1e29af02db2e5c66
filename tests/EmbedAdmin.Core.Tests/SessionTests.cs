using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Sessions;
using EmbedAdmin.Core.Tests.Support;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    public class SessionTests
    {
        private static Func<string, string?> Environment(Dictionary<string, string> values) =>
            name => values.TryGetValue(name, out var value) ? value : null;

        private static EmbedAdminSession Create(SessionSettings settings, Dictionary<string, string>? environment = null) =>
            EmbedAdminSession.Create(settings, Environment(environment ?? new Dictionary<string, string>()), new TestClock(), new Random(1));

        [Fact]
        public void KeysFallBackToTheEnvironment()
        {
            using var session = Create(new SessionSettings(), new Dictionary<string, string>
            {
                ["DATABRAIN_API_KEY"] = "dbn_live_env_key_AAAA1111",
                ["DATABRAIN_SERVICE_TOKEN"] = "dbn_svc_env_token_BBBB2222",
                ["DATABRAIN_URL"] = "https://databrain.example.internal",
                ["DD_API_KEY"] = "dd_api_env_CCCC3333",
                ["DD_APP_KEY"] = "dd_app_env_DDDD4444",
                ["DD_SITE"] = "datadoghq.eu",
            });

            Assert.Equal("****1111", session.DataBrainApiKey);
            Assert.Equal("****2222", session.DataBrainServiceToken);
            Assert.Equal(new Uri("https://databrain.example.internal/"), session.DataBrainUri);
            Assert.Equal("****3333", session.DatadogApiKey);
            Assert.Equal("****4444", session.DatadogApplicationKey);
            Assert.Equal("datadoghq.eu", session.DatadogSite);
            Assert.Equal(new Uri("https://api.datadoghq.eu/"), session.DatadogUri);
        }

        [Fact]
        public void GivenKeysWinOverTheEnvironment()
        {
            using var session = Create(
                new SessionSettings { DataBrainApiKey = EmulatorFixture.Secure("dbn_live_given_key_ZZZZ9999") },
                new Dictionary<string, string> { ["DATABRAIN_API_KEY"] = "dbn_live_env_key_AAAA1111" });

            Assert.Equal("****9999", session.DataBrainApiKey);
        }

        [Fact]
        public void DefaultsAreTheCloudEndpoints()
        {
            using var session = Create(new SessionSettings());

            Assert.Equal(new Uri(EmbedAdminSession.DefaultDataBrainUri), session.DataBrainUri);
            Assert.Equal(new Uri("https://api.datadoghq.com/"), session.DatadogUri);
            Assert.Null(session.DataBrainApiKey);
            Assert.Equal(RetryPolicy.DefaultMaximumRetryCount, session.MaximumRetryCount);
            Assert.Equal(EmbedAdminSession.DefaultTimeout, session.Timeout);
        }

        [Fact]
        public void NothingDisplayedContainsAKey()
        {
            const string key = "dbn_live_very_secret_key_WXYZ";
            using var session = Create(new SessionSettings { DataBrainApiKey = EmulatorFixture.Secure(key), DatadogApiKey = EmulatorFixture.Secure("dd_api_secret_value_9876") });

            var shown = session.ToString() + session.DataBrainApiKey + session.DatadogApiKey;

            Assert.DoesNotContain(key, shown);
            Assert.DoesNotContain("very_secret", shown);
            Assert.DoesNotContain("secret_value", shown);
            Assert.Contains("****WXYZ", shown);
        }

        [Fact]
        public void ShortKeysShowNothingOfThemselves()
        {
            using var session = Create(new SessionSettings { DataBrainApiKey = EmulatorFixture.Secure("abcd1234") });

            Assert.Equal("****", session.DataBrainApiKey);
        }

        [Theory]
        [InlineData("http://databrain.example.com")]
        [InlineData("http://10.0.0.5:8080")]
        public void PlainHttpIsRefusedExceptLoopback(string uri)
        {
            var error = Assert.Throws<ArgumentException>(() => Create(new SessionSettings { DataBrainUri = new Uri(uri) }));

            Assert.Contains("HTTPS is required", error.Message);
        }

        [Theory]
        [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
        [InlineData("http://localhost:5080/db", "http://localhost:5080/db/")]
        [InlineData("http://[::1]:5080", "http://[::1]:5080/")]
        [InlineData("https://databrain.example.com/selfhosted", "https://databrain.example.com/selfhosted/")]
        public void HttpsAndLoopbackAreAccepted(string uri, string expected)
        {
            using var session = Create(new SessionSettings { DataBrainUri = new Uri(uri) });

            Assert.Equal(new Uri(expected), session.DataBrainUri);
        }

        [Theory]
        [InlineData("datadoghq.com", "https://api.datadoghq.com/")]
        [InlineData("us3.datadoghq.com", "https://api.us3.datadoghq.com/")]
        [InlineData("us5.datadoghq.com", "https://api.us5.datadoghq.com/")]
        [InlineData("ap1.datadoghq.com", "https://api.ap1.datadoghq.com/")]
        [InlineData("ap2.datadoghq.com", "https://api.ap2.datadoghq.com/")]
        [InlineData("uk1.datadoghq.com", "https://api.uk1.datadoghq.com/")]
        [InlineData("datadoghq.eu", "https://api.datadoghq.eu/")]
        [InlineData("ddog-gov.com", "https://api.ddog-gov.com/")]
        [InlineData("us2.ddog-gov.com", "https://api.us2.ddog-gov.com/")]
        [InlineData("app.datadoghq.eu", "https://api.datadoghq.eu/")]
        [InlineData("DatadogHQ.EU", "https://api.datadoghq.eu/")]
        public void EachDatadogSiteHasItsApiHost(string site, string expected)
        {
            using var session = Create(new SessionSettings { DatadogSite = site });

            Assert.Equal(new Uri(expected), session.DatadogUri);
            Assert.NotNull(session.DatadogSite);
        }

        [Fact]
        public void ACustomDatadogUriIsAccepted()
        {
            using var session = Create(new SessionSettings { DatadogSite = "http://127.0.0.1:5080" });

            Assert.Null(session.DatadogSite);
            Assert.Equal(new Uri("http://127.0.0.1:5080/"), session.DatadogUri);
        }

        [Fact]
        public void AnUnknownSiteNamesTheNineSites()
        {
            var error = Assert.Throws<ArgumentException>(() => Create(new SessionSettings { DatadogSite = "datadoghq.moon" }));

            Assert.Contains("us5.datadoghq.com", error.Message);
            Assert.Contains("DatadogSite", error.Message);
        }

        [Fact]
        public void RetryAndTimeoutSettingsAreChecked()
        {
            Assert.Throws<ArgumentException>(() => Create(new SessionSettings { MaximumRetryCount = 51 }));
            Assert.Throws<ArgumentException>(() => Create(new SessionSettings { Timeout = TimeSpan.Zero }));
            using var session = Create(new SessionSettings { MaximumRetryCount = 0, Timeout = TimeSpan.FromSeconds(5) });
            Assert.Equal(0, session.MaximumRetryCount);
            Assert.Equal(TimeSpan.FromSeconds(5), session.Timeout);
        }

        [Fact]
        public void AServiceTokenEndpointAcceptsTheDataAppKeyAsTheOlderDocsSaid()
        {
            using var onlyKey = Create(new SessionSettings { DataBrainApiKey = EmulatorFixture.Secure("dbn_live_only_key_1234") });

            Assert.True(onlyKey.HasCredential(AuthKind.ServiceToken));
            Assert.False(onlyKey.HasCredential(AuthKind.DatadogKeys));
        }

        [Fact]
        public async Task PreparingBuildsThePipelineAheadOfTheFirstRequestAndSendsNothing()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                using var session = Create(new SessionSettings
                {
                    DataBrainUri = new Uri($"http://127.0.0.1:{port}/"),
                    DataBrainApiKey = EmulatorFixture.Secure("dbn_live_prepare_key_PPPP1111"),
                });
                Assert.False(session.PipelineState.Built);

                await session.PrepareInBackground().WaitAsync(TimeSpan.FromSeconds(30));

                Assert.Equal((true, false), session.PipelineState);
                Assert.False(listener.Pending());
            }
            finally
            {
                listener.Stop();
            }
        }

        [Fact]
        public async Task ASessionDisconnectedWhilePreparingEndsThePipelineBuiltAfterwards()
        {
            var session = Create(new SessionSettings());
            var preparing = session.PrepareInBackground();
            session.Dispose();

            await preparing.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal((true, true), session.PipelineState);
        }

        [Fact]
        public void TheStoreHandsOutOnlyLiveSessions()
        {
            var session = Create(new SessionSettings());
            var previous = SessionStore.Replace(session);
            try
            {
                Assert.Same(session, SessionStore.Current);
                session.Dispose();
                Assert.Null(SessionStore.Current);
                Assert.Throws<ObjectDisposedException>(() => session.Api);
            }
            finally
            {
                SessionStore.Replace(previous);
            }
        }
    }
}
