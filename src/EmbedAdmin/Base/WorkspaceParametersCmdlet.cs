using System;
using System.Management.Automation;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.Changes;
using EmbedAdmin.Core.DataBrain.Workspaces;
using EmbedAdmin.Transforms;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// The workspace settings shared by New-Workspace and Update-Workspace (docs.usedatabrain.com/api-reference/update-workspace), declared once; each
    /// cmdlet adds its own -Name and how it asks before sending.
    /// </summary>
    public abstract class WorkspaceParametersCmdlet : EmbedAdminBulkCmdlet
    {
        private WorkspaceHistory? history;

        /// <summary>Input columns that are not meant to set anything: no warning names them, and a name close to a field's is not refused.</summary>
        [Parameter]
        public string[]? IgnoreColumn { get; set; }

        /// <summary>DATASOURCE, DATAMART, MULTI_DATASOURCE or MULTI_DATAMART.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ConnectionTypeCompleter))]
        public string? ConnectionType { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? DatasourceName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(DatamartNameCompleter))]
        public string? DatamartName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? LlmName { get; set; }

        /// <summary>LLM names; from a CSV cell, "gpt-4o;claude-sonnet".</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyCollection]
        [AllowNull]
        public string[]? AiCopilotLlms { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("isEnableMetricSuggestions")]
        [BooleanTransformation]
        public bool? EnableMetricSuggestions { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("isEnableMetricSummary")]
        [BooleanTransformation]
        public bool? EnableMetricSummary { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(SummaryTypeCompleter))]
        public string? SummaryType { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? CustomSummaryPrompt { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ThemeName { get; set; }

        /// <summary>Emit a Workspace object per workspace, holding what was sent.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override System.Collections.Generic.IEnumerable<string> ReadOnlyColumns => WorkspaceChange.Table.ReadOnlyColumns;

        /// <summary>The workspace named by the row; the subclass declares the parameter.</summary>
        protected abstract string WorkspaceName { get; }

        protected abstract WorkspaceOperation Operation { get; }

        /// <summary>How the row's change is put to the person: ShouldProcess's texts, and a warning once confirmed.</summary>
        protected abstract void Describe(RowChange change, WorkspaceChange workspace);

        protected override void ProcessRecord()
        {
            var client = new WorkspaceClient(ActiveSession);
            history ??= WorkspaceHistory.From(ActiveSession);
            var known = history;
            var passThru = PassThru.IsPresent;
            ProcessChange(
                RowOr(WorkspaceName),
                KeyOf(WorkspaceName, "Name"),
                () =>
                {
                    var workspace = WorkspaceChange.Create(Operation, WorkspaceName, ParameterValues.Of(this, WorkspaceChange.Fields), ForeignRowColumns);
                    var change = WorkspaceRowChanges.Send(client, workspace, known, passThru, (Operation == WorkspaceOperation.Create ? "Create workspace: " : "Update workspace: ") + workspace.Describe());
                    Describe(change, workspace);
                    return change;
                });
        }
    }
}
