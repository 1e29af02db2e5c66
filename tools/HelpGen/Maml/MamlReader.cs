using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace EmbedAdmin.HelpGen.Maml
{
    /// <summary>What a MAML file says about one cmdlet, in normalised form; see <see cref="MamlReader"/>.</summary>
    public sealed record MamlCommand(
        string Name,
        string Verb,
        string Noun,
        IReadOnlyList<string> Synopsis,
        IReadOnlyList<TextBlock> Description,
        IReadOnlyList<MamlSyntaxItem> Syntax,
        IReadOnlyList<MamlParameter> Parameters,
        IReadOnlyList<MamlType> Inputs,
        IReadOnlyList<MamlType> Outputs,
        IReadOnlyList<TextBlock> Notes,
        IReadOnlyList<MamlExample> Examples,
        IReadOnlyList<LinkHelp> Links);

    public sealed record MamlSyntaxItem(string Name, IReadOnlyList<MamlSyntaxParameter> Parameters);

    public sealed record MamlSyntaxParameter(string Name, string Type, bool Required, string Position)
    {
        public override string ToString() => $"-{Name} <{Type}> required={Required} position={Position}";
    }

    public sealed record MamlParameter(
        string Name,
        string Type,
        bool Required,
        string Position,
        bool ByValue,
        bool ByPropertyName,
        bool Globbing,
        IReadOnlyList<string> Aliases,
        IReadOnlyList<TextBlock> Description,
        string? DefaultValue,
        IReadOnlyList<string> AcceptedValues);

    public sealed record MamlType(string Name, IReadOnlyList<TextBlock> Description);

    /// <summary>An example's code (one block: all its code joined) and remark paragraphs, wherever in the example element they were put.</summary>
    public sealed record MamlExample(string Title, IReadOnlyList<TextBlock> Code, IReadOnlyList<TextBlock> Remarks);

    /// <summary>
    /// Reads MAML into <see cref="MamlCommand"/> records, undoing the differences of form that do not change what
    /// Get-Help shows, so that MAML from PlatyPS and from HelpGen (or from either after a change of layout) compare on
    /// content. Besides the text rules of <see cref="TextNormalizer"/>:
    /// an example title loses the dashes PlatyPS puts around it; an example's code is the text of all its code blocks
    /// in order (those in its introduction, dev:code, those in its remarks), joined by blank lines, and its remarks are
    /// the prose around them, so PlatyPS 1.0.3's everything-in-the-introduction layout equals HelpGen's
    /// code-in-dev:code layout; positions compare without case ("Named" and "named"); aliases="none" is no alias; pipelineInput is read as the two flags, in either order;
    /// System.Management.Automation.SwitchParameter is SwitchParameter; a missing dev:defaultValue is "not recorded"
    /// (null), which PlatyPS 1.0.3's MAML always is.
    /// </summary>
    public static class MamlReader
    {
        private static readonly XNamespace Maml = MamlWriter.MamlNamespace;
        private static readonly XNamespace Command = MamlWriter.CommandNamespace;
        private static readonly XNamespace Dev = MamlWriter.DevNamespace;
        private static readonly Regex TitleDashes = new(@"^\s*-*\s*(?<title>.*?)\s*-*\s*$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

        public static IReadOnlyList<MamlCommand> ReadFile(string path) => Read(File.ReadAllText(path));

        public static IReadOnlyList<MamlCommand> Read(string xml)
        {
            var document = XDocument.Parse(xml, LoadOptions.PreserveWhitespace);
            if (document.Root is null || document.Root.Name.LocalName != "helpItems")
            {
                throw new InvalidDataException("not MAML help: the root element is not helpItems");
            }

            return document.Root.Elements(Command + "command").Select(ReadCommand).ToList();
        }

        private static MamlCommand ReadCommand(XElement command)
        {
            var details = command.Element(Command + "details");
            return new MamlCommand(
                Name: Text(details?.Element(Command + "name")),
                Verb: Text(details?.Element(Command + "verb")),
                Noun: Text(details?.Element(Command + "noun")),
                Synopsis: TextNormalizer.Paragraphs(Paras(details?.Element(Maml + "description"))),
                Description: TextNormalizer.Blocks(Paras(command.Element(Maml + "description"))),
                Syntax: command.Element(Command + "syntax")?.Elements(Command + "syntaxItem").Select(ReadSyntaxItem).ToList() ?? new List<MamlSyntaxItem>(),
                Parameters: command.Element(Command + "parameters")?.Elements(Command + "parameter").Select(ReadParameter).ToList() ?? new List<MamlParameter>(),
                Inputs: ReadTypes(command.Element(Command + "inputTypes"), "inputType"),
                Outputs: ReadTypes(command.Element(Command + "returnValues"), "returnValue"),
                Notes: TextNormalizer.Blocks(command.Element(Maml + "alertSet")?.Elements(Maml + "alert").SelectMany(Paras) ?? Array.Empty<string>()),
                Examples: command.Element(Command + "examples")?.Elements(Command + "example").Select(ReadExample).ToList() ?? new List<MamlExample>(),
                Links: command.Element(Command + "relatedLinks")?.Elements(Maml + "navigationLink")
                    .Select(l => new LinkHelp(Text(l.Element(Maml + "linkText")), Text(l.Element(Maml + "uri")))).ToList() ?? new List<LinkHelp>());
        }

        private static MamlSyntaxItem ReadSyntaxItem(XElement item) =>
            new(Text(item.Element(Maml + "name")),
                item.Elements(Command + "parameter")
                    .Select(p => new MamlSyntaxParameter(
                        Text(p.Element(Maml + "name")),
                        TypeOf(p),
                        Flag(p, "required"),
                        Position(p)))
                    .ToList());

        private static MamlParameter ReadParameter(XElement parameter)
        {
            var pipeline = (string?)parameter.Attribute("pipelineInput") ?? "false";
            var (byValue, byPropertyName) = MarkdownHelpReader.ParsePipelineInput(pipeline);
            var aliases = ((string?)parameter.Attribute("aliases") ?? string.Empty)
                .Split(',').Select(a => a.Trim())
                .Where(a => a.Length > 0 && !a.Equals("none", StringComparison.OrdinalIgnoreCase))
                .ToList();
            var defaultValue = parameter.Element(Dev + "defaultValue");
            return new MamlParameter(
                Name: Text(parameter.Element(Maml + "name")),
                Type: TypeOf(parameter),
                Required: Flag(parameter, "required"),
                Position: Position(parameter),
                ByValue: byValue,
                ByPropertyName: byPropertyName,
                Globbing: Flag(parameter, "globbing"),
                Aliases: aliases,
                Description: TextNormalizer.Blocks(Paras(parameter.Element(Maml + "description"))),
                DefaultValue: defaultValue is null ? null : Text(defaultValue),
                AcceptedValues: parameter.Element(Command + "parameterValueGroup")?.Elements(Command + "parameterValue").Select(Text).ToList() ?? new List<string>());
        }

        private static IReadOnlyList<MamlType> ReadTypes(XElement? list, string itemName) =>
            list?.Elements(Command + itemName)
                .Select(t => new MamlType(
                    Text(t.Element(Dev + "type")?.Element(Maml + "name")),
                    TextNormalizer.Blocks(Paras(t.Element(Maml + "description")))))
                .ToList() ?? new List<MamlType>();

        private static MamlExample ReadExample(XElement example)
        {
            var title = TitleDashes.Match(Text(example.Element(Maml + "title"))).Groups["title"].Value;
            var blocks = new List<TextBlock>();
            blocks.AddRange(TextNormalizer.Blocks(Paras(example.Element(Maml + "introduction"))));
            var code = example.Element(Dev + "code")?.Value ?? string.Empty;
            if (code.Trim().Length > 0)
            {
                blocks.Add(new TextBlock(true, string.Empty, CodeLines(code.Replace("\r\n", "\n").Split('\n'))));
            }

            blocks.AddRange(TextNormalizer.Blocks(Paras(example.Element(Dev + "remarks"))));
            var allCode = string.Join("\n\n", blocks.Where(b => b.IsCode).Select(b => b.Text));
            var codeBlocks = allCode.Length > 0 ? new[] { new TextBlock(true, string.Empty, allCode) } : Array.Empty<TextBlock>();
            return new MamlExample(title, codeBlocks, blocks.Where(b => !b.IsCode).ToList());
        }

        private static string CodeLines(IEnumerable<string> lines) => string.Join("\n", lines.Select(l => l.TrimEnd())).Trim('\n');

        private static string TypeOf(XElement parameter)
        {
            var type = Text(parameter.Element(Dev + "type")?.Element(Maml + "name"));
            if (type.Length == 0)
            {
                type = Text(parameter.Element(Command + "parameterValue"));
            }

            if (type.Length == 0 && parameter.Element(Command + "parameterValue") is null)
            {
                type = "SwitchParameter";
            }

            return type == "System.Management.Automation.SwitchParameter" ? "SwitchParameter" : type;
        }

        private static string Position(XElement parameter) =>
            ((string?)parameter.Attribute("position") ?? "named").Trim().ToLower(CultureInfo.InvariantCulture);

        private static bool Flag(XElement element, string attribute) =>
            bool.TryParse((string?)element.Attribute(attribute), out var value) && value;

        private static IEnumerable<string> Paras(XElement? element) =>
            element?.Elements(Maml + "para").Select(p => p.Value) ?? Enumerable.Empty<string>();

        private static string Text(XElement? element) => element?.Value.Trim() ?? string.Empty;
    }
}
