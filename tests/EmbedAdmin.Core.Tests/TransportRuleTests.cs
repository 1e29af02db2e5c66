using System;
using System.Collections.Generic;
using EmbedAdmin.Core.Sessions;
using EmbedAdmin.Core.Tests.Support;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>Keys leave the machine only over TLS: plain HTTP goes to loopback directly, and no URI carries a password.</summary>
    public class TransportRuleTests
    {
        private const string Local = "http://127.0.0.1:5080";

        private static EmbedAdminSession Create(SessionSettings settings, Dictionary<string, string>? environment = null) =>
            EmbedAdminSession.Create(
                settings,
                name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
                new TestClock(),
                new Random(1));

        [Fact]
        public void PlainHttpToLoopbackThroughARemoteProxyIsRefused()
        {
            var error = Assert.Throws<ArgumentException>(() => Create(new SessionSettings { DataBrainUri = new Uri(Local), Proxy = new Uri("http://proxy.example.com:3128") }));

            Assert.Contains("DataBrainUri", error.Message, StringComparison.Ordinal);
            Assert.Contains("proxy.example.com", error.Message, StringComparison.Ordinal);
            Assert.Contains("unencrypted", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("http_proxy")]
        [InlineData("HTTP_PROXY")]
        [InlineData("all_proxy")]
        [InlineData("ALL_PROXY")]
        public void PlainHttpToLoopbackThroughAnEnvironmentProxyIsRefused(string variable)
        {
            var error = Assert.Throws<ArgumentException>(() => Create(
                new SessionSettings { DataBrainUri = new Uri(Local) },
                new Dictionary<string, string> { [variable] = "http://corp-proxy.example.com:8080" }));

            Assert.Contains("corp-proxy.example.com", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void ACustomDatadogUriIsCheckedLikeDataBrainsAddress()
        {
            var error = Assert.Throws<ArgumentException>(() => Create(
                new SessionSettings { DatadogSite = Local },
                new Dictionary<string, string> { ["http_proxy"] = "corp-proxy.example.com:8080" }));

            Assert.Contains("DatadogSite", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("127.0.0.1")]
        [InlineData("localhost,127.0.0.1")]
        [InlineData("*")]
        [InlineData("127.0.0.1:5080")]
        public void NoProxyExemptingTheHostLetsPlainHttpGoDirectly(string noProxy)
        {
            using var session = Create(
                new SessionSettings { DataBrainUri = new Uri(Local) },
                new Dictionary<string, string> { ["http_proxy"] = "http://corp-proxy.example.com:8080", ["no_proxy"] = noProxy });

            Assert.Equal(new Uri(Local + "/"), session.DataBrainUri);
        }

        [Fact]
        public void ALoopbackProxyIsAsLocalAsTheTarget()
        {
            using var session = Create(new SessionSettings { DataBrainUri = new Uri(Local), Proxy = new Uri("http://127.0.0.1:8888") });

            Assert.Equal(new Uri("http://127.0.0.1:8888"), session.Proxy);
        }

        [Fact]
        public void HttpsGoesThroughAnyProxy()
        {
            using var session = Create(
                new SessionSettings { DataBrainUri = new Uri("https://databrain.example.com"), Proxy = new Uri("http://proxy.example.com:3128") },
                new Dictionary<string, string> { ["http_proxy"] = "http://corp-proxy.example.com:8080" });

            Assert.Equal(new Uri("https://databrain.example.com/"), session.DataBrainUri);
        }

        [Theory]
        [InlineData("DataBrainUri")]
        [InlineData("Proxy")]
        [InlineData("DatadogSite")]
        [InlineData("DATABRAIN_URL")]
        public void AUserNameAndPasswordInAnyUriIsRefusedWithoutRepeatingThem(string where)
        {
            const string withPassword = "https://admin:Hunter2Secret@databrain.example.com/";
            var settings = new SessionSettings();
            var environment = new Dictionary<string, string>();
            switch (where)
            {
                case "DataBrainUri": settings.DataBrainUri = new Uri(withPassword); break;
                case "Proxy": settings.Proxy = new Uri("http://admin:Hunter2Secret@proxy.example.com:3128"); break;
                case "DatadogSite": settings.DatadogSite = withPassword; break;
                default: environment["DATABRAIN_URL"] = withPassword; break;
            }

            var error = Assert.Throws<ArgumentException>(() => Create(settings, environment));

            Assert.Contains("user:password@", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Hunter2Secret", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("admin", error.Message, StringComparison.Ordinal);
        }
    }
}
