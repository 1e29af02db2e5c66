using System.Management.Automation;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Transforms;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// The access-setting parameters shared by Set-EmbedAccess, New-Embed and New-DashboardEmbed, declared once.
    /// Their names are the keys of EmbedAccessChange.Fields in Core; each has the API field name as an alias,
    /// so a CSV column named like either binds.
    /// </summary>
    public abstract class EmbedAccessParametersCmdlet : EmbedAdminBulkCmdlet
    {
        /// <summary>Input columns that are not meant to set anything: no warning names them, and a name close to a field's is not refused.</summary>
        [Parameter]
        public string[]? IgnoreColumn { get; set; }

        protected override System.Collections.Generic.IEnumerable<string> ReadOnlyColumns => EmbedAccessChange.Table.ReadOnlyColumns;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(DatamartNameCompleter))]
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
    }
}
