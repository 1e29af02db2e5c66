using System.Management.Automation;
using EmbedAdmin.Core.DataBrain.Datamarts;

namespace EmbedAdmin.Base
{
    /// <summary>What Restore- and Remove-Datamart share: where the backups go. Each row's backup is read just before its own change.</summary>
    public abstract class DatamartChangeCmdlet : DatamartCmdlet
    {
        /// <summary>The folder for backups; by default LocalApplicationData/EmbedAdmin/backups.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? BackupPath { get; set; }

        protected DatamartBackups Backups => BackupsIn(BackupPath);
    }
}
