using System.Linq;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Requests;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>Creates DataBrain datamarts (POST /api/v2/data-app/datamarts), one per input row.</summary>
    [Cmdlet(VerbsCommon.New, "Datamart", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Datamart))]
    public sealed class NewDatamartCommand : DatamartParametersCmdlet
    {
        /// <summary>The new datamart's name; unique and unchangeable.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DatamartName")]
        [AllowEmptyString]
        [AllowNull]
        public string? Name { get; set; }

        /// <summary>The datasource it reads (case-sensitive).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? DatasourceName { get; set; }

        protected override FieldTable Table => DatamartFields.Create;

        protected override void ProcessRecord()
        {
            var client = new DatamartClient(ActiveSession);
            var passThru = PassThru.IsPresent;
            ProcessChanges(
                RowOr(Name),
                string.IsNullOrWhiteSpace(Name) ? "(no Name)" : Name!.Trim(),
                () => DatamartChange.From(DatamartOperation.Create, Request(Name, DatasourceName)).Select(change => DatamartRowChanges.Create(client, change, passThru)));
        }
    }
}
