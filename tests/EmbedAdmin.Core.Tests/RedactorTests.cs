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

        private const string Key = "dbn_live_emu_demoapp_7Q2x9LkP4vW8";

        [Theory]
        [InlineData("DBN_LIVE_EMU_DEMOAPP_7Q2X9LKP4VW8")]
        [InlineData("Dbn_Live_Emu_DemoApp_7q2x9lkp4vw8")]
        public void AKnownSecretIsMaskedInAnyLetterCase(string echoed)
        {
            var redactor = new Redactor();
            redactor.AddKnownSecret(Key);

            var text = redactor.RedactText("the service said: unknown key " + echoed + ".");

            Assert.Equal("the service said: unknown key " + Redactor.Mask + ".", text);
        }

        [Theory]
        [InlineData("p@ss/w0rd+key=%value&more")]
        [InlineData("a b+c/d?e=f&g#h")]
        public void AKnownSecretIsMaskedUrlEncoded(string secret)
        {
            var redactor = new Redactor();
            redactor.AddKnownSecret(secret);
            var escaped = System.Uri.EscapeDataString(secret);
            var formEncoded = System.Net.WebUtility.UrlEncode(secret);

            var text = redactor.RedactText($"GET /x?k={escaped}&j={formEncoded}&lower={escaped.ToLowerInvariant()}");

            Assert.Equal($"GET /x?k={Redactor.Mask}&j={Redactor.Mask}&lower={Redactor.Mask}", text);
        }

        [Theory]
        [InlineData("")]
        [InlineData("u:")]
        [InlineData("api:")]
        [InlineData("apikey:")]
        public void AKnownSecretIsMaskedBase64EncodedAtAnyAlignment(string prefix)
        {
            var redactor = new Redactor();
            redactor.AddKnownSecret(Key);
            var encoded = System.Convert.ToBase64String(Encoding.UTF8.GetBytes(prefix + Key + "!"));
            var urlSafe = encoded.Replace('+', '-').Replace('/', '_');

            var text = redactor.RedactText("Authorization was Basic " + encoded + " and " + urlSafe);

            // What is left around each mask is at most the few characters that mix the key's bits with its
            // neighbours' (the prefix, the "!").
            var words = text.Split(' ');
            Assert.Contains(Redactor.Mask, words[3]);
            Assert.Contains(Redactor.Mask, words[5]);
            var mixed = (prefix.Length * 4 / 3) + 7;
            Assert.InRange(words[3].Replace(Redactor.Mask, string.Empty).Length, 0, mixed);
            Assert.InRange(words[5].Replace(Redactor.Mask, string.Empty).Length, 0, mixed);
        }

        [Fact]
        public void OrdinaryTextIsLeftAlone()
        {
            var redactor = new Redactor();
            redactor.AddKnownSecret(Key);

            Assert.Equal("embed_acme updated in 12 ms", redactor.RedactText("embed_acme updated in 12 ms"));
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
