using System.Management.Automation;
using EmbedAdmin.Core.DataBrain.Datamarts;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// What every datamart-changing cmdlet shares: -PassThru, the whole row for error records, paths resolved as
    /// PowerShell resolves them, and the backup folders of the run. Rows run one at a time (the run's throttle
    /// limit is 1): each is read, planned and confirmed before it is sent (DatamartRowChanges).
    /// </summary>
    public abstract class DatamartCmdlet : EmbedAdminApiCmdlet
    {
        private DatamartBackups? backups;

        /// <summary>Emit an object per datamart changed: what was sent, or the backup file it was saved to first.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The whole pipeline object, kept as the error record's TargetObject so failed rows can be replayed.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override object? InputRow => InputObject;

        /// <summary>A file system path as PowerShell resolves it (relative to the current location, ~ expanded).</summary>
        protected string? ResolvePath(string? path) =>
            string.IsNullOrWhiteSpace(path) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(path!.Trim());

        /// <summary>The backup folder of the current row (a CSV may name one per row); opened on first save.</summary>
        protected DatamartBackups BackupsIn(string? path)
        {
            var folder = ResolvePath(path);
            if (backups is null || backups.Folder != folder)
            {
                backups = new DatamartBackups(folder);
            }

            return backups;
        }
    }
}
