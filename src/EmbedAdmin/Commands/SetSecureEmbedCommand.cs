using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Transforms;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Changes Datadog dashboard secure embeds with PATCH semantics: only the attributes given are sent. Built for
    /// CSV (columns named like the parameters or the API fields, tv_&lt;name&gt; columns for template variables)
    /// and for Get-SecureEmbed's output.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SecureEmbed", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SecureEmbed))]
    public sealed class SetSecureEmbedCommand : SecureEmbedParametersCmdlet
    {
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Token { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Title { get; set; }

        /// <summary>Emit the updated SecureEmbed as Datadog returns it.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override bool ModuleObjectNamesTargetOnly => true;

        protected override void ProcessRecord()
        {
            var row = RowOr(DashboardId + "/" + Token);
            var target = (DashboardId ?? string.Empty).Trim() + "/" + (Token ?? string.Empty).Trim();
            SecureEmbedChange change;
            try
            {
                change = SecureEmbedChange.Create(DashboardId, Token, BoundValues(SecureEmbedFields.Fields), RowColumns);
            }
            catch (EmbedAdminValidationException exception)
            {
                Reject(row, target, exception);
                return;
            }

            if (!ShouldProcess(change.Target.Describe(), "Set: " + change.Describe()))
            {
                return;
            }

            var client = Client;
            var context = Runner.Context;
            var passThru = PassThru.IsPresent;
            Pump(Runner.Submit(row, change.DashboardId + "/" + change.Token, async cancellationToken =>
            {
                var updated = await client.UpdateAsync(change, context, cancellationToken).ConfigureAwait(false);
                return passThru ? new object[] { updated } : Array.Empty<object>();
            }));
        }
    }
}
