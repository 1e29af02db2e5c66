using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Transforms;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Changes an embed's access settings (DataBrain "Update an Embed"). Only the settings given are sent; the
    /// others keep their values. Built for CSV: every parameter binds from a column named like the parameter
    /// or like the API field.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "EmbedAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EmbedAccess))]
    public sealed class SetEmbedAccessCommand : EmbedAdminApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string EmbedId { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? DatamartName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("isAllowAiPilot")]
        [BooleanTransformation]
        public bool? AllowAiPilot { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("isAllowEmailReports")]
        [BooleanTransformation]
        public bool? AllowEmailReports { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("isAllowManageMetrics")]
        [BooleanTransformation]
        public bool? AllowManageMetrics { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("isAllowMetricCreation")]
        [BooleanTransformation]
        public bool? AllowMetricCreation { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("isAllowMetricDeletion")]
        [BooleanTransformation]
        public bool? AllowMetricDeletion { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("isAllowMetricLayoutChange")]
        [BooleanTransformation]
        public bool? AllowMetricLayoutChange { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("isAllowMetricUpdate")]
        [BooleanTransformation]
        public bool? AllowMetricUpdate { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("isAllowUnderlyingData")]
        [BooleanTransformation]
        public bool? AllowUnderlyingData { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("isAllowCreateDashboardView")]
        [BooleanTransformation]
        public bool? AllowCreateDashboardView { get; set; }

        /// <summary>single (tables pre-joined into one worksheet) or multi (joins resolved per chart).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(JoinModelCompleter))]
        public string? JoinModel { get; set; }

        /// <summary>The legacy join flag; prefer -JoinModel.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [BooleanTransformation]
        public bool? IsIncrementalJoin { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(MetricCreationModeCompleter))]
        public string? MetricCreationMode { get; set; }

        /// <summary>Tables and tenant columns: hashtables/objects with Name and ClientColumn, a JSON array, or "table:column;…".</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("tableList")]
        public object? TableTenancySettings { get; set; }

        /// <summary>Emit an EmbedAccess object per updated embed.</summary>
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
            var row = RowOr(EmbedId);
            var target = string.IsNullOrWhiteSpace(EmbedId) ? "(no EmbedId)" : EmbedId.Trim();
            EmbedAccessChange change;
            try
            {
                change = EmbedAccessChange.Create(EmbedId, BoundValues(EmbedAccessChange.Fields));
            }
            catch (EmbedAdminValidationException exception)
            {
                Reject(row, target, exception);
                return;
            }

            if (!ShouldProcess($"embed '{change.EmbedId}'", "Set access: " + change.Describe()))
            {
                return;
            }

            var client = new DataBrainClient(ActiveSession);
            var context = Runner.Context;
            var passThru = PassThru.IsPresent;
            Pump(Runner.Submit(row, change.EmbedId, async cancellationToken =>
            {
                var access = await client.UpdateEmbedAccessAsync(change, context, cancellationToken).ConfigureAwait(false);
                return passThru ? new object[] { access } : Array.Empty<object>();
            }));
        }
    }
}
