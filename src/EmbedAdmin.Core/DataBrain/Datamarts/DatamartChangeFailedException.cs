using System;

namespace EmbedAdmin.Core.DataBrain.Datamarts
{
    /// <summary>
    /// An update, restore or removal that failed after the datamart's definition was saved. It wraps the real
    /// failure (classified as that failure) and says where the backup is, so the person can check the datamart
    /// and put the saved definition back.
    /// </summary>
    public sealed class DatamartChangeFailedException : Exception
    {
        public DatamartChangeFailedException(string datamartName, string backupFile, string recommendedAction, Exception innerException)
            : base($"{innerException.Message} The definition of datamart '{datamartName}' from before this change is saved in '{backupFile}'.", innerException)
        {
            DatamartName = datamartName;
            BackupFile = backupFile;
            RecommendedAction = recommendedAction;
        }

        public string DatamartName { get; }

        public string BackupFile { get; }

        /// <summary>The next step, naming the backup: Restore-Datamart -Path (or New-Datamart -Path after a removal).</summary>
        public string RecommendedAction { get; }
    }
}
