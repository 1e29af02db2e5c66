using System.IO;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Writes an embed's dashboard export ({_meta, data}) to a JSON file that New-DashboardEmbed takes back
    /// through -ImportDashboardDataFile or -ImportDashboardData.
    /// </summary>
    [Cmdlet(VerbsData.Export, "Embed", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(EmbedExport))]
    public sealed class ExportEmbedCommand : EmbedAdminBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(EmbedIdCompleter))]
        public string EmbedId { get; set; } = string.Empty;

        /// <summary>A file, or an existing folder to write &lt;EmbedId&gt;.json into (the way to export many embeds).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("FilePath")]
        public string Path { get; set; } = string.Empty;

        /// <summary>Overwrite a file that exists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private readonly System.Collections.Generic.HashSet<string> targets = new(System.StringComparer.Ordinal);

        protected override void ProcessRecord()
        {
            var client = new EmbedClient(ActiveSession);
            var folderOrFile = GetUnresolvedProviderPathFromPSPath(Path);
            var overwrite = Force.IsPresent;
            ProcessUnjournaledRow(
                RowOr(EmbedId),
                KeyOf(EmbedId, nameof(EmbedId)),
                () =>
                {
                    var target = EmbedExportFile.Target(RequiredId(EmbedId, nameof(EmbedId), "the id of the embed to export"), folderOrFile, overwrite);
                    // Two rows of one run writing one file would overwrite each other whatever -Force says.
                    if (!targets.Add(target.Path))
                    {
                        throw new EmbedAdminValidationException(ErrorIds.DuplicateExportPath, "Path", $"another embed of this run is already exported to '{target.Path}'; give a folder to export several embeds.");
                    }

                    return target;
                },
                target => new RowDescription(target.EmbedId, target.Path, $"Export embed '{target.EmbedId}'"),
                async (target, context, token) =>
                    EmbedExportFile.Write(target.EmbedId, await client.ExportEmbedAsync(target.EmbedId, context, token).ConfigureAwait(false), target.Path));
        }
    }
}
