using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.DataApps;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Renames DataBrain data apps (PUT /api/v2/data-app {name, updateName}, service token). Everything that asks
    /// for guest tokens by the old name (dataAppName) fails after the rename, so it asks by default.
    /// </summary>
    [Cmdlet(VerbsCommon.Rename, "DataApp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DataApp))]
    public sealed class RenameDataAppCommand : EmbedAdminBulkCmdlet
    {
        /// <summary>The data app's current, exact (case-sensitive) name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DataAppName")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(DataAppNameCompleter))]
        public string Name { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("updateName")]
        [AllowEmptyString]
        public string NewName { get; set; } = string.Empty;

        /// <summary>Emit a DataApp object per data app renamed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var client = new DataAppClient(ActiveSession);
            var passThru = PassThru.IsPresent;
            ProcessChange(
                RowOr(Name),
                KeyOf(Name, nameof(Name)),
                () =>
                {
                    var names = DataAppInput.Rename(Name, NewName);
                    return DataAppRowChanges.Rename(client, names.Name, names.NewName!, passThru);
                });
        }
    }
}
