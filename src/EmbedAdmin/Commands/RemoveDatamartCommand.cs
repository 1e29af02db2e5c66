using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Deletes DataBrain datamarts (DELETE /api/v2/data-app/datamart?datamartName=). The definition is saved to a
    /// backup first, from which New-Datamart -Path can create the datamart again.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "Datamart", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DatamartChangeResult))]
    public sealed class RemoveDatamartCommand : DatamartChangeCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DatamartName")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(DatamartNameCompleter))]
        public string Name { get; set; } = string.Empty;

        protected override void ProcessRecord()
        {
            var client = new DatamartClient(ActiveSession);
            var backups = Backups;
            var passThru = PassThru.IsPresent;
            ProcessChange(
                RowOr(Name),
                string.IsNullOrWhiteSpace(Name) ? "(no Name)" : Name.Trim(),
                () => string.IsNullOrWhiteSpace(Name)
                    ? throw new EmbedAdminValidationException(ErrorIds.MissingDatamartName, "Name (datamartName)", "is required: the exact (case-sensitive) name of the datamart to remove.")
                    : DatamartRowChanges.Remove(client, Name.Trim(), backups, passThru));
        }
    }
}
