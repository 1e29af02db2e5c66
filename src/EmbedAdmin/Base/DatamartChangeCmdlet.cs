using System.Management.Automation;
using EmbedAdmin.Core.DataBrain.Datamarts;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// What Update-, Restore- and Remove-Datamart share: where the backups go, -PassThru, and the whole row for
    /// error records. Rows run one at a time (the run's throttle limit is 1): each is read, planned and confirmed
    /// before it is sent, and its backup is read just before its own change (DatamartRowChanges).
    /// </summary>
    public abstract class DatamartChangeCmdlet : EmbedAdminApiCmdlet
    {
        private DatamartBackups? backups;

        /// <summary>The folder for backups; by default LocalApplicationData/EmbedAdmin/backups.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? BackupPath { get; set; }

        /// <summary>Emit a DatamartChangeResult per datamart changed, naming its backup file.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The whole pipeline object, kept as the error record's TargetObject so failed rows can be replayed.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override object? InputRow => InputObject;

        /// <summary>The backup folder of the current row (a CSV may name one per row); opened on first save.</summary>
        protected DatamartBackups Backups
        {
            get
            {
                var folder = ResolvePath(BackupPath);
                if (backups is null || backups.Folder != folder)
                {
                    backups = new DatamartBackups(folder);
                }

                return backups;
            }
        }

        /// <summary>A file system path as PowerShell resolves it (relative to the current location, ~ expanded).</summary>
        protected string? ResolvePath(string? path) =>
            string.IsNullOrWhiteSpace(path) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(path!.Trim());
    }
}
