using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;

namespace EmbedAdmin.Core.Http
{
    /// <summary>
    /// Removes credentials from anything the module is about to show: headers, JSON bodies, and free text
    /// such as error messages. The known values of the session's own keys are removed wherever they appear.
    /// </summary>
    public sealed class Redactor
    {
        public const string Mask = "[REDACTED]";

        private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
        {
            "Authorization", "Proxy-Authorization", "DD-API-KEY", "DD-APPLICATION-KEY", "Cookie", "Set-Cookie", "X-Api-Key",
        };

        // Property names whose values are credentials in either API: DataBrain's guest token ("token"), API
        // token ("key"), Datadog's signing "credential", and the spellings people use for keys and secrets.
        private static readonly HashSet<string> SecretProperties = new(StringComparer.OrdinalIgnoreCase)
        {
            "token", "guestToken", "guest_token", "credential", "key", "apiKey", "api_key", "appKey", "app_key",
            "applicationKey", "application_key", "secret", "clientSecret", "client_secret", "password", "serviceToken",
            "service_token", "accessToken", "access_token", "refreshToken", "refresh_token", "authorization",
        };

        private static readonly Regex SecretPropertyPattern = new(
            "(\"(?:" + string.Join("|", SecretProperties.Select(Regex.Escape)) + ")\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private static readonly Regex BearerPattern = new(
            "(Bearer\\s+)[A-Za-z0-9._~+/=-]+",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        private readonly object gate = new();
        private SecretForm[] knownForms = Array.Empty<SecretForm>();

        public static bool IsSecretHeader(string name) => SecretHeaders.Contains(name);

        public static bool IsSecretProperty(string name) => SecretProperties.Contains(name);

        /// <summary>
        /// Registers a value that must never be shown, e.g. a key of the session: in any letter case, URL-encoded,
        /// and Base64-encoded (standard and URL-safe alphabets, at any alignment, as inside a Basic credential).
        /// </summary>
        public void AddKnownSecret(string? value)
        {
            // Short values would blank out ordinary words; keys and tokens are far longer than this.
            if (value is null || value.Length < MinimumSecretLength)
            {
                return;
            }

            var forms = FormsOf(value);
            lock (gate)
            {
                knownForms = knownForms.Concat(forms).Distinct().OrderByDescending(f => f.Text.Length).ToArray();
            }
        }

        public string HeaderValue(string name, string value) => IsSecretHeader(name) ? Mask : RedactText(value);

        /// <summary>Free text: known key values (in every form) and bearer tokens go; everything else stays.</summary>
        public string RedactText(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            var result = text!;
            foreach (var form in Volatile.Read(ref knownForms))
            {
                result = ReplaceAll(result, form.Text, form.Comparison);
            }

            return BearerPattern.Replace(result, "$1" + Mask);
        }

        private const int MinimumSecretLength = 8;

        private static IEnumerable<SecretForm> FormsOf(string value)
        {
            // Letters in a key, and the hex digits of its escapes, may come back in either case.
            yield return new SecretForm(value, StringComparison.OrdinalIgnoreCase);
            yield return new SecretForm(Uri.EscapeDataString(value), StringComparison.OrdinalIgnoreCase);
            yield return new SecretForm(WebUtility.UrlEncode(value), StringComparison.OrdinalIgnoreCase);

            // Base64 depends on where the value starts within the encoded bytes (e.g. after "user:" in a Basic
            // credential): for each of the three alignments, the characters that only the value's bits determine.
            var bytes = Encoding.UTF8.GetBytes(value);
            for (var shift = 0; shift < 3; shift++)
            {
                var buffer = new byte[shift + bytes.Length];
                Array.Copy(bytes, 0, buffer, shift, bytes.Length);
                var encoded = Convert.ToBase64String(buffer);
                var first = ((8 * shift) + 5) / 6;
                var end = 8 * (shift + bytes.Length) / 6;
                if (end - first < MinimumSecretLength)
                {
                    continue;
                }

                var stable = encoded.Substring(first, end - first);
                yield return new SecretForm(stable, StringComparison.Ordinal);
                yield return new SecretForm(stable.Replace('+', '-').Replace('/', '_'), StringComparison.Ordinal);
            }
        }

        private static string ReplaceAll(string text, string find, StringComparison comparison)
        {
            var at = text.IndexOf(find, comparison);
            if (at < 0)
            {
                return text;
            }

            var result = new StringBuilder(text.Length);
            var from = 0;
            while (at >= 0)
            {
                result.Append(text, from, at - from).Append(Mask);
                from = at + find.Length;
                at = text.IndexOf(find, from, comparison);
            }

            return result.Append(text, from, text.Length - from).ToString();
        }

        /// <summary>A body as text, with the values of secret-named JSON properties masked at any depth.</summary>
        public string RedactBody(byte[]? body, string? mediaType)
        {
            if (body is null || body.Length == 0)
            {
                return string.Empty;
            }

            if (mediaType is not null && mediaType.IndexOf("multipart", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return $"<multipart body, {body.Length} bytes>";
            }

            var text = Encoding.UTF8.GetString(body);
            return RedactJsonText(text);
        }

        public string RedactJsonText(string text)
        {
            try
            {
                var node = JsonNode.Parse(text);
                if (node is not null)
                {
                    MaskSecrets(node);
                    return RedactText(node.ToJsonString());
                }
            }
            catch (JsonException)
            {
                // Not JSON (an HTML error page, a truncated body): fall back to pattern matching.
            }

            return RedactText(SecretPropertyPattern.Replace(text, "$1\"" + Mask + "\""));
        }

        private static void MaskSecrets(JsonNode node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var name in obj.Select(p => p.Key).ToList())
                    {
                        var child = obj[name];
                        if (IsSecretProperty(name) && child is JsonValue)
                        {
                            obj[name] = Mask;
                        }
                        else if (child is not null)
                        {
                            MaskSecrets(child);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        if (item is not null)
                        {
                            MaskSecrets(item);
                        }
                    }

                    break;
            }
        }

        /// <summary>One spelling of a secret, and whether its letter case matters.</summary>
        private readonly struct SecretForm : IEquatable<SecretForm>
        {
            public SecretForm(string text, StringComparison comparison)
            {
                Text = text;
                Comparison = comparison;
            }

            public string Text { get; }

            public StringComparison Comparison { get; }

            public bool Equals(SecretForm other) => Text == other.Text && Comparison == other.Comparison;

            public override bool Equals(object? obj) => obj is SecretForm other && Equals(other);

            public override int GetHashCode() => (Text.GetHashCode() * 397) ^ (int)Comparison;
        }
    }
}
