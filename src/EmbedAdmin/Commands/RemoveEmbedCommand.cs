using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Commands
{
    /// <summary>Deletes embeds (and their guest tokens); with -DeleteDashboard their dashboards too, which cannot be undone.</summary>
    [Cmdlet(VerbsCommon.Remove, "Embed", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveEmbedCommand : EmbedAdminBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(EmbedIdCompleter))]
        public string EmbedId { get; set; } = string.Empty;

        /// <summary>
        /// Also delete the embed's dashboard. Deliberately not bound from the pipeline: an irreversible choice
        /// should be made on the command line, not by a column in a file.
        /// </summary>
        [Parameter]
        public SwitchParameter DeleteDashboard { get; set; }

        protected override void ProcessRecord()
        {
            var client = new EmbedClient(ActiveSession);
            var deleteDashboard = DeleteDashboard.IsPresent;
            var action = deleteDashboard
                ? "Delete the embed, its guest tokens and its dashboard (the dashboard cannot be recovered)"
                : "Delete the embed and its guest tokens";
            ProcessChange(
                RowOr(EmbedId),
                KeyOf(EmbedId, nameof(EmbedId)),
                () =>
                {
                    if (deleteDashboard && ActiveSession.UseLegacyDataBrainPaths)
                    {
                        throw new EmbedAdminValidationException(
                            ErrorIds.DeleteDashboardNeedsCurrentPaths,
                            "DeleteDashboard (isDeleteDashboard)",
                            "the legacy delete endpoint takes only the embed id and cannot delete dashboards; connect without -UseLegacyDataBrainPaths.");
                    }

                    return EmbedRowChanges.Remove(client, RequiredId(EmbedId, nameof(EmbedId), "the id of the embed to delete"), deleteDashboard, action);
                });
        }
    }
}
