using System;
using System.Globalization;
using System.Net;
using System.Security;
using System.Threading.Tasks;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Journal;

namespace EmbedAdmin.Core.Sessions
{
    /// <summary>
    /// One connection to DataBrain and/or Datadog: where they are, the keys (never shown in full), and the
    /// HTTP pipeline every cmdlet shares. Safe to use from several runspaces at once.
    /// </summary>
    public sealed class EmbedAdminSession : IDisposable
    {
        public const string DefaultDataBrainUri = "https://api.usedatabrain.com/";
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
        public const long DefaultMaximumResponseSize = ApiClientOptions.DefaultMaximumResponseSize;

        private readonly SessionCredentials credentials;
        private readonly RateLimitGate dataBrainGate;
        private readonly RateLimitGate datadogGate;
        private readonly Lazy<ApiPipeline> pipeline;
        private readonly ICredentials? proxyCredential;
        private readonly RetryPolicy retryPolicy;
        private readonly object lifecycle = new();
        private volatile bool disposed;

        private EmbedAdminSession(
            SessionCredentials credentials,
            Uri dataBrainUri,
            string? datadogSite,
            Uri datadogUri,
            Uri? proxy,
            ICredentials? proxyCredential,
            TimeSpan timeout,
            RetryPolicy retryPolicy,
            bool useLegacyDataBrainPaths,
            string? dataAppName,
            long maximumResponseSize,
            ChangeJournal? journal,
            IClock clock)
        {
            MaximumResponseSize = maximumResponseSize;
            Journal = journal;
            DataAppName = dataAppName;
            this.credentials = credentials;
            this.proxyCredential = proxyCredential;
            this.retryPolicy = retryPolicy;
            Id = Guid.NewGuid();
            ConnectedAt = clock.UtcNow;
            DataBrainUri = dataBrainUri;
            DatadogSite = datadogSite;
            DatadogUri = datadogUri;
            Proxy = proxy;
            Timeout = timeout;
            UseLegacyDataBrainPaths = useLegacyDataBrainPaths;
            Clock = clock;
            dataBrainGate = new RateLimitGate(clock);
            datadogGate = new RateLimitGate(clock);
            Redactor = new Redactor();
            Completions = new CompletionCache(clock);
            foreach (var secret in new[] { credentials.DataAppKey, credentials.ServiceToken, credentials.DatadogApiKey, credentials.DatadogApplicationKey })
            {
                if (secret is not null)
                {
                    Redactor.AddKnownSecret(secret.Reveal());
                }
            }

            pipeline = new Lazy<ApiPipeline>(BuildPipeline, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public Guid Id { get; }

        public DateTimeOffset ConnectedAt { get; }

        public Uri DataBrainUri { get; }

        /// <summary>The data app the DataBrain API key belongs to, when given; New-GuestToken's default.</summary>
        public string? DataAppName { get; }

        /// <summary>Masked: "****" and the last four characters, or null when no key was given.</summary>
        public string? DataBrainApiKey => credentials.DataAppKey?.Hint;

        public string? DataBrainServiceToken => credentials.ServiceToken?.Hint;

        /// <summary>The Datadog site name, or null when a custom URI was given.</summary>
        public string? DatadogSite { get; }

        public Uri DatadogUri { get; }

        public string? DatadogApiKey => credentials.DatadogApiKey?.Hint;

        public string? DatadogApplicationKey => credentials.DatadogApplicationKey?.Hint;

        public Uri? Proxy { get; }

        public TimeSpan Timeout { get; }

        public int MaximumRetryCount => retryPolicy.MaximumRetryCount;

        /// <summary>The longest Retry-After this session waits out before a retry.</summary>
        public TimeSpan MaximumRetryWait => retryPolicy.MaximumServerWait;

        public bool UseLegacyDataBrainPaths { get; }

        /// <summary>The largest response body read, in bytes; a larger one fails with ResponseTooLarge.</summary>
        public long MaximumResponseSize { get; }

        /// <summary>The outcome of the last bulk run on this session, kept so that a run stopped with Ctrl+C can still be inspected.</summary>
        public BulkRunSummary? LastBulkRun { get; private set; }

        public bool IsDisposed => disposed;

        /// <summary>Whether the HTTP pipeline exists yet, and whether it was ended: for tests of its life cycle.</summary>
        internal (bool Built, bool Ended) PipelineState => pipeline.IsValueCreated ? (true, pipeline.Value.IsDisposed) : (false, false);

        /// <summary>Where every change sent through this session is recorded; null after Connect-EmbedAdmin -NoJournal.</summary>
        public ChangeJournal? Journal { get; }

        /// <summary>The journal's folder, or null when journaling is off.</summary>
        public string? JournalPath => Journal?.Folder;

        internal IClock Clock { get; }

        /// <summary>Names for tab completion, fetched lazily and kept for a minute.</summary>
        public CompletionCache Completions { get; }

        internal Redactor Redactor { get; }

        internal SessionCredentials Credentials => credentials;

        internal RetryPolicy RetryPolicy => retryPolicy;

        public ApiClient Api
        {
            get
            {
                if (disposed)
                {
                    throw new ObjectDisposedException(nameof(EmbedAdminSession), "This session was disconnected. Run Connect-EmbedAdmin again.");
                }

                return pipeline.Value.Client;
            }
        }

        /// <summary>
        /// Builds the HTTP pipeline on a pool thread while the person (or the script) gets to the first command.
        /// In a fresh process, building the handler chain, loading its assemblies and compiling the JSON writer
        /// take about a tenth of a second, which every request of the first bulk run would otherwise wait for.
        /// Nothing is sent. A failure stays in the lazy pipeline, so the first request meets it as it would have.
        /// The task is there for a caller that wants to wait; Connect-EmbedAdmin does not.
        /// </summary>
        public Task PrepareInBackground() => Task.Run(() =>
        {
            try
            {
                var built = pipeline.Value;
                try
                {
                    built.Client.Prepare();
                }
                finally
                {
                    bool disconnected;
                    lock (lifecycle)
                    {
                        disconnected = disposed;
                    }

                    if (disconnected)
                    {
                        // Disconnected meanwhile, perhaps before the pipeline existed for Dispose to end: ending
                        // it here makes sure it is ended (a second Dispose does nothing).
                        built.Dispose();
                    }
                }
            }
            catch (Exception)
            {
                // Kept by the lazy value (or a disconnect racing the build); the first request reports it.
            }
        });

        public static EmbedAdminSession Create(SessionSettings settings, Func<string, string?>? environment = null) =>
            Create(settings, environment ?? Environment.GetEnvironmentVariable, SystemClock.Instance, random: null);

        internal static EmbedAdminSession Create(SessionSettings settings, Func<string, string?> environment, IClock clock, Random? random)
        {
            var dataAppKey = SecretFrom(settings.DataBrainApiKey, environment(SessionEnvironment.DataBrainApiKey));
            var serviceToken = SecretFrom(settings.DataBrainServiceToken, environment(SessionEnvironment.DataBrainServiceToken));
            var datadogApiKey = SecretFrom(settings.DatadogApiKey, environment(SessionEnvironment.DatadogApiKey));
            var datadogApplicationKey = SecretFrom(settings.DatadogApplicationKey, environment(SessionEnvironment.DatadogApplicationKey));

            var dataBrainText = environment(SessionEnvironment.DataBrainUrl);
            var dataBrainUri = settings.DataBrainUri
                ?? (string.IsNullOrWhiteSpace(dataBrainText) ? new Uri(DefaultDataBrainUri) : ParseUri(dataBrainText!, "DataBrainUri"));
            dataBrainUri = EndpointRules.RequireSecureOrLoopback(dataBrainUri, "DataBrainUri");

            var siteText = settings.DatadogSite ?? environment(SessionEnvironment.DatadogSite);
            var (site, datadogUri) = DatadogSites.Resolve(string.IsNullOrWhiteSpace(siteText) ? DatadogSites.Default : siteText!);

            if (settings.Proxy is not null && !settings.Proxy.IsAbsoluteUri)
            {
                throw new ArgumentException($"Proxy: '{settings.Proxy}' must be an absolute URI.", nameof(settings));
            }

            if (settings.Proxy is not null)
            {
                EndpointRules.RequireNoUserInfo(settings.Proxy, "Proxy");
            }

            EndpointRules.RequireDirectForPlainHttp(dataBrainUri, "DataBrainUri", EndpointRules.ProxyFor(dataBrainUri, settings.Proxy, environment));
            EndpointRules.RequireDirectForPlainHttp(datadogUri, "DatadogSite", EndpointRules.ProxyFor(datadogUri, settings.Proxy, environment));

            var timeout = settings.Timeout ?? DefaultTimeout;
            if (timeout <= TimeSpan.Zero)
            {
                throw new ArgumentException("TimeoutSec: must be greater than 0.", nameof(settings));
            }

            var retries = settings.MaximumRetryCount ?? RetryPolicy.DefaultMaximumRetryCount;
            if (retries < 0 || retries > 50)
            {
                throw new ArgumentException("MaximumRetryCount: must be between 0 and 50.", nameof(settings));
            }

            var maximumWait = settings.MaximumRetryWait ?? RetryPolicy.DefaultMaximumServerWait;
            if (maximumWait <= TimeSpan.Zero || maximumWait > TimeSpan.FromDays(1))
            {
                throw new ArgumentException("MaximumRetryWaitSec: must be between 1 and 86400 seconds.", nameof(settings));
            }

            var maximumResponseSize = settings.MaximumResponseSize ?? DefaultMaximumResponseSize;
            if (maximumResponseSize < 1024)
            {
                throw new ArgumentException("MaximumResponseSize: must be at least 1KB (1024 bytes).", nameof(settings));
            }

            var policy = new RetryPolicy(retries, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), random, maximumWait);
            var credentials = new SessionCredentials(dataAppKey, serviceToken, datadogApiKey, datadogApplicationKey);
            var dataAppName = string.IsNullOrWhiteSpace(settings.DataAppName) ? environment(SessionEnvironment.DataBrainDataAppName) : settings.DataAppName;
            return new EmbedAdminSession(
                credentials,
                dataBrainUri,
                site,
                datadogUri,
                settings.Proxy,
                settings.ProxyCredential,
                timeout,
                policy,
                settings.UseLegacyDataBrainPaths,
                string.IsNullOrWhiteSpace(dataAppName) ? null : dataAppName!.Trim(),
                maximumResponseSize,
                settings.NoJournal ? null : new ChangeJournal(string.IsNullOrWhiteSpace(settings.JournalPath) ? ChangeJournal.DefaultFolder(environment) : settings.JournalPath!),
                clock);
        }

        public bool HasCredential(AuthKind auth) => credentials.Has(auth);

        public Uri BaseUriFor(ApiService service) => service == ApiService.Datadog ? DatadogUri : DataBrainUri;

        public RateLimitGate GateFor(ApiService service) => service == ApiService.Datadog ? datadogGate : dataBrainGate;

        public void RecordRun(BulkRunSummary summary) => LastBulkRun = summary;

        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "EmbedAdmin session {0}: DataBrain {1} (API key {2}, service token {3}); Datadog {4} (API key {5}, application key {6})",
            Id,
            DataBrainUri,
            DataBrainApiKey ?? "none",
            DataBrainServiceToken ?? "none",
            DatadogUri,
            DatadogApiKey ?? "none",
            DatadogApplicationKey ?? "none");

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            bool built;
            lock (lifecycle)
            {
                // Under the same lock as the background build's look at it, so that one of the two ends the pipeline.
                disposed = true;
                built = pipeline.IsValueCreated;
            }

            if (built)
            {
                pipeline.Value.Dispose();
            }

            credentials.Dispose();
        }

        /// <summary>What the HTTP pipeline needs of this session, handed over in Http's own terms.</summary>
        private ApiPipeline BuildPipeline() => ApiPipeline.Build(
            new ApiClientOptions(BaseUriFor, credentials, Redactor, Clock, retryPolicy, GateFor)
            {
                Timeout = Timeout,
                MaximumResponseSize = MaximumResponseSize,
                Proxy = Proxy,
                ProxyCredential = proxyCredential,
            });

        private static ApiSecret? SecretFrom(SecureString? given, string? environmentValue)
        {
            if (given is not null && given.Length > 0)
            {
                return ApiSecret.FromSecureString(given);
            }

            return string.IsNullOrEmpty(environmentValue) ? null : ApiSecret.FromPlainText(environmentValue!);
        }

        private static Uri ParseUri(string text, string field) =>
            Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
                ? uri
                : throw new ArgumentException($"{field}: '{text}' is not an absolute URI.", field);
    }
}
