using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Datasources;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Deletes DataBrain datasources (DELETE /api/v2/datasource?datasourceName=, service token). A datasource that
    /// a workspace or datamart still uses is refused by the service (DatasourceInUse), with what uses it named.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "Datasource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Datasource))]
    public sealed class RemoveDatasourceCommand : EmbedAdminBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DatasourceName")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(DatasourceNameCompleter))]
        public string Name { get; set; } = string.Empty;

        /// <summary>Emit a Datasource object (name and the service's message) per datasource removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var client = new DatasourceClient(ActiveSession);
            var passThru = PassThru.IsPresent;
            ProcessChange(
                RowOr(Name),
                KeyOf(Name, nameof(Name)),
                () => DatasourceRowChanges.Remove(client, RequiredId(Name, "DatasourceName", "the exact (case-sensitive) name of the datasource to remove"), passThru, "Remove datasource"));
        }
    }
}
