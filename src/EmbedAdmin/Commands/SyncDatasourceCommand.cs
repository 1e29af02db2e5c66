using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Datasources;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Has DataBrain read datasources' schemas again (POST /api/v2/datasource/sync, service token), e.g. after new
    /// tables were added, so datamarts can use them.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "Datasource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(Datasource))]
    public sealed class SyncDatasourceCommand : EmbedAdminBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DatasourceName", "datasourceId")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(DatasourceNameCompleter))]
        public string Name { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            var client = new DatasourceClient(ActiveSession);
            ProcessChange(
                RowOr(Name),
                KeyOf(Name, nameof(Name)),
                () => DatasourceRowChanges.Sync(client, RequiredId(Name, "DatasourceName", "the exact (case-sensitive) name of the datasource to sync")));
        }
    }
}
