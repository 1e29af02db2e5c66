using System.Collections.Generic;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>Embeds a pre-built dashboard, or one of its metrics (DataBrain "Create embed"), with secure default access.</summary>
    [Cmdlet(VerbsCommon.New, "Embed", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Embed))]
    public sealed class NewEmbedCommand : EmbedAccessParametersCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(DashboardIdCompleter))]
        public string DashboardId { get; set; } = string.Empty;

        /// <summary>dashboard or metric; left out, metric when -MetricId is given, else dashboard.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(EmbedTypeCompleter))]
        public string? EmbedType { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? MetricId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WorkspaceNameCompleter))]
        public string? WorkspaceName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Name { get; set; }

        protected override IEnumerable<string> ReadOnlyColumns => EmbedRequest.Table.ReadOnlyColumns;

        protected override void ProcessRecord()
        {
            var client = new EmbedClient(ActiveSession);
            ProcessChange(
                RowOr(DashboardId),
                KeyOf(DashboardId, nameof(DashboardId)),
                () => EmbedRowChanges.Create(client, EmbedRequest.Create(BoundValues(EmbedRequest.Table.Fields))));
        }
    }
}
