using System.Collections.Generic;

namespace EmbedAdmin.HelpGen
{
    /// <summary>One cmdlet's help as its platyPS markdown page states it. Text is kept as markdown source, as PlatyPS keeps it.</summary>
    public sealed class CommandHelp
    {
        public string Name { get; set; } = string.Empty;

        public string ModuleName { get; set; } = string.Empty;

        /// <summary>The MAML file the page belongs to (front matter <c>external help file</c>).</summary>
        public string ExternalHelpFile { get; set; } = string.Empty;

        /// <summary>Front matter <c>online version</c>; empty when not given.</summary>
        public string OnlineVersion { get; set; } = string.Empty;

        public string Synopsis { get; set; } = string.Empty;

        public List<SyntaxBlock> Syntax { get; } = new();

        public string Description { get; set; } = string.Empty;

        public List<ExampleHelp> Examples { get; } = new();

        /// <summary>In the order of the page; the MAML writer sorts them by name, as PlatyPS does.</summary>
        public List<ParameterHelp> Parameters { get; } = new();

        /// <summary>Whether the page has a <c>### CommonParameters</c> section.</summary>
        public bool HasCommonParameters { get; set; }

        public List<TypeHelp> Inputs { get; } = new();

        public List<TypeHelp> Outputs { get; } = new();

        public string Notes { get; set; } = string.Empty;

        public List<LinkHelp> RelatedLinks { get; } = new();

        /// <summary>The markdown file, for messages.</summary>
        public string SourceFile { get; set; } = string.Empty;
    }

    /// <summary>One code block of <c>## SYNTAX</c>, with the parameters it names in the order written.</summary>
    public sealed class SyntaxBlock
    {
        /// <summary>The <c>### Name</c> heading above the block without a <c>(Default)</c> suffix; null when there is none.</summary>
        public string? ParameterSetName { get; set; }

        public bool IsDefault { get; set; }

        public string CommandName { get; set; } = string.Empty;

        public string Text { get; set; } = string.Empty;

        public List<SyntaxParameter> Parameters { get; } = new();

        public bool HasCommonParameters { get; set; }
    }

    /// <summary>A parameter as a syntax line shows it: <c>[-Name] &lt;Type&gt;</c>, <c>[-Switch]</c> and so on.</summary>
    public sealed record SyntaxParameter(string Name, string Type, bool IsMandatory, string Position, bool IsSwitch)
    {
        public bool IsPositional => Position != SyntaxParser.Named;
    }

    public sealed class ParameterHelp
    {
        public string Name { get; set; } = string.Empty;

        public string Description { get; set; } = string.Empty;

        public string Type { get; set; } = string.Empty;

        public List<string> ParameterSets { get; } = new();

        public List<string> Aliases { get; } = new();

        public List<string> AcceptedValues { get; } = new();

        public bool Required { get; set; }

        /// <summary>As written in the yaml block: <c>Named</c> or a number.</summary>
        public string Position { get; set; } = "Named";

        /// <summary>As written in the yaml block, <c>None</c> included.</summary>
        public string DefaultValue { get; set; } = string.Empty;

        public bool ByValue { get; set; }

        public bool ByPropertyName { get; set; }

        public bool Globbing { get; set; }

        public bool IsSwitch => Type is "SwitchParameter" or "System.Management.Automation.SwitchParameter";
    }

    /// <summary>An example: its title and its body, which is markdown (code fences and remark paragraphs).</summary>
    public sealed record ExampleHelp(string Title, string Body);

    /// <summary>An INPUTS or OUTPUTS entry: a <c>### TypeName</c> heading and the text under it.</summary>
    public sealed record TypeHelp(string TypeName, string Description);

    public sealed record LinkHelp(string Text, string Uri);
}
