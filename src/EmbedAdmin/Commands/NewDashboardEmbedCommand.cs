using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Transforms;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Creates a dashboard for one client (DataBrain "Create dashboard embed", docs.usedatabrain.com/api-reference/create-dashboard-embed), empty, cloned from a
    /// template, or hydrated from an export. Permissions not given are created as false, metricCreationMode as
    /// DRAG_DROP; -WhatIf shows those defaults.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "DashboardEmbed", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DashboardEmbed))]
    public sealed class NewDashboardEmbedCommand : EmbedAccessParametersCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string DashboardId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(WorkspaceNameCompleter))]
        public string WorkspaceName { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string ClientId { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(DashboardIdCompleter))]
        public string? TemplateDashboardId { get; set; }

        /// <summary>Custom metadata: a hashtable, an object or JSON.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? Metadata { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("isAllowPrivateMetricsByDefault")]
        [BooleanTransformation]
        public bool? AllowPrivateMetricsByDefault { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? EmbedDescription { get; set; }

        /// <summary>Import the template's metrics (with -TemplateDashboardId).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("isImportMetrics")]
        [BooleanTransformation]
        public bool? ImportMetrics { get; set; }

        /// <summary>Name the dashboard -Name instead of {DashboardId}_{ClientId}.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("isRenameDashboard")]
        [BooleanTransformation]
        public bool? RenameDashboard { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(MetricImportModeCompleter))]
        public string? MetricImportMode { get; set; }

        /// <summary>The dashboard configuration to import: an export's data object or the whole export, as an object or JSON.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? ImportDashboardData { get; set; }

        /// <summary>A dashboard export file (a JSON object with a top-level data object), uploaded as multipart/form-data.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? ImportDashboardDataFile { get; set; }

        protected override IEnumerable<string> ReadOnlyColumns => DashboardEmbedRequest.Table.ReadOnlyColumns;

        protected override void ProcessRecord()
        {
            var client = new EmbedClient(ActiveSession);
            ProcessChange(
                RowOr(DashboardId),
                KeyOf(DashboardId, nameof(DashboardId)),
                () =>
                {
                    var values = BoundValues(DashboardEmbedRequest.Table.Fields).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
                    if (!string.IsNullOrWhiteSpace(ImportDashboardDataFile) && ValueCounts(nameof(ImportDashboardDataFile)))
                    {
                        // Core reads the file; a PowerShell path (a drive, ~, a relative path) is resolved here.
                        values[DashboardEmbedRequest.ImportFileParameter] = GetUnresolvedProviderPathFromPSPath(ImportDashboardDataFile);
                    }

                    return EmbedRowChanges.CreateDashboardEmbed(client, DashboardEmbedRequest.Create(values));
                });
        }
    }
}
