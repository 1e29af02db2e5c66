using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Core.DataBrain.DataApps;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Commands
{
    /// <summary>Creates DataBrain data apps (POST /api/v2/data-app, service token), one per input row.</summary>
    [Cmdlet(VerbsCommon.New, "DataApp", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DataApp))]
    public sealed class NewDataAppCommand : EmbedAdminBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DataAppName")]
        [AllowEmptyString]
        public string Name { get; set; } = string.Empty;

        /// <summary>Emit a DataApp object per data app created.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var client = new DataAppClient(ActiveSession);
            var passThru = PassThru.IsPresent;
            ProcessChange(
                RowOr(Name),
                KeyOf(Name, nameof(Name)),
                () => DataAppRowChanges.Create(client, DataAppInput.Required(Name, ErrorIds.MissingDataAppName, "Name (name)", "the name of the new data app"), passThru));
        }
    }
}
