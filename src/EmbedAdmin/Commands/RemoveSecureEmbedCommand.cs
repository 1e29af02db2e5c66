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
            var row = RowOr(DashboardId + "/" + Token);
            SecureEmbedReference target;
            try
            {
                target = SecureEmbedReference.Create(DashboardId, Token, tokenRequired: true);
            }
            catch (EmbedAdminValidationException exception)
            {
                Reject(row, (DashboardId ?? string.Empty).Trim() + "/" + (Token ?? string.Empty).Trim(), exception);
                return;
            }

            if (!ShouldProcess(target.Describe(), "Remove (pages embedding it stop working; its credential is gone for good)"))
            {
                return;
            }

            var client = Client;
            var context = Runner.Context;
            var passThru = PassThru.IsPresent;
            Pump(Runner.Submit(row, target.DashboardId + "/" + target.Token, async cancellationToken =>
            {
                await client.DeleteAsync(target, context, cancellationToken).ConfigureAwait(false);
                return passThru
                    ? new object[] { new SecureEmbed { DashboardId = target.DashboardId, Token = target.Token! } }
                    : Array.Empty<object>();
            }));
        }
    }
}
