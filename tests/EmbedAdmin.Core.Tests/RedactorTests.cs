using System.Text;
using EmbedAdmin.Core.Http;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    public class RedactorTests
    {
        [Theory]
        [InlineData("Authorization")]
        [InlineData("authorization")]
        [InlineData("DD-API-KEY")]
        [InlineData("DD-APPLICATION-KEY")]
        [InlineData("Proxy-Authorization")]
        public void SecretHeadersAreMasked(string header) =>
            Assert.Equal(Redactor.Mask, new Redactor().HeaderValue(header, "Bearer dbn_live_abcdefghijkl"));

        [Fact]
        public void OrdinaryHeadersStay() =>
            Assert.Equal("application/json", new Redactor().HeaderValue("Content-Type", "application/json"));

        [Fact]
        public void SecretJsonPropertiesAreMaskedAtAnyDepth()
        {
            var body = "{\"data\":{\"attributes\":{\"credential\":\"hmac-secret-value-123\",\"title\":\"Q1\"}},\"token\":\"3affda8b-guest\",\"items\":[{\"key\":\"dbn_key_abcdef\"}]}";

            var redacted = new Redactor().RedactBody(Encoding.UTF8.GetBytes(body), "application/json");

            Assert.DoesNotContain("hmac-secret-value-123", redacted);
            Assert.DoesNotContain("3affda8b-guest", redacted);
            Assert.DoesNotContain("dbn_key_abcdef", redacted);
            Assert.Contains("\"title\":\"Q1\"", redacted);
        }

        [Fact]
        public void KnownSessionSecretsVanishFromFreeText()
        {
            var redactor = new Redactor();
            redactor.AddKnownSecret("dbn_live_emu_demoapp_7Q2x9LkP4vW8");

            var text = redactor.RedactText("server said: key dbn_live_emu_demoapp_7Q2x9LkP4vW8 is invalid");

            Assert.Equal("server said: key [REDACTED] is invalid", text);
        }

        [Fact]
        public void BearerTokensInTextAreMasked() =>
            Assert.Equal("Authorization: Bearer [REDACTED]", new Redactor().RedactText("Authorization: Bearer abc.def-ghi"));

        [Fact]
        public void BrokenJsonFallsBackToPatternMasking()
        {
            var redacted = new Redactor().RedactJsonText("{\"token\":\"abcdefgh123\", \"name\":\"x\"");

            Assert.DoesNotContain("abcdefgh123", redacted);
            Assert.Contains("\"name\":\"x\"", redacted);
        }

        [Fact]
        public void MultipartBodiesAreSummarised() =>
            Assert.Equal("<multipart body, 5 bytes>", new Redactor().RedactBody(Encoding.UTF8.GetBytes("abcde"), "multipart/form-data"));

        [Fact]
        public void ShortValuesAreNotTreatedAsSecrets()
        {
            var redactor = new Redactor();
            redactor.AddKnownSecret("abc");

            Assert.Equal("abc is a word", redactor.RedactText("abc is a word"));
        }
    }
}
