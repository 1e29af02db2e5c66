using System;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Core.Sessions
{
    /// <summary>The session's keys. Nothing outside the HTTP pipeline can read them back.</summary>
    public sealed class SessionCredentials : IApiCredentials, IDisposable
    {
        public SessionCredentials(ApiSecret? dataAppKey, ApiSecret? serviceToken, ApiSecret? datadogApiKey, ApiSecret? datadogApplicationKey)
        {
            DataAppKey = dataAppKey;
            ServiceToken = serviceToken;
            DatadogApiKey = datadogApiKey;
            DatadogApplicationKey = datadogApplicationKey;
        }

        internal ApiSecret? DataAppKey { get; }

        internal ApiSecret? ServiceToken { get; }

        internal ApiSecret? DatadogApiKey { get; }

        internal ApiSecret? DatadogApplicationKey { get; }

        public bool Has(AuthKind auth) => auth switch
        {
            AuthKind.None => true,
            AuthKind.DataAppKey => DataAppKey is not null,
            AuthKind.ServiceToken => ServiceToken is not null || DataAppKey is not null,
            AuthKind.DatadogKeys => DatadogApiKey is not null && DatadogApplicationKey is not null,
            _ => false,
        };

        public void EnsureAvailable(AuthKind auth)
        {
            if (Has(auth))
            {
                return;
            }

            throw new EmbedAdminCredentialException(auth switch
            {
                AuthKind.DataAppKey => "This call needs a DataBrain data-app API key: pass -DataBrainApiKey to Connect-EmbedAdmin or set DATABRAIN_API_KEY.",
                AuthKind.ServiceToken => "This call needs a DataBrain service token: pass -DataBrainServiceToken to Connect-EmbedAdmin or set DATABRAIN_SERVICE_TOKEN.",
                AuthKind.DatadogKeys => "This call needs the Datadog API key and application key: pass -DatadogApiKey and -DatadogApplicationKey to Connect-EmbedAdmin or set DD_API_KEY and DD_APP_KEY.",
                _ => "This call needs a credential the session does not have.",
            });
        }

        internal ApiSecret ForDataBrain(AuthKind auth)
        {
            EnsureAvailable(auth);
            return auth == AuthKind.ServiceToken ? (ServiceToken ?? DataAppKey)! : DataAppKey!;
        }

        internal (ApiSecret ApiKey, ApiSecret ApplicationKey) ForDatadog()
        {
            EnsureAvailable(AuthKind.DatadogKeys);
            return (DatadogApiKey!, DatadogApplicationKey!);
        }

        string IApiCredentials.RevealBearer(AuthKind auth) => ForDataBrain(auth).Reveal();

        (string ApiKey, string ApplicationKey) IApiCredentials.RevealDatadog()
        {
            var (apiKey, applicationKey) = ForDatadog();
            return (apiKey.Reveal(), applicationKey.Reveal());
        }

        public void Dispose()
        {
            DataAppKey?.Dispose();
            ServiceToken?.Dispose();
            DatadogApiKey?.Dispose();
            DatadogApplicationKey?.Dispose();
        }
    }
}
