using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.Http
{
    /// <summary>Writes the credential each endpoint takes; the only place a key is turned back into text.</summary>
    internal sealed class AuthHandler : DelegatingHandler
    {
        private readonly SessionCredentials credentials;

        public AuthHandler(SessionCredentials credentials)
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
                    var secret = credentials.ForDataBrain(properties.Auth);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret.Reveal());
                    break;
                case AuthKind.DatadogKeys:
                    var (apiKey, applicationKey) = credentials.ForDatadog();
                    request.Headers.TryAddWithoutValidation(DatadogApiKeyHeader, apiKey.Reveal());
                    request.Headers.TryAddWithoutValidation(DatadogApplicationKeyHeader, applicationKey.Reveal());
                    break;
            }

            return base.SendAsync(request, cancellationToken);
        }

        public const string DatadogApiKeyHeader = "DD-API-KEY";

        public const string DatadogApplicationKeyHeader = "DD-APPLICATION-KEY";
    }
}
