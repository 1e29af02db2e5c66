using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Dashboards;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Creates a dashboard in a workspace from an Export-Dashboard (or Export-Embed) file (POST
    /// /api/v2/data-app/import-dashboard, service token), one per input row: "copy the template dashboard into each
    /// new tenant's workspace" is Import-Csv | Import-Dashboard -Path template.json.
    /// </summary>
    [Cmdlet(VerbsData.Import, "Dashboard", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ImportedDashboard))]
    public sealed class ImportDashboardCommand : EmbedAdminBulkCmdlet
    {
        /// <summary>The workspace to create the dashboard in.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WorkspaceNameCompleter))]
        public string WorkspaceName { get; set; } = string.Empty;

        /// <summary>The new dashboard's id.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string DashboardId { get; set; } = string.Empty;

        /// <summary>The export file to import.</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("FilePath", "ImportDashboardDataFile")]
        public string Path { get; set; } = string.Empty;

        /// <summary>The new dashboard's name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? DashboardName { get; set; }

        /// <summary>Schemas to repoint, old name to new: @{ public = 'tenant_a' }, a JSON object, or 'public=tenant_a;sales=tenant_a_sales'.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("schemaPairs")]
        [AllowNull]
        public object? SchemaMap { get; set; }

        protected override void ProcessRecord()
        {
            var client = new DashboardClient(ActiveSession);
            var path = string.IsNullOrWhiteSpace(Path) ? null : GetUnresolvedProviderPathFromPSPath(Path);
            var schemaMap = PSValues.Unwrap(SchemaMap);
            ProcessChange(
                RowOr(DashboardId),
                KeyOf(DashboardId, nameof(DashboardId)),
                () => DashboardRowChanges.Import(client, DashboardImport.Create(WorkspaceName, DashboardId, DashboardName, path, schemaMap), path!));
        }
    }
}
