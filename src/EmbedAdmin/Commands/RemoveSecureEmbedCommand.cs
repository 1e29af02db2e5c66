using System;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Deletes Datadog dashboard secure embeds. Every page that embeds one stops working, and its credential is
    /// gone for good, so it asks first (ConfirmImpact High).
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "SecureEmbed", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(SecureEmbed))]
    public sealed class RemoveSecureEmbedCommand : SecureEmbedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("dashboard_id")]
        [AllowEmptyString]
        public string DashboardId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Token { get; set; } = string.Empty;

        /// <summary>Emit a SecureEmbed naming each removed embed (DashboardId and Token).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var client = Client;
            ProcessChange(
                RowOr(DashboardId + "/" + Token),
                (DashboardId ?? string.Empty).Trim() + "/" + (Token ?? string.Empty).Trim(),
                () => SecureEmbedRowChanges.Remove(client, SecureEmbedReference.Create(DashboardId, Token, tokenRequired: true), PassThru.IsPresent));
        }
    }
}
