using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Transforms;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Changes Datadog dashboard secure embeds with PATCH semantics: only the attributes given are sent. Built for
    /// CSV (columns named like the parameters or the API fields, tv_&lt;name&gt; columns for template variables)
    /// and for Get-SecureEmbed's output.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "SecureEmbed", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SecureEmbed))]
    public sealed class SetSecureEmbedCommand : SecureEmbedCmdlet
    {
        /// <summary>Input columns that are not meant to set anything: no warning names them, and a name close to a field's is not refused.</summary>
        [Parameter]
        public string[]? IgnoreColumn { get; set; }

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("dashboard_id")]
        [AllowEmptyString]
        public string DashboardId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Token { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Title { get; set; }

        /// <summary>active (the embedded dashboard is available) or paused (it is not).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(SecureEmbedStatusCompleter))]
        public string? Status { get; set; }

        /// <summary>The default time range: 15m, 1h, 4h, 1d, 2d, 1w, 1mo or 3mo.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("live_span")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(LiveSpanCompleter))]
        public string? LiveSpan { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("global_time_selectable")]
        [BooleanTransformation]
        public bool? GlobalTimeSelectable { get; set; }

        /// <summary>Hashtables, JSON, or "name=v1|v2;name2=v3"; replaces the whole list.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("selectable_template_vars", "TemplateVariables")]
        public object? SelectableTemplateVariables { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("high_density")]
        [BooleanTransformation]
        public bool? HighDensity { get; set; }

        /// <summary>system (the viewer's own setting), light or dark.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(SecureEmbedThemeCompleter))]
        public string? Theme { get; set; }

        /// <summary>Emit the updated SecureEmbed as Datadog returns it.</summary>
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

        protected override bool ModuleObjectNamesTargetOnly => true;

        protected override void ProcessRecord()
        {
            var row = RowOr(DashboardId + "/" + Token);
            var target = (DashboardId ?? string.Empty).Trim() + "/" + (Token ?? string.Empty).Trim();
            SecureEmbedChange change;
            try
            {
                change = SecureEmbedChange.Create(DashboardId, Token, BoundValues(SecureEmbedFields.Fields), RowColumns);
            }
            catch (EmbedAdminValidationException exception)
            {
                Reject(row, target, exception);
                return;
            }

            if (!ShouldProcess(change.Target.Describe(), "Set: " + change.Describe()))
            {
                return;
            }

            var client = Client;
            var context = Runner.Context;
            var passThru = PassThru.IsPresent;
            Pump(Runner.Submit(row, change.DashboardId + "/" + change.Token, async cancellationToken =>
            {
                var updated = await client.UpdateAsync(change, context, cancellationToken).ConfigureAwait(false);
                return passThru ? new object[] { updated } : Array.Empty<object>();
            }));
        }
    }
}
