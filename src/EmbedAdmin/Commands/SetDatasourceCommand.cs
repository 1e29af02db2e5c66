using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Datasources;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Replaces the credentials (and tenancy settings) of DataBrain datasources (PUT /api/v2/datasource, service
    /// token). DataBrain takes only the full credential set, so a row without the credential or one of the type's
    /// connection fields is refused before anything is sent; the service re-reads the schema afterwards.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "Datasource", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Datasource))]
    public sealed class SetDatasourceCommand : DatasourceParametersCmdlet
    {
        /// <summary>The datasource to update: its exact, case-sensitive name (credentials.name).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DatasourceName")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(DatasourceNameCompleter))]
        public string Name { get; set; } = string.Empty;

        protected override string DatasourceName => Name;

        protected override DatasourceOperation Operation => DatasourceOperation.Update;
    }
}
