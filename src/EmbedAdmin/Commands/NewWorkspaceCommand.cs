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
    /// <summary>Creates DataBrain workspaces (POST /api/v2/workspace), one per input row.</summary>
    [Cmdlet(VerbsCommon.New, "Workspace", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Workspace))]
    public sealed class NewWorkspaceCommand : EmbedAdminApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkspaceName")]
        [AllowEmptyString]
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

        /// <summary>Emit a Workspace object per created workspace.</summary>
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
                change = WorkspaceChange.Create(WorkspaceOperation.Create, Name, ParameterValues.Of(this, WorkspaceChange.Fields));
            }
            catch (EmbedAdminValidationException exception)
            {
                Reject(row, target, exception);
                return;
            }

            if (!ShouldProcess($"workspace '{change.Name}'", "Create workspace: " + change.Describe()))
            {
                return;
            }

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
