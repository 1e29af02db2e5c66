using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using EmbedAdmin.HelpGen.Markdown;

namespace EmbedAdmin.HelpGen
{
    /// <summary>
    /// Reads a cmdlet page in platyPS 0.14's markdown schema 2.0.0 (the shape docs/ uses) into a <see cref="CommandHelp"/>.
    /// Section text is taken the way PlatyPS 1.0.3 takes it: the source lines, right-trimmed, the whole trimmed.
    /// Where PlatyPS 1.0.3 loses text, this reader does not, and the en-US check then shows the difference:
    /// it drops the last line of a section that runs straight into the next heading with no blank line between,
    /// it keeps only the first SYNTAX code block when there are no <c>### ParameterSetName</c> headings, and it gives an
    /// INPUTS/OUTPUTS entry no description unless a paragraph comes first under the type heading.
    /// </summary>
    public static class MarkdownHelpReader
    {
        private static readonly Regex LinkPattern = new(@"(?<!!)\[(?<text>[^\]]*)\]\((?<url>[^)\s]*)(?:\s+""[^""]*"")?\)", RegexOptions.CultureInvariant);
        private static readonly Regex RequiredInSets = new(@"True \((?<sets>[^)]+)\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex TrueByPropertyName = new(@"^true \(.*ByProperty", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex TrueByValue = new(@"^true \(.*ByValue", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex ByValueByName = new(@"^ByValue \((?<value>\w+)\), ByName \((?<name>\w+)\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex ByNameByValue = new(@"ByName \((?<name>False|True)\), ByValue \((?<value>False|True)\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>The cmdlet pages of a docs folder, in file-name order. About topics are not cmdlet pages.</summary>
        public static IReadOnlyList<string> CommandFiles(string docsDirectory) =>
            Directory.GetFiles(docsDirectory, "*-*.md")
                .Where(f => !Path.GetFileName(f).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => Path.GetFileName(f), StringComparer.OrdinalIgnoreCase)
                .ToList();

        public static IReadOnlyList<CommandHelp> ReadDirectory(string docsDirectory) =>
            CommandFiles(docsDirectory).Select(ReadFile).ToList();

        public static CommandHelp ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

        public static CommandHelp Read(string markdown, string sourceName = "<markdown>")
        {
            var md = MarkdownSource.Parse(markdown, sourceName);
            var title = md.Headings.FirstOrDefault(h => h.Level == 1)
                ?? throw new HelpFormatException(sourceName, 1, "no '# Verb-Noun' heading");

            var help = new CommandHelp
            {
                Name = title.Text,
                SourceFile = sourceName,
                ModuleName = md.FrontMatter.TryGetValue("Module Name", out var module) ? module : string.Empty,
                OnlineVersion = md.FrontMatter.TryGetValue("online version", out var online) ? online : string.Empty,
            };
            // PlatyPS names the file after the module when the page does not say (ExportMamlCommandHelp).
            help.ExternalHelpFile = md.FrontMatter.TryGetValue("external help file", out var file) && file.Length > 0
                ? file
                : help.ModuleName + "-Help.xml";

            var sections = md.Headings.Where(h => h.Level == 2).ToList();
            foreach (var section in sections)
            {
                var end = md.SectionEnd(section);
                switch (section.Text.ToUpperInvariant())
                {
                    case "SYNOPSIS":
                        help.Synopsis = md.Text(section.Line + 1, end);
                        break;
                    case "SYNTAX":
                        ReadSyntax(md, section, end, help);
                        break;
                    case "DESCRIPTION":
                        help.Description = md.Text(section.Line + 1, end);
                        break;
                    case "EXAMPLES":
                        ReadExamples(md, section, end, help);
                        break;
                    case "PARAMETERS":
                        ReadParameters(md, section, end, help);
                        break;
                    case "INPUTS":
                        help.Inputs.AddRange(ReadTypes(md, section, end));
                        break;
                    case "OUTPUTS":
                        help.Outputs.AddRange(ReadTypes(md, section, end));
                        break;
                    case "NOTES":
                        help.Notes = md.Text(section.Line + 1, end);
                        break;
                    case "RELATED LINKS":
                        help.RelatedLinks.AddRange(ReadLinks(md, section.Line + 1, end));
                        break;
                }
            }

            return help;
        }

        private static void ReadSyntax(MarkdownSource md, MarkdownHeading section, int end, CommandHelp help)
        {
            foreach (var fence in md.Fences.Where(f => f.StartLine > section.Line && f.StartLine < end))
            {
                var block = SyntaxParser.Parse(string.Join("\n", fence.Content));
                var setHeading = md.Headings.LastOrDefault(h => h.Level == 3 && h.Line > section.Line && h.Line < fence.StartLine);
                if (setHeading is not null)
                {
                    const string defaultSuffix = "(Default)";
                    var name = setHeading.Text;
                    block.IsDefault = name.EndsWith(defaultSuffix, StringComparison.OrdinalIgnoreCase);
                    block.ParameterSetName = block.IsDefault ? name[..^defaultSuffix.Length].Trim() : name;
                }

                help.Syntax.Add(block);
            }
        }

        private static void ReadExamples(MarkdownSource md, MarkdownHeading section, int end, CommandHelp help)
        {
            foreach (var heading in md.Headings.Where(h => h.Level == 3 && h.Line > section.Line && h.Line < end))
            {
                // An example runs to the next heading of any level, as in PlatyPS (GetExamples).
                var exampleEnd = Math.Min(md.NextHeading(heading.Line)?.Line ?? md.Lines.Count, end);
                help.Examples.Add(new ExampleHelp(heading.Text, md.Text(heading.Line + 1, exampleEnd)));
            }
        }

        private static void ReadParameters(MarkdownSource md, MarkdownHeading section, int end, CommandHelp help)
        {
            foreach (var heading in md.Headings.Where(h => h.Level == 3 && h.Line > section.Line && h.Line < end))
            {
                var name = heading.Text.TrimStart('-');
                if (name.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    help.HasCommonParameters = true;
                    continue;
                }

                if (name.Equals("WorkflowCommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var parameterEnd = Math.Min(md.NextHeading(heading.Line)?.Line ?? md.Lines.Count, end);
                var yaml = md.Fences.FirstOrDefault(f => f.StartLine > heading.Line && f.StartLine < parameterEnd
                    && f.Info.StartsWith("yaml", StringComparison.OrdinalIgnoreCase))
                    ?? throw new HelpFormatException(md.Name, heading.Line + 1, $"parameter -{name} has no ```yaml block");

                var parameter = new ParameterHelp { Name = name, Description = md.Text(heading.Line + 1, yaml.StartLine) };
                ApplyYaml(parameter, yaml, md.Name);
                help.Parameters.Add(parameter);
            }
        }

        /// <summary>The yaml block of schema 2.0.0 is flat <c>Key: value</c> lines; no yaml library is needed for it.</summary>
        private static void ApplyYaml(ParameterHelp parameter, FencedBlock yaml, string sourceName)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < yaml.Content.Count; i++)
            {
                var line = yaml.Content[i];
                if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
                {
                    continue;
                }

                var colon = line.IndexOf(':');
                if (colon <= 0)
                {
                    throw new HelpFormatException(sourceName, yaml.StartLine + i + 2, $"parameter -{parameter.Name}: '{line.Trim()}' is not 'Key: value'");
                }

                values[line[..colon].Trim()] = MarkdownSource.Unquote(line[(colon + 1)..].Trim());
            }

            string Value(string key) => values.TryGetValue(key, out var v) ? v : string.Empty;

            parameter.Type = Value("Type");
            parameter.ParameterSets.AddRange(SplitList(Value("Parameter Sets")));
            if (parameter.ParameterSets.Count == 0)
            {
                parameter.ParameterSets.Add("(All)");
            }

            parameter.Aliases.AddRange(SplitList(Value("Aliases")));
            parameter.AcceptedValues.AddRange(SplitList(Value("Accepted values")));
            parameter.Position = Value("Position") is { Length: > 0 } position ? position : "Named";
            parameter.DefaultValue = Value("Default value");
            parameter.Globbing = bool.TryParse(Value("Accept wildcard characters"), out var globbing) && globbing;

            var required = Value("Required");
            if (bool.TryParse(required, out var isRequired))
            {
                parameter.Required = isRequired;
            }
            else
            {
                // "True (SetA, SetB)": required in the sets named, which is what MAML's single flag cannot say; PlatyPS
                // marks the parameter required if it is required in any of its sets.
                var match = RequiredInSets.Match(required);
                var inAllSets = parameter.ParameterSets.Contains("(All)");
                parameter.Required = match.Success && SplitList(match.Groups["sets"].Value)
                    .Any(set => inAllSets || parameter.ParameterSets.Contains(set, StringComparer.OrdinalIgnoreCase));
            }

            (parameter.ByValue, parameter.ByPropertyName) = ParsePipelineInput(Value("Accept pipeline input"));
        }

        /// <summary>
        /// The spellings platyPS has used: <c>True (ByPropertyName, ByValue)</c>, <c>ByValue (False), ByName (True)</c> and
        /// the newer <c>ByName (True), ByValue (False)</c>. A bare <c>True</c> means both, as PlatyPS reads it.
        /// </summary>
        public static (bool ByValue, bool ByPropertyName) ParsePipelineInput(string text)
        {
            var value = text.Trim();
            if (value.Length == 0 || value.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                return (false, false);
            }

            if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
            {
                return (true, true);
            }

            var newer = ByNameByValue.Match(value);
            if (newer.Success)
            {
                return (IsTrue(newer.Groups["value"].Value), IsTrue(newer.Groups["name"].Value));
            }

            var older = ByValueByName.Match(value);
            if (older.Success)
            {
                return (IsTrue(older.Groups["value"].Value), IsTrue(older.Groups["name"].Value));
            }

            return (TrueByValue.IsMatch(value), TrueByPropertyName.IsMatch(value));

            static bool IsTrue(string s) => s.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        private static IEnumerable<TypeHelp> ReadTypes(MarkdownSource md, MarkdownHeading section, int end)
        {
            foreach (var heading in md.Headings.Where(h => h.Level == 3 && h.Line > section.Line && h.Line < end))
            {
                var typeEnd = Math.Min(md.NextHeading(heading.Line)?.Line ?? md.Lines.Count, end);
                yield return new TypeHelp(heading.Text, md.Text(heading.Line + 1, typeEnd));
            }
        }

        /// <summary>Related links may be paragraphs of links or a list of them; both are read, in order.</summary>
        private static IEnumerable<LinkHelp> ReadLinks(MarkdownSource md, int start, int end)
        {
            for (var i = start; i < end; i++)
            {
                if (md.IsInFence(i))
                {
                    continue;
                }

                foreach (Match link in LinkPattern.Matches(md.Lines[i]))
                {
                    yield return new LinkHelp(link.Groups["text"].Value, link.Groups["url"].Value);
                }
            }
        }

        private static IEnumerable<string> SplitList(string text) =>
            text.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0);
    }
}
