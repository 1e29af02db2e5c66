using System;
using System.Linq;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Reads Datadog dashboard secure embeds: one, by dashboard and token, or every secure embed of a dashboard,
    /// through the dashboard's list of shares (Datadog has no list of secure embeds as such).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "SecureEmbed")]
    [OutputType(typeof(SecureEmbed))]
    public sealed class GetSecureEmbedCommand : SecureEmbedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("dashboard_id")]
        [AllowEmptyString]
        public string DashboardId { get; set; } = string.Empty;

        /// <summary>The share token of one secure embed; without it, every secure embed of the dashboard.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? Token { get; set; }

        protected override void ProcessRecord()
        {
            var row = RowOr(DashboardId);
            SecureEmbedReference target;
            try
            {
                target = SecureEmbedReference.Create(DashboardId, Token, tokenRequired: false);
            }
            catch (EmbedAdminValidationException exception)
            {
                Reject(row, string.IsNullOrWhiteSpace(DashboardId) ? "(no DashboardId)" : DashboardId.Trim(), exception);
                return;
            }

            var client = Client;
            var context = Runner.Context;
            var key = target.Token is null ? target.DashboardId : target.DashboardId + "/" + target.Token;
            Pump(Runner.Submit(row, key, async cancellationToken =>
            {
                if (target.Token is null)
                {
                    var all = await client.ListAsync(target.DashboardId, context, cancellationToken).ConfigureAwait(false);
                    return all.Cast<object>().ToList();
                }

                return new object[] { await client.GetAsync(target, context, cancellationToken).ConfigureAwait(false) };
            }));
        }
    }
}
