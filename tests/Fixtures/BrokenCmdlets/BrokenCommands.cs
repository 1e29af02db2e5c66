using System.Management.Automation;

namespace BrokenCmdlets
{
    /// <summary>Changes something without ShouldProcess, and has a parameter that does not bind by property name.</summary>
    [Cmdlet(VerbsCommon.Set, "Widget")]
    public sealed class SetWidgetCommand : PSCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string WidgetId { get; set; } = string.Empty;

        [Parameter]
        public string? Colour { get; set; }
    }

    /// <summary>An unapproved verb, and a class name that does not follow VerbNounCommand.</summary>
    [Cmdlet("Frobnicate", "Widget", SupportsShouldProcess = true)]
    public sealed class WidgetFrobber : PSCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? WidgetId { get; set; }
    }

    /// <summary>A delete at the default (medium) impact.</summary>
    [Cmdlet(VerbsCommon.Remove, "Widget", SupportsShouldProcess = true)]
    public sealed class RemoveWidgetCommand : PSCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? WidgetId { get; set; }
    }
}
