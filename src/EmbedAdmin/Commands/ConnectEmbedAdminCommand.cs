using System;
using System.Management.Automation;
using System.Security;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.Journal;
using EmbedAdmin.Core.Sessions;
using EmbedAdmin.Transforms;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Commands
{
    /// <summary>Creates the session every other cmdlet uses by default. It sends nothing: keys are checked on first use.</summary>
    [Cmdlet(VerbsCommunications.Connect, "EmbedAdmin")]
    [OutputType(typeof(EmbedAdminSession))]
    public sealed class ConnectEmbedAdminCommand : PSCmdlet
    {
        /// <summary>DataBrain data-app API key (SecureString or PSCredential); falls back to DATABRAIN_API_KEY.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ApiKey")]
        [SecretTransformation]
        public SecureString? DataBrainApiKey { get; set; }

        /// <summary>DataBrain service token; falls back to DATABRAIN_SERVICE_TOKEN.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ServiceToken")]
        [SecretTransformation]
        public SecureString? DataBrainServiceToken { get; set; }

        /// <summary>DataBrain base URI for self-hosted installations; falls back to DATABRAIN_URL, then https://api.usedatabrain.com.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("DataBrainUrl")]
        public Uri? DataBrainUri { get; set; }

        /// <summary>The data app the API key belongs to: New-GuestToken's default -DataAppName; falls back to DATABRAIN_DATA_APP_NAME.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? DataAppName { get; set; }

        /// <summary>Datadog API key; falls back to DD_API_KEY.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecretTransformation]
        public SecureString? DatadogApiKey { get; set; }

        /// <summary>Datadog application key; falls back to DD_APP_KEY.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("DatadogAppKey")]
        [SecretTransformation]
        public SecureString? DatadogApplicationKey { get; set; }

        /// <summary>One of the nine Datadog sites, or a custom base URI; falls back to DD_SITE, then datadoghq.com.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(DatadogSiteCompleter))]
        public string? DatadogSite { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Uri? Proxy { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Credential]
        public PSCredential? ProxyCredential { get; set; }

        /// <summary>Seconds to wait for each attempt of a request.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; }

        /// <summary>Retries after a 429, or after 502/503/504 and connection failures for calls that are safe to repeat.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, 50)]
        public int MaximumRetryCount { get; set; } = -1;

        /// <summary>The longest wait a service may ask for (Retry-After) that is waited out; a longer one fails the row at once. Default 60.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 86400)]
        public int MaximumRetryWaitSec { get; set; }

        /// <summary>The largest answer read, in bytes (64MB by default); a larger one fails with ResponseTooLarge.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1024L, long.MaxValue)]
        public long MaximumResponseSize { get; set; }

        /// <summary>Use DataBrain's older /api/v2/dataApp/… paths, for self-hosted versions without the kebab-case ones.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter UseLegacyDataBrainPaths { get; set; }

        /// <summary>The change journal's folder; by default $XDG_DATA_HOME/EmbedAdmin/journal (~/.local/share) or %LOCALAPPDATA%\EmbedAdmin\journal, or $env:EMBEDADMIN_JOURNAL_PATH.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? JournalPath { get; set; }

        /// <summary>Journal nothing: changes made through this session leave no record and cannot be undone.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter NoJournal { get; set; }

        /// <summary>Day files of the journal older than this are deleted on connect.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 36500)]
        public int JournalRetentionDays { get; set; } = ChangeJournal.DefaultRetentionDays;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var settings = new SessionSettings
            {
                DataBrainApiKey = DataBrainApiKey,
                DataBrainServiceToken = DataBrainServiceToken,
                DataBrainUri = DataBrainUri,
                DataAppName = DataAppName,
                DatadogApiKey = DatadogApiKey,
                DatadogApplicationKey = DatadogApplicationKey,
                DatadogSite = DatadogSite,
                Proxy = Proxy,
                ProxyCredential = ProxyCredential?.GetNetworkCredential(),
                Timeout = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : null,
                MaximumRetryCount = MaximumRetryCount >= 0 ? MaximumRetryCount : null,
                MaximumResponseSize = MaximumResponseSize > 0 ? MaximumResponseSize : null,
                MaximumRetryWait = MaximumRetryWaitSec > 0 ? TimeSpan.FromSeconds(MaximumRetryWaitSec) : null,
                UseLegacyDataBrainPaths = UseLegacyDataBrainPaths.IsPresent,
                JournalPath = string.IsNullOrWhiteSpace(JournalPath) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath),
                NoJournal = NoJournal.IsPresent,
            };

            EmbedAdminSession session;
            try
            {
                session = EmbedAdminSession.Create(settings);
            }
            catch (ArgumentException exception)
            {
                ThrowTerminatingError(ErrorRecords.Create(exception, ErrorIds.InvalidConnectionSetting, null));
                return;
            }

            if (session.DataBrainApiKey is null && session.DataBrainServiceToken is null && session.DatadogApiKey is null)
            {
                WriteWarning("No key was given and none was found in DATABRAIN_API_KEY, DATABRAIN_SERVICE_TOKEN or DD_API_KEY; API calls will fail until you connect with one.");
            }

            if (session.Journal is null)
            {
                WriteWarning("-NoJournal: changes made through this session are not recorded; Get-EmbedAdminChange will not show them and Undo-EmbedAdminChange cannot put them back. Set-EmbedAccess sends each row without reading the embed first.");
            }
            else
            {
                PruneJournal(session.Journal);
            }

            SessionStore.Replace(session);
            session.PrepareInBackground();
            this.WriteVerboseIfWanted(session.ToString());
            if (PassThru.IsPresent)
            {
                WriteObject(session);
            }
        }

        private void PruneJournal(ChangeJournal journal)
        {
            try
            {
                var removed = journal.Prune(JournalRetentionDays, DateTimeOffset.UtcNow);
                this.WriteVerboseIfWanted($"Change journal: '{journal.Folder}' ({removed} day files older than {JournalRetentionDays} days removed).");
            }
            catch (Exception exception) when (exception is System.IO.IOException or UnauthorizedAccessException)
            {
                WriteWarning($"The change journal in '{journal.Folder}' could not be pruned: {exception.Message}");
            }
        }
    }
}
