using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.DataBrain.Workspaces;

namespace EmbedAdmin.Commands
{
    /// <summary>Creates DataBrain workspaces (POST /api/v2/workspace), one per input row.</summary>
    [Cmdlet(VerbsCommon.New, "Workspace", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Workspace))]
    public sealed class NewWorkspaceCommand : WorkspaceParametersCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkspaceName")]
        [AllowEmptyString]
        public string Name { get; set; } = string.Empty;

        protected override string WorkspaceName => Name;

        protected override WorkspaceOperation Operation => WorkspaceOperation.Create;

        protected override bool Ask(WorkspaceChange change) =>
            ShouldProcess($"workspace '{change.Name}'", "Create workspace: " + change.Describe());
    }
}
