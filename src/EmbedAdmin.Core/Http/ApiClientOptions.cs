using System;
using System.Net;

namespace EmbedAdmin.Core.Http
{
    /// <summary>
    /// The keys as the HTTP pipeline sees them: whether one is there, and the clear text for the one handler that
    /// writes it into a header. The session holds them; Http asks through this and knows nothing of sessions.
    /// </summary>
    internal interface IApiCredentials
    {
        /// <exception cref="Errors.EmbedAdminCredentialException">The key the call needs was not given.</exception>
        void EnsureAvailable(AuthKind auth);

        /// <summary>The bearer token for a DataBrain call (a data-app key, or a service token).</summary>
        string RevealBearer(AuthKind auth);

        /// <summary>The Datadog API key and application key.</summary>
        (string ApiKey, string ApplicationKey) RevealDatadog();
    }

    /// <summary>
    /// Everything the HTTP pipeline needs, and nothing more: where each service is, how to reach it, the keys,
    /// the limits and the shared clock, rate-limit gates and redactor. The session builds one; the pipeline never
    /// sees the session itself.
    /// </summary>
    internal sealed class ApiClientOptions
    {
        /// <summary>The largest response body read when nothing else is said, in bytes.</summary>
        public const long DefaultMaximumResponseSize = 64L * 1024 * 1024;

        public ApiClientOptions(
            Func<Errors.ApiService, Uri> baseUriFor,
            IApiCredentials credentials,
            Redactor redactor,
            IClock clock,
            RetryPolicy retryPolicy,
            Func<Errors.ApiService, RateLimitGate> gateFor)
        {
            BaseUriFor = baseUriFor;
            Credentials = credentials;
            Redactor = redactor;
            Clock = clock;
            RetryPolicy = retryPolicy;
            GateFor = gateFor;
        }

        public Func<Errors.ApiService, Uri> BaseUriFor { get; }

        public IApiCredentials Credentials { get; }

        public Redactor Redactor { get; }

        public IClock Clock { get; }

        public RetryPolicy RetryPolicy { get; }

        public Func<Errors.ApiService, RateLimitGate> GateFor { get; }

        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

        public long MaximumResponseSize { get; set; } = DefaultMaximumResponseSize;

        public Uri? Proxy { get; set; }

        public ICredentials? ProxyCredential { get; set; }
    }
}
