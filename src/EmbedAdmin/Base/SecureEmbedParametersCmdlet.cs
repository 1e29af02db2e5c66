using System.Management.Automation;
using EmbedAdmin.Completers;
using EmbedAdmin.Transforms;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// The secure-embed attributes shared by New-SecureEmbed and Set-SecureEmbed, declared once (their names and
    /// aliases are SecureEmbedFields.Table's); each cmdlet adds how it names the embed and its title.
    /// </summary>
    public abstract class SecureEmbedParametersCmdlet : SecureEmbedCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("dashboard_id")]
        [AllowEmptyString]
        public string DashboardId { get; set; } = string.Empty;

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

        /// <summary>Whether viewers may change the time range.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("global_time_selectable")]
        [BooleanTransformation]
        public bool? GlobalTimeSelectable { get; set; }

        /// <summary>Hashtables, JSON, or "name=v1|v2;name2=v3"; tv_&lt;name&gt; CSV columns add to it; replaces the whole list.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("selectable_template_vars", "TemplateVariables")]
        public object? SelectableTemplateVariables { get; set; }

        /// <summary>High-density widgets.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("high_density")]
        [BooleanTransformation]
        public bool? HighDensity { get; set; }

        /// <summary>system (the viewer's own setting), light or dark.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(SecureEmbedThemeCompleter))]
        public string? Theme { get; set; }

        /// <summary>Input columns that are not meant to set anything: no warning names them, and a name close to a field's is not refused.</summary>
        [Parameter]
        public string[]? IgnoreColumn { get; set; }
    }
}
