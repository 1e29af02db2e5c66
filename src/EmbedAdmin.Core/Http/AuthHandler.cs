using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace EmbedAdmin.Core.Http
{
    /// <summary>Writes the credential each endpoint takes; the only place a key is turned back into text.</summary>
    internal sealed class AuthHandler : DelegatingHandler
    {
        private readonly IApiCredentials credentials;

        public AuthHandler(IApiCredentials credentials)
        {
            this.credentials = credentials;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var properties = RequestProperties.From(request);
            request.Headers.Authorization = null;
            request.Headers.Remove(DatadogApiKeyHeader);
            request.Headers.Remove(DatadogApplicationKeyHeader);
            switch (properties.Auth)
            {
                case AuthKind.DataAppKey:
                case AuthKind.ServiceToken:
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials.RevealBearer(properties.Auth));
                    break;
                case AuthKind.DatadogKeys:
                    var (apiKey, applicationKey) = credentials.RevealDatadog();
                    request.Headers.TryAddWithoutValidation(DatadogApiKeyHeader, apiKey);
                    request.Headers.TryAddWithoutValidation(DatadogApplicationKeyHeader, applicationKey);
                    break;
            }

            return base.SendAsync(request, cancellationToken);
        }

        public const string DatadogApiKeyHeader = "DD-API-KEY";

        public const string DatadogApplicationKeyHeader = "DD-APPLICATION-KEY";
    }
}
