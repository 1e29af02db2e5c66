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
            var client = Client;
            ProcessChange(
                RowOr(DashboardId + "/" + Token),
                (DashboardId ?? string.Empty).Trim() + "/" + (Token ?? string.Empty).Trim(),
                () => SecureEmbedRowChanges.Set(client, SecureEmbedChange.Create(DashboardId, Token, BoundValues(SecureEmbedFields.Fields), RowColumns), PassThru.IsPresent));
        }
    }
}
