using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Tests.Support;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>
    /// What about_EmbedAdmin says -Debug hides, read from about_EmbedAdmin itself and sent through the real logging
    /// handler (the one place that writes headers and bodies), with a stub server answer carrying the secret. A name
    /// dropped from the redactor fails the case named after it; a name dropped from the help fails the list check.
    /// </summary>
    public class DocumentedRedactionTests
    {
        private static readonly Match DebugBullet = Regex.Match(
            HelpDocs.Unwrapped(HelpDocs.About),
            "`-Debug` writes request and response headers and bodies, redacted first: (?<headers>.*?) headers show `(?<mask>[^`]+)`; "
            + "JSON properties with credential names \\(such as (?<properties>[^)]*)\\) are masked at any depth");

        public static IEnumerable<object[]> Headers() => Listed("headers").Select(h => new object[] { h });

        public static IEnumerable<object[]> Properties() => Listed("properties").Select(p => new object[] { p });

        private static string Placeholder => DebugBullet.Groups["mask"].Value;

        [Fact]
        public void AboutListsTheSecretHeadersAndPropertiesAndThePlaceholder()
        {
            Assert.True(DebugBullet.Success, "about_EmbedAdmin no longer has the -Debug redaction bullet in the form this test reads");
            Assert.Superset(
                new HashSet<string> { "Authorization", "DD-API-KEY", "DD-APPLICATION-KEY", "Cookie", "Set-Cookie", "X-Api-Key" },
                Listed("headers").ToHashSet());
            Assert.Superset(new HashSet<string> { "token", "credential" }, Listed("properties").ToHashSet());
            Assert.Equal(Redactor.Mask, Placeholder);
        }

        [Theory]
        [MemberData(nameof(Headers))]
        public async Task ADocumentedSecretHeaderNeverReachesTheDebugLog(string header)
        {
            var requestSecret = "req-" + header + "-Zq81vXb3";
            var responseSecret = "resp-" + header + "-Kt47wPn9";
            var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.test/api/v2/data-app/embeds");
            Assert.True(request.Headers.TryAddWithoutValidation(header, requestSecret), $"{header} could not be put on a request");
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            Assert.True(response.Headers.TryAddWithoutValidation(header, responseSecret), $"{header} could not be put on a response");

            var log = await LogOfAsync(request, response);

            Assert.DoesNotContain(requestSecret, log);
            Assert.DoesNotContain(responseSecret, log);
            Assert.Equal(2, Regex.Matches(log, "^  " + Regex.Escape(header) + ": " + Regex.Escape(Placeholder) + "\\r?$", RegexOptions.Multiline).Count);
        }

        [Theory]
        [MemberData(nameof(Properties))]
        public async Task ADocumentedSecretPropertyNeverReachesTheDebugLog(string property)
        {
            var requestSecret = "req-" + property + "-Hy62mRc0";
            var responseSecret = "resp-" + property + "-Lw58sDf4";
            var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example.test/api/v2/guest-token/create")
            {
                Content = new StringContent($"{{\"{property}\":\"{requestSecret}\",\"clientId\":\"acme-visible\"}}", Encoding.UTF8, "application/json"),
            };
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"{{\"data\":{{\"attributes\":{{\"{property}\":\"{responseSecret}\",\"title\":\"Q1 visible\"}}}}}}", Encoding.UTF8, "application/json"),
            };

            var log = await LogOfAsync(request, response);

            Assert.DoesNotContain(requestSecret, log);
            Assert.DoesNotContain(responseSecret, log);
            Assert.Contains($"\"{property}\":\"{Placeholder}\"", log);
            Assert.Contains("acme-visible", log);
            Assert.Contains("Q1 visible", log);
        }

        /// <summary>"the session's own key values and any bearer token are removed wherever they appear".</summary>
        [Fact]
        public async Task SessionKeysAndBearerTokensAreRemovedWhereverTheyAppear()
        {
            const string sessionKey = "dbn_live_session_key_Pq5Tz8";
            var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.test/api/v2/data-app/embeds");
            request.Headers.TryAddWithoutValidation("X-Trace", "Bearer abc.def-Trace77");
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"{{\"message\":\"key {sessionKey} accepted\"}}", Encoding.UTF8, "application/json"),
            };

            var log = await LogOfAsync(request, response, sessionKey);

            Assert.DoesNotContain(sessionKey, log);
            Assert.DoesNotContain("abc.def-Trace77", log);
            Assert.Contains("key " + Placeholder + " accepted", log);
            Assert.Contains("X-Trace: Bearer " + Placeholder, log);
        }

        private static IReadOnlyList<string> Listed(string group) =>
            DebugBullet.Success ? HelpDocs.Backticked(DebugBullet.Groups[group].Value) : Array.Empty<string>();

        private static async Task<string> LogOfAsync(HttpRequestMessage request, HttpResponseMessage response, string? knownSecret = null)
        {
            var redactor = new Redactor();
            redactor.AddKnownSecret(knownSecret);
            var log = new RecordingLog();
            new RequestProperties(ApiService.DataBrain, AuthKind.None, idempotent: true, new RequestContext(log, new RequestStats())).AttachTo(request);
            using var invoker = new HttpMessageInvoker(new LoggingHandler(redactor) { InnerHandler = new Answer(response) });

            using (await invoker.SendAsync(request, CancellationToken.None))
            {
            }

            Assert.Contains(log.Lines, line => line.StartsWith("DEBUG: Response", StringComparison.Ordinal));
            return log.All;
        }

        /// <summary>The server: hands back the prepared answer for whatever is sent.</summary>
        private sealed class Answer : HttpMessageHandler
        {
            private readonly HttpResponseMessage response;

            public Answer(HttpResponseMessage response)
            {
                this.response = response;
            }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                Task.FromResult(response);
        }
    }
}
