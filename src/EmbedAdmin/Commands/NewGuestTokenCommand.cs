using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Transforms;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Creates a guest token for a client. The token is a bearer credential: it is returned as a SecureString,
    /// and as text only with -AsPlainText.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "GuestToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(GuestToken), typeof(string))]
    public sealed class NewGuestTokenCommand : EmbedAdminBulkCmdlet
    {
        /// <summary>Input columns that are not meant to set anything: no warning names them, and a name close to a field's is not refused.</summary>
        [Parameter]
        public string[]? IgnoreColumn { get; set; }

        /// <summary>The tenant; "None" when the data app has no tenancy.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string ClientId { get; set; } = string.Empty;

        /// <summary>Defaults to the -DataAppName given to Connect-EmbedAdmin.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? DataAppName { get; set; }

        /// <summary>The embeds the token may open; an embed's EmbedId binds here.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("EmbedId")]
        [ArgumentCompleter(typeof(EmbedIdCompleter))]
        public string[]? AllowedEmbeds { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? DashboardAppFilters { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? AppFilters { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? RlsSettings { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? HideDashboardFilters { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? UserIdentifier { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Timezone { get; set; }

        /// <summary>Permission flags, e.g. @{ isEnableManageMetrics = $false; isEnableDownloadMetrics = $true }.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? Permissions { get; set; }

        /// <summary>How long the token lives; left out, it never expires.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("expiryTime")]
        [TimeSpanTransformation]
        public TimeSpan? Expiry { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? DatasourceName { get; set; }

        /// <summary>Emit the token as text instead of a GuestToken object, for handing to a web page.</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override IEnumerable<string> ReadOnlyColumns => GuestTokenRequest.Table.ReadOnlyColumns;

        protected override void ProcessRecord()
        {
            var tokens = new GuestTokenClient(ActiveSession);
            ProcessUnjournaledRow(
                RowOr(ClientId),
                KeyOf(ClientId, nameof(ClientId)),
                () =>
                {
                    var values = BoundValues(GuestTokenRequest.Fields).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
                    if (string.IsNullOrWhiteSpace(DataAppName) && ActiveSession.DataAppName is { } dataApp)
                    {
                        values["DataAppName"] = dataApp;
                    }

                    return GuestTokenRequest.Create(values);
                },
                request => new RowDescription(request.ClientId, $"client '{request.ClientId}'", request.Describe()),
                async (request, context, token) => await tokens.CreateAsync(request, context, token).ConfigureAwait(false));
        }

        protected override void WriteRowOutput(object output)
        {
            if (AsPlainText.IsPresent && output is GuestToken token)
            {
                var pointer = Marshal.SecureStringToGlobalAllocUnicode(token.Token);
                try
                {
                    WriteObject(Marshal.PtrToStringUni(pointer));
                }
                finally
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }

                return;
            }

            base.WriteRowOutput(output);
        }
    }
}
