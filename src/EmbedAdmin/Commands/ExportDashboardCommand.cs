using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Dashboards;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Writes a workspace dashboard's export ({_meta, data}, POST /api/v2/data-app/export-dashboard, service token)
    /// to a JSON file that Import-Dashboard takes back, e.g. into each new tenant's workspace.
    /// </summary>
    [Cmdlet(VerbsData.Export, "Dashboard", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(DashboardExport))]
    public sealed class ExportDashboardCommand : EmbedAdminBulkCmdlet
    {
        private readonly HashSet<string> targets = new(System.StringComparer.Ordinal);

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string DashboardId { get; set; } = string.Empty;

        /// <summary>The workspace the dashboard is in.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WorkspaceNameCompleter))]
        public string WorkspaceName { get; set; } = string.Empty;

        /// <summary>A file, or an existing folder to write &lt;DashboardId&gt;.json into (the way to export many dashboards).</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("FilePath")]
        public string Path { get; set; } = string.Empty;

        /// <summary>Overwrite a file that exists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var client = new DashboardClient(ActiveSession);
            var folderOrFile = GetUnresolvedProviderPathFromPSPath(Path);
            var overwrite = Force.IsPresent;
            ProcessUnjournaledRow(
                RowOr(DashboardId),
                KeyOf(DashboardId, nameof(DashboardId)),
                () =>
                {
                    var id = RequiredId(DashboardId, nameof(DashboardId), "the id of the dashboard to export");
                    var workspace = RequiredId(WorkspaceName, nameof(WorkspaceName), "the workspace the dashboard is in");
                    var path = JsonFile.Target(id, folderOrFile, overwrite);

                    // Two rows of one run writing one file would overwrite each other whatever -Force says.
                    if (!targets.Add(path))
                    {
                        throw new EmbedAdminValidationException(ErrorIds.DuplicateExportPath, "Path", $"another dashboard of this run is already exported to '{path}'; give a folder to export several dashboards.");
                    }

                    return (Id: id, Workspace: workspace, Path: path);
                },
                target => new RowDescription(target.Id, target.Path, $"Export dashboard '{target.Id}' of workspace '{target.Workspace}'"),
                async (target, context, token) =>
                {
                    var export = await client.ExportAsync(target.Id, target.Workspace, context, token).ConfigureAwait(false);
                    var length = JsonFile.Write(export, target.Path);
                    return new DashboardExport { DashboardId = target.Id, SourceWorkspaceName = target.Workspace, Path = System.IO.Path.GetFullPath(target.Path), Length = length };
                });
        }
    }
}
