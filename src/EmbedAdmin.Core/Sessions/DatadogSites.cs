using System;
using EmbedAdmin.Core.Http;
using System.Collections.Generic;
using System.Linq;

namespace EmbedAdmin.Core.Sessions
{
    /// <summary>The Datadog sites (docs.datadoghq.com/getting_started/site); the API host is always "api." + site.</summary>
    public static class DatadogSites
    {
        public const string Default = "datadoghq.com";

        public static IReadOnlyList<string> All { get; } = new[]
        {
            "datadoghq.com",
            "us3.datadoghq.com",
            "us5.datadoghq.com",
            "ap1.datadoghq.com",
            "ap2.datadoghq.com",
            "uk1.datadoghq.com",
            "datadoghq.eu",
            "ddog-gov.com",
            "us2.ddog-gov.com",
        };

        public static bool IsKnown(string site) => All.Contains(site, StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// A site name ("datadoghq.eu", or "app.datadoghq.eu" as copied from the browser) or a custom base URI.
        /// Returns the site name (null for a custom URI) and the API base URI.
        /// </summary>
        public static (string? Site, Uri BaseUri) Resolve(string siteOrUri)
        {
            var text = siteOrUri.Trim();
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                var host = uri.Host;
                var known = All.FirstOrDefault(s => string.Equals(host, "api." + s, StringComparison.OrdinalIgnoreCase));
                return (known, EndpointRules.RequireSecureOrLoopback(uri, "DatadogSite"));
            }

            var name = text.StartsWith("app.", StringComparison.OrdinalIgnoreCase) ? text.Substring(4) : text;
            var site = All.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
            if (site is null)
            {
                throw new ArgumentException(
                    $"DatadogSite: '{siteOrUri}' is neither one of the Datadog sites ({string.Join(", ", All)}) nor an http(s) URI.",
                    nameof(siteOrUri));
            }

            return (site, new Uri("https://api." + site + "/"));
        }
    }
}
