using System;
using System.Net;

namespace EmbedAdmin.Core.Sessions
{
    public static class EndpointRules
    {
        /// <summary>
        /// Keys travel in headers, so plain HTTP is refused except to this machine (the emulator, a tunnel).
        /// </summary>
        public static Uri RequireSecureOrLoopback(Uri uri, string field)
        {
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"{field}: '{uri}' must be an absolute http or https URI.", field);
            }

            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            {
                throw new ArgumentException(
                    $"{field}: '{uri}' uses plain HTTP. HTTPS is required except for loopback addresses (127.0.0.0/8, ::1, localhost).",
                    field);
            }

            var text = uri.GetLeftPart(UriPartial.Path);
            return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
        }

        public static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback)
            {
                return true;
            }

            return IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address);
        }
    }
}
