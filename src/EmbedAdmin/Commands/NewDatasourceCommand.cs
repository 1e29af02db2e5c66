using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Core.DataBrain.Datasources;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>Creates DataBrain datasources (POST /api/v2/datasource, service token), one per input row.</summary>
    [Cmdlet(VerbsCommon.New, "Datasource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Datasource))]
    public sealed class NewDatasourceCommand : DatasourceParametersCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DatasourceName")]
        [AllowEmptyString]
        public string Name { get; set; } = string.Empty;

        protected override string DatasourceName => Name;

        protected override DatasourceOperation Operation => DatasourceOperation.Create;
    }
}
