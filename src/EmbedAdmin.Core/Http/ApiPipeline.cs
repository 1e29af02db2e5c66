using System;
using System.Net;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EmbedAdmin.Core.Http
{
    /// <summary>The handler chain every request goes through, and the client in front of it; disposing it ends the connections.</summary>
    internal sealed class ApiPipeline : IDisposable
    {
        private const string HttpClientName = "EmbedAdmin";
        private readonly ServiceProvider provider;

        private ApiPipeline(ServiceProvider provider, ApiClient client)
        {
            this.provider = provider;
            Client = client;
        }

        public ApiClient Client { get; }

        internal bool IsDisposed { get; private set; }

        public static ApiPipeline Build(ApiClientOptions options)
        {
            var services = new ServiceCollection();
            services.AddHttpClient(HttpClientName, client => client.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(() => CreatePrimaryHandler(options))
                .AddHttpMessageHandler(() => new RetryHandler(options.RetryPolicy, options.Clock, options.GateFor))
                .AddHttpMessageHandler(() => new TimeoutHandler(options.Timeout, options.MaximumResponseSize))
                .AddHttpMessageHandler(() => new AuthHandler(options.Credentials))
                .AddHttpMessageHandler(() => new LoggingHandler(options.Redactor, options.MaximumResponseSize))
                // The factory's own ILogger handlers would log headers at Trace level; our handler does the logging.
                .RemoveAllLoggers();
            var provider = services.BuildServiceProvider();
            var factory = provider.GetRequiredService<IHttpClientFactory>();
            return new ApiPipeline(provider, new ApiClient(() => factory.CreateClient(HttpClientName), options));
        }

        public void Dispose()
        {
            IsDisposed = true;
            provider.Dispose();
        }

        private static HttpMessageHandler CreatePrimaryHandler(ApiClientOptions options)
        {
            var handler = new HttpClientHandler
            {
                // Keys go in headers; a redirect to another host must not carry DD-API-KEY along with it.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                // Windows PowerShell 5.1 caps connections per host at 2 unless told otherwise, which would cap the pool.
                MaxConnectionsPerServer = 256,
            };
            if (options.Proxy is not null)
            {
                handler.Proxy = new WebProxy(options.Proxy) { Credentials = options.ProxyCredential };
                handler.UseProxy = true;
            }

            return handler;
        }
    }
}
