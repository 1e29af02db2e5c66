using System;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.DataBrain.Workspaces;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Changes the connection (and AI settings) of DataBrain workspaces (PUT /api/v2/workspace, docs.usedatabrain.com/api-reference/update-workspace), one per
    /// input row. Dangerous in production: the service repoints every metric of the workspace to the new
    /// connection, so it asks by default, and the question and -WhatIf say what happens to the metrics.
    /// </summary>
    [Cmdlet(VerbsData.Update, "Workspace", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Workspace))]
    public sealed class UpdateWorkspaceCommand : WorkspaceParametersCmdlet
    {
        /// <summary>The workspace to update: its exact, case-sensitive name (it cannot be renamed).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkspaceName")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WorkspaceNameCompleter))]
        public string Name { get; set; } = string.Empty;

        protected override string WorkspaceName => Name;

        protected override WorkspaceOperation Operation => WorkspaceOperation.Update;

        protected override bool Ask(WorkspaceChange change)
        {
            var warning = change.MetricImpactWarning();
            if (!ShouldProcess(
                $"Update workspace '{change.Name}': {change.Describe()}. {warning}",
                $"{warning}{Environment.NewLine}Update workspace '{change.Name}' ({change.Describe()})?",
                "Update-Workspace"))
            {
                return false;
            }

            // -Confirm:$false in a runbook skips the question; -Verbose still logs what the change does to metrics. Not a
            // warning: under -Debug PowerShell turns a compiled cmdlet's warnings into prompts, which stop a runbook, and
            // a change that was asked for and confirmed is nothing the user still has to act on.
            this.WriteVerboseIfWanted(warning);
            return true;
        }
    }
}
