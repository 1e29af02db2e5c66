using System;
using System.Net;
using System.Security;

namespace EmbedAdmin.Core.Sessions
{
    /// <summary>What Connect-EmbedAdmin was given; anything left null falls back to the environment or a default.</summary>
    public sealed class SessionSettings
    {
        public SecureString? DataBrainApiKey { get; set; }

        public SecureString? DataBrainServiceToken { get; set; }

        public Uri? DataBrainUri { get; set; }

        /// <summary>The data app the API key belongs to: New-GuestToken's default -DataAppName.</summary>
        public string? DataAppName { get; set; }

        public SecureString? DatadogApiKey { get; set; }

        public SecureString? DatadogApplicationKey { get; set; }

        /// <summary>A Datadog site name (datadoghq.eu) or a custom base URI.</summary>
        public string? DatadogSite { get; set; }

        public Uri? Proxy { get; set; }

        public ICredentials? ProxyCredential { get; set; }

        public TimeSpan? Timeout { get; set; }

        public int? MaximumRetryCount { get; set; }

        /// <summary>The longest Retry-After waited out; a service asking for longer fails the call at once. Default 60 s.</summary>
        public TimeSpan? MaximumRetryWait { get; set; }

        /// <summary>The largest response body read, in bytes; a larger one fails with ResponseTooLarge. Default 64 MB.</summary>
        public long? MaximumResponseSize { get; set; }

        /// <summary>Use DataBrain's older camelCase paths (/api/v2/dataApp/…) for self-hosted versions that predate the kebab-case ones.</summary>
        public bool UseLegacyDataBrainPaths { get; set; }
    }

    /// <summary>The environment variables a session falls back to, named as the services' own tools name them.</summary>
    public static class SessionEnvironment
    {
        public const string DataBrainApiKey = "DATABRAIN_API_KEY";
        public const string DataBrainServiceToken = "DATABRAIN_SERVICE_TOKEN";
        public const string DataBrainUrl = "DATABRAIN_URL";
        public const string DataBrainDataAppName = "DATABRAIN_DATA_APP_NAME";
        public const string DatadogApiKey = "DD_API_KEY";
        public const string DatadogApplicationKey = "DD_APP_KEY";
        public const string DatadogSite = "DD_SITE";
    }
}
