using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Puts a saved datamart definition back (PUT /api/v2/data-app/datamarts with the backup's body). The current
    /// definition is itself backed up first, so a restore can be undone the same way.
    /// </summary>
    [Cmdlet(VerbsData.Restore, "Datamart", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DatamartChangeResult))]
    public sealed class RestoreDatamartCommand : DatamartChangeCmdlet
    {
        /// <summary>The backup file; binds from FullName (Get-ChildItem) and BackupFile (Update-Datamart -PassThru).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "BackupFile")]
        [AllowEmptyString]
        public string Path { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            var client = new DatamartClient(ActiveSession);
            var backups = Backups;
            var passThru = PassThru.IsPresent;
            ProcessChange(
                RowOr(Path),
                string.IsNullOrWhiteSpace(Path) ? "(no Path)" : Path.Trim(),
                () =>
                {
                    if (string.IsNullOrWhiteSpace(Path))
                    {
                        throw new EmbedAdminValidationException(ErrorIds.DefinitionFileNotFound, "Path", "is required: a backup file written by Update-Datamart or Remove-Datamart.");
                    }

                    var change = DatamartChange.From(DatamartOperation.Update, new DatamartRequest { DefinitionPath = ResolvePath(Path) })[0];
                    return DatamartRowChanges.Update(client, change, "Restore", restoring: true, backups, passThru);
                });
        }
    }
}
