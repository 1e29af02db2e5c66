using System;
using System.Linq;
using System.Net;

namespace EmbedAdmin.Core.Http
{
    public static class EndpointRules
    {
        /// <summary>
        /// Keys travel in headers, so plain HTTP is refused except to this machine (the emulator, a tunnel).
        /// A user name or password in the URI is refused too: it is never used to authenticate, and it would be
        /// shown wherever the address is.
        /// </summary>
        public static Uri RequireSecureOrLoopback(Uri uri, string field)
        {
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"{field}: '{Display(uri)}' must be an absolute http or https URI.", field);
            }

            RequireNoUserInfo(uri, field);
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            {
                throw new ArgumentException(
                    $"{field}: '{uri}' uses plain HTTP. HTTPS is required except for loopback addresses (127.0.0.0/8, ::1, localhost).",
                    field);
            }

            var text = uri.GetLeftPart(UriPartial.Path);
            return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
        }

        /// <summary>Refuses user:password@ in a URI, naming the field and never repeating what was there.</summary>
        public static void RequireNoUserInfo(Uri uri, string field)
        {
            if (uri.IsAbsoluteUri && uri.UserInfo.Length > 0)
            {
                throw new ArgumentException(
                    $"{field}: '{Display(uri)}' carries a user name or password (user:password@). It is never used to authenticate and would be shown wherever the address is; "
                    + "remove it, and give keys with -DataBrainApiKey, -DataBrainServiceToken, -DatadogApiKey and -DatadogApplicationKey, and proxy credentials with -ProxyCredential.",
                    field);
            }
        }

        /// <summary>
        /// Plain HTTP is allowed to this machine only when the request goes there directly: through a proxy
        /// elsewhere, the request and its keys would cross the network unencrypted. A proxy on this machine is
        /// as local as the target.
        /// </summary>
        public static void RequireDirectForPlainHttp(Uri target, string field, Uri? proxy)
        {
            if (target.Scheme != Uri.UriSchemeHttp || proxy is null || IsLoopback(proxy))
            {
                return;
            }

            throw new ArgumentException(
                $"{field}: '{target}' is plain HTTP and would go through the proxy '{Display(proxy)}' unencrypted, keys included. "
                + "Use https, a proxy on this machine, or send it directly: add the host to no_proxy (NO_PROXY), or connect without -Proxy.",
                field);
        }

        /// <summary>
        /// The proxy a request to the target would go through: -Proxy when given, else the one the environment
        /// names as curl and .NET read it (http_proxy / HTTP_PROXY for http, https_proxy / HTTPS_PROXY for https,
        /// then all_proxy / ALL_PROXY), unless no_proxy / NO_PROXY exempts the host ("*", the host, or a domain
        /// suffix such as .example.com or example.com).
        /// </summary>
        public static Uri? ProxyFor(Uri target, Uri? explicitProxy, Func<string, string?> environment)
        {
            if (explicitProxy is not null)
            {
                return explicitProxy;
            }

            var names = target.Scheme == Uri.UriSchemeHttps
                ? new[] { "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" }
                : new[] { "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY" };
            var text = names.Select(environment).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            if (text is null || IsExempt(target, environment("no_proxy") ?? environment("NO_PROXY")))
            {
                return null;
            }

            // curl takes "proxy:3128" without a scheme as http.
            var trimmed = text.Trim();
            return Uri.TryCreate(trimmed.Contains("://") ? trimmed : "http://" + trimmed, UriKind.Absolute, out var proxy) ? proxy : null;
        }

        /// <summary>The URI as it may be shown: without any user name or password.</summary>
        public static string Display(Uri uri) =>
            uri.IsAbsoluteUri && uri.UserInfo.Length > 0
                ? uri.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped)
                : uri.ToString();

        public static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback)
            {
                return true;
            }

            return IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address);
        }

        private static bool IsExempt(Uri target, string? noProxy)
        {
            if (string.IsNullOrWhiteSpace(noProxy))
            {
                return false;
            }

            var host = target.DnsSafeHost.TrimEnd('.');
            foreach (var raw in noProxy!.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var entry = raw.Trim();
                if (entry == "*")
                {
                    return true;
                }

                // An entry may carry a port (host:port) or IPv6 brackets; only the host is compared.
                if (entry.StartsWith("[", StringComparison.Ordinal) && entry.IndexOf(']') is var close && close > 0)
                {
                    entry = entry.Substring(1, close - 1);
                }
                else if (entry.Count(c => c == ':') == 1)
                {
                    entry = entry.Substring(0, entry.IndexOf(':'));
                }

                entry = entry.TrimStart('*').TrimStart('.').TrimEnd('.');
                if (entry.Length > 0
                    && (host.Equals(entry, StringComparison.OrdinalIgnoreCase)
                        || host.EndsWith("." + entry, StringComparison.OrdinalIgnoreCase)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
