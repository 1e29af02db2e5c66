using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Workspaces;
using EmbedAdmin.Transforms;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Changes the connection (and AI settings) of DataBrain workspaces (PUT /api/v2/workspace, seed 003), one per
    /// input row. Dangerous in production: the service repoints every metric of the workspace to the new
    /// connection, so it asks by default and warns for each workspace it changes.
    /// </summary>
    [Cmdlet(VerbsData.Update, "Workspace", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(Workspace))]
    public sealed class UpdateWorkspaceCommand : EmbedAdminApiCmdlet
    {
        /// <summary>The workspace to update: its exact, case-sensitive name (it cannot be renamed).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkspaceName")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WorkspaceNameCompleter))]
        public string Name { get; set; } = string.Empty;

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

        /// <summary>Emit a Workspace object per updated workspace, holding what was sent.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Requests in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = BulkOptions.DefaultThrottleLimit;

        /// <summary>The whole pipeline object, kept as the error record's TargetObject so failed rows can be replayed.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override int RunThrottleLimit => ThrottleLimit;

        protected override object? InputRow => InputObject;

        protected override void ProcessRecord()
        {
            var row = RowOr(Name);
            var target = string.IsNullOrWhiteSpace(Name) ? "(no Name)" : Name.Trim();
            WorkspaceChange change;
            try
            {
                change = WorkspaceChange.Create(WorkspaceOperation.Update, Name, ParameterValues.Of(this, WorkspaceChange.Fields));
            }
            catch (EmbedAdminValidationException exception)
            {
                Reject(row, target, exception);
                return;
            }

            var warning = change.MetricImpactWarning();
            if (!ShouldProcess(
                $"Update workspace '{change.Name}': {change.Describe()}. {warning}",
                $"{warning}{System.Environment.NewLine}Update workspace '{change.Name}' ({change.Describe()})?",
                "Update-Workspace"))
            {
                return;
            }

            // -Confirm:$false in a runbook skips the prompt; the log still records what the change did to metrics.
            WriteWarning(warning);

            var client = new WorkspaceClient(ActiveSession);
            var context = Runner.Context;
            var passThru = PassThru.IsPresent;
            Pump(Runner.Submit(row, change.Name, async cancellationToken =>
            {
                var workspace = await client.SendAsync(change, context, cancellationToken).ConfigureAwait(false);
                return passThru ? new object[] { workspace } : System.Array.Empty<object>();
            }));
        }
    }
}
