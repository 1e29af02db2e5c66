using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

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
        private string[] knownSecrets = Array.Empty<string>();

        public static bool IsSecretHeader(string name) => SecretHeaders.Contains(name);

        public static bool IsSecretProperty(string name) => SecretProperties.Contains(name);

        /// <summary>Registers a value that must never be shown, e.g. a key of the session.</summary>
        public void AddKnownSecret(string? value)
        {
            // Short values would blank out ordinary words; keys and tokens are far longer than this.
            if (value is null || value.Length < 8)
            {
                return;
            }

            lock (gate)
            {
                knownSecrets = knownSecrets.Concat(new[] { value }).Distinct().OrderByDescending(s => s.Length).ToArray();
            }
        }

        public string HeaderValue(string name, string value) => IsSecretHeader(name) ? Mask : RedactText(value);

        /// <summary>Free text: known key values and bearer tokens go; everything else stays.</summary>
        public string RedactText(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? string.Empty;
            }

            var result = text!;
            foreach (var secret in knownSecrets)
            {
                if (result.IndexOf(secret, StringComparison.Ordinal) >= 0)
                {
                    result = result.Replace(secret, Mask);
                }
            }

            return BearerPattern.Replace(result, "$1" + Mask);
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
    }
}
