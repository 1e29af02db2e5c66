using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using EmbedAdmin.HelpGen.Markdown;

namespace EmbedAdmin.HelpGen.Maml
{
    public sealed class MamlWriterOptions
    {
        /// <summary>
        /// Write <c>dev:defaultValue</c> for each parameter. PlatyPS 1.0.3 never writes it (its MAML Parameter class has no
        /// such member), so Get-Help -Full shows no default value; HelpGen writes the yaml <c>Default value</c>, which is
        /// where Get-Help looks for it. Off only to compare HelpGen's output with PlatyPS's byte for byte.
        /// </summary>
        public bool IncludeDefaultValues { get; set; } = true;
    }

    /// <summary>
    /// Writes the MAML that PowerShell's Get-Help reads for a binary module (<c>&lt;Assembly&gt;.dll-Help.xml</c>), in the
    /// shape Microsoft.PowerShell.PlatyPS 1.0.3 gives it (Export-MamlCommandHelp, MamlConversionHelper): same elements in
    /// the same order, same attributes, same text, same indentation. Where PlatyPS's shape is odd, the oddity is matched
    /// so that en-US/ does not change with the generator that wrote it, and each is marked "PlatyPS 1.0.3:" below;
    /// MamlComparer then treats the odd and the plain form alike. The deliberate differences are dev:defaultValue and
    /// the examples (see WriteExample), which PlatyPS 1.0.3 lays out so that Get-Help shows Markdown fences.
    /// </summary>
    public static class MamlWriter
    {
        public const string MshNamespace = "http://msh";
        public const string MamlNamespace = "http://schemas.microsoft.com/maml/2004/10";
        public const string CommandNamespace = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        public const string DevNamespace = "http://schemas.microsoft.com/maml/dev/2004/10";

        /// <summary>
        /// PlatyPS 1.0.3 puts this paragraph between the blank-line-separated pieces of an example, so that Get-Help, which
        /// drops empty paragraphs, still leaves a line between them. U+0080 is a C1 control character: most terminals
        /// show nothing for it, some show a box. HelpGen never writes it; MamlReader drops it.
        /// </summary>
        public const char ExampleSpacer = '\u0080';

        /// <summary>How a code block is set off in a paragraph, fences dropped (markdown's indented code block; TextNormalizer reads it as code).</summary>
        public const string RemarkCodeIndent = "    ";

        public static string Write(IEnumerable<CommandHelp> commands, MamlWriterOptions? options = null) =>
            new UTF8Encoding(false).GetString(WriteBytes(commands, options));

        public static byte[] WriteBytes(IEnumerable<CommandHelp> commands, MamlWriterOptions? options = null)
        {
            options ??= new MamlWriterOptions();
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(false),
                Indent = true,
                IndentChars = "  ",
                NewLineChars = "\n",
            };

            using var stream = new MemoryStream();
            using (var xml = XmlWriter.Create(stream, settings))
            {
                xml.WriteStartDocument();
                xml.WriteStartElement("helpItems", MshNamespace);
                xml.WriteAttributeString("xmlns", "maml", null, MamlNamespace);
                xml.WriteAttributeString("xmlns", "command", null, CommandNamespace);
                xml.WriteAttributeString("xmlns", "dev", null, DevNamespace);
                xml.WriteAttributeString("schema", "maml");
                foreach (var command in commands)
                {
                    WriteCommand(xml, command, options);
                }

                xml.WriteEndElement();
            }

            return stream.ToArray();
        }

        /// <summary>Writes one MAML file per external help file named in the pages, as Export-MamlCommandHelp does.</summary>
        public static IReadOnlyList<string> WriteFiles(IEnumerable<CommandHelp> commands, string outputDirectory, MamlWriterOptions? options = null)
        {
            Directory.CreateDirectory(outputDirectory);
            var written = new List<string>();
            foreach (var group in commands.GroupBy(c => c.ExternalHelpFile, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var path = Path.Combine(outputDirectory, group.Key);
                File.WriteAllBytes(path, WriteBytes(group, options));
                written.Add(path);
            }

            return written;
        }

        private static void WriteCommand(XmlWriter xml, CommandHelp command, MamlWriterOptions options)
        {
            xml.WriteStartElement("command", "command", CommandNamespace);

            xml.WriteStartElement("command", "details", CommandNamespace);
            xml.WriteElementString("command", "name", CommandNamespace, command.Name);
            WriteParagraphs(xml, "description", MamlNamespace, new[] { command.Synopsis });
            var verbNoun = command.Name.Split('-');
            xml.WriteElementString("command", "verb", CommandNamespace, verbNoun.Length == 2 ? verbNoun[0] : command.Name);
            xml.WriteElementString("command", "noun", CommandNamespace, verbNoun.Length == 2 ? verbNoun[1] : string.Empty);
            xml.WriteEndElement();

            // PlatyPS 1.0.3: the whole description is one paragraph, blank lines and all, "to get better formatting"
            // (Get-Help keeps the line breaks of a paragraph). Notes, and each input and output, likewise.
            WriteParagraphs(xml, "description", MamlNamespace, new[] { command.Description });

            xml.WriteStartElement("command", "syntax", CommandNamespace);
            foreach (var block in command.Syntax)
            {
                WriteSyntaxItem(xml, block, command.Parameters);
            }

            xml.WriteEndElement();

            xml.WriteStartElement("command", "parameters", CommandNamespace);
            // PlatyPS 1.0.3 sorts parameters by name with string.CompareTo, a culture comparison; HelpGen runs with
            // invariant globalization, where that is the invariant culture's order.
            foreach (var parameter in command.Parameters.OrderBy(p => p.Name, StringComparer.InvariantCulture))
            {
                WriteParameter(xml, parameter, options);
            }

            xml.WriteEndElement();

            WriteTypes(xml, "inputTypes", "inputType", command.Inputs);
            WriteTypes(xml, "returnValues", "returnValue", command.Outputs);

            xml.WriteStartElement("maml", "alertSet", MamlNamespace);
            xml.WriteStartElement("maml", "alert", MamlNamespace);
            xml.WriteElementString("maml", "para", MamlNamespace, WithoutFences(command.Notes));
            xml.WriteEndElement();
            xml.WriteEndElement();

            xml.WriteStartElement("command", "examples", CommandNamespace);
            foreach (var example in command.Examples)
            {
                WriteExample(xml, example);
            }

            xml.WriteEndElement();

            xml.WriteStartElement("command", "relatedLinks", CommandNamespace);
            if (command.OnlineVersion.Length > 0)
            {
                WriteLink(xml, new LinkHelp("Online Version", command.OnlineVersion));
            }

            foreach (var link in command.RelatedLinks)
            {
                WriteLink(xml, link);
            }

            xml.WriteEndElement();

            xml.WriteEndElement();
        }

        /// <summary>
        /// PlatyPS 1.0.3 builds syntax items from the syntax text, not from the parameters: pipelineInput is always
        /// false, variableLength false, the description empty, a switch's type is written in full
        /// (System.Management.Automation.SwitchParameter) and without its aliases, and a position is "named" in lower case.
        /// Get-Help uses syntax items only to print the SYNTAX lines, where none of that shows.
        /// </summary>
        private static void WriteSyntaxItem(XmlWriter xml, SyntaxBlock block, IReadOnlyList<ParameterHelp> parameters)
        {
            xml.WriteStartElement("command", "syntaxItem", CommandNamespace);
            xml.WriteElementString("maml", "name", MamlNamespace, block.CommandName);
            foreach (var syntaxParameter in SyntaxParser.Sorted(block.Parameters))
            {
                var parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, syntaxParameter.Name, StringComparison.Ordinal));
                var aliases = !syntaxParameter.IsSwitch && parameter is not null ? parameter.Aliases : new List<string>();
                xml.WriteStartElement("command", "parameter", CommandNamespace);
                WriteParameterAttributes(xml, syntaxParameter.IsMandatory, false, false, "false", syntaxParameter.Position, aliases);
                xml.WriteElementString("maml", "name", MamlNamespace, syntaxParameter.Name);
                WriteParagraphs(xml, "description", MamlNamespace, Array.Empty<string>());
                if (syntaxParameter.IsSwitch)
                {
                    WriteType(xml, "System.Management.Automation.SwitchParameter");
                }
                else
                {
                    if (parameter is not null)
                    {
                        WriteAcceptedValues(xml, parameter);
                    }

                    WriteParameterValue(xml, syntaxParameter.Type, variableLength: false);
                    if (parameter is not null)
                    {
                        WriteType(xml, parameter.Type);
                    }
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        private static void WriteParameter(XmlWriter xml, ParameterHelp parameter, MamlWriterOptions options)
        {
            xml.WriteStartElement("command", "parameter", CommandNamespace);
            WriteParameterAttributes(xml, parameter.Required, false, parameter.Globbing, PipelineInput(parameter), parameter.Position, parameter.Aliases);
            xml.WriteElementString("maml", "name", MamlNamespace, parameter.Name);
            // PlatyPS 1.0.3 splits a parameter's description at blank lines, unlike every other text.
            WriteParagraphs(xml, "description", MamlNamespace, WithoutFences(parameter.Description).Split("\n\n").Select(p => p.Trim()));
            WriteAcceptedValues(xml, parameter);
            if (!parameter.IsSwitch)
            {
                // PlatyPS 1.0.3 marks the value variableLength="true" here and "false" in syntax items; nothing reads it.
                WriteParameterValue(xml, parameter.Type, variableLength: true);
            }

            WriteType(xml, parameter.Type);
            if (options.IncludeDefaultValues)
            {
                xml.WriteElementString("dev", "defaultValue", DevNamespace, parameter.DefaultValue);
            }

            xml.WriteEndElement();
        }

        private static void WriteParameterAttributes(XmlWriter xml, bool required, bool variableLength, bool globbing, string pipelineInput, string position, IReadOnlyList<string> aliases)
        {
            xml.WriteAttributeString("required", Bool(required));
            xml.WriteAttributeString("variableLength", Bool(variableLength));
            xml.WriteAttributeString("globbing", Bool(globbing));
            xml.WriteAttributeString("pipelineInput", pipelineInput);
            xml.WriteAttributeString("position", position);
            // PlatyPS 1.0.3 writes "none" rather than leaving the attribute out, as MAML from PowerShell's own cmdlets does.
            xml.WriteAttributeString("aliases", aliases.Count > 0 ? string.Join(", ", aliases) : "none");
        }

        /// <summary>Always ByValue before ByPropertyName, whichever order the yaml block gives them in.</summary>
        private static string PipelineInput(ParameterHelp parameter) => (parameter.ByValue, parameter.ByPropertyName) switch
        {
            (true, true) => "true (ByValue, ByPropertyName)",
            (true, false) => "true (ByValue)",
            (false, true) => "true (ByPropertyName)",
            _ => "false",
        };

        private static void WriteAcceptedValues(XmlWriter xml, ParameterHelp parameter)
        {
            if (parameter.AcceptedValues.Count == 0)
            {
                return;
            }

            xml.WriteStartElement("command", "parameterValueGroup", CommandNamespace);
            foreach (var value in parameter.AcceptedValues)
            {
                xml.WriteStartElement("command", "parameterValue", CommandNamespace);
                xml.WriteAttributeString("required", "false");
                xml.WriteAttributeString("variableLength", "false");
                xml.WriteString(value);
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        private static void WriteParameterValue(XmlWriter xml, string type, bool variableLength)
        {
            xml.WriteStartElement("command", "parameterValue", CommandNamespace);
            xml.WriteAttributeString("required", "true");
            xml.WriteAttributeString("variableLength", Bool(variableLength));
            xml.WriteString(type);
            xml.WriteEndElement();
        }

        private static void WriteType(XmlWriter xml, string name)
        {
            xml.WriteStartElement("dev", "type", DevNamespace);
            xml.WriteElementString("maml", "name", MamlNamespace, name);
            xml.WriteEndElement();
        }

        private static void WriteTypes(XmlWriter xml, string listName, string itemName, IReadOnlyList<TypeHelp> types)
        {
            xml.WriteStartElement("command", listName, CommandNamespace);
            foreach (var type in types)
            {
                xml.WriteStartElement("command", itemName, CommandNamespace);
                WriteType(xml, type.TypeName);
                WriteParagraphs(xml, "description", MamlNamespace, new[] { type.Description });
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        /// <summary>
        /// Writes an example the way PowerShell's own MAML does, so that Get-Help shows its code as code: the first run of
        /// code blocks (the command, and the output block that usually follows it) goes into dev:code without its fence
        /// lines, blocks joined by a blank line; every other block goes into dev:remarks, one maml:para each, in the order
        /// of the page. Get-Help trims each paragraph, so a code block among the remarks (output shown after some prose)
        /// joins the paragraph before it, after a blank line, indented by <see cref="RemarkCodeIndent"/>, where its lines
        /// keep their indentation. An empty last paragraph makes Get-Help leave a blank line before the next example, as
        /// PowerShell's own help does. maml:introduction stays empty: Get-Help prints it on the line of the code, as a
        /// prompt.
        /// This is HelpGen's deliberate difference in shape from PlatyPS 1.0.3, which writes the whole body, fences
        /// included, into maml:introduction with U+0080 spacer paragraphs and leaves dev:code empty (platyPS issues #792
        /// and #799), so that Get-Help shows ``` lines and C1 control characters.
        /// </summary>
        private static void WriteExample(XmlWriter xml, ExampleHelp example)
        {
            var blocks = MarkdownBlocks.Parse(example.Body);
            var codeStart = blocks.TakeWhile(b => b is not CodeBlock).Count();
            var code = blocks.Skip(codeStart).TakeWhile(b => b is CodeBlock).Cast<CodeBlock>().ToList();
            var remarks = new List<string>();
            foreach (var block in blocks.Take(codeStart).Concat(blocks.Skip(codeStart + code.Count)))
            {
                if (block is CodeBlock codeBlock)
                {
                    var indented = string.Join("\n", IndentCode(CodeText(codeBlock.Lines).Split('\n')));
                    if (remarks.Count > 0)
                    {
                        remarks[^1] += "\n\n" + indented;
                    }
                    else
                    {
                        remarks.Add(indented);
                    }
                }
                else
                {
                    remarks.Add(RemarkText(block));
                }
            }

            remarks.Add(string.Empty);
            xml.WriteStartElement("command", "example", CommandNamespace);
            xml.WriteElementString("maml", "title", MamlNamespace, $"--------- {example.Title} ---------");
            xml.WriteStartElement("maml", "introduction", MamlNamespace);
            xml.WriteEndElement();
            xml.WriteElementString("dev", "code", DevNamespace, string.Join("\n\n", code.Select(c => CodeText(c.Lines))));
            WriteParagraphs(xml, "remarks", DevNamespace, remarks);
            xml.WriteEndElement();
        }

        /// <summary>A prose block of an example's remarks as one paragraph: text as written, list items on their own lines.</summary>
        private static string RemarkText(MarkdownBlock block) => block switch
        {
            ListBlock list => string.Join("\n", list.Items.Select(i => new string(' ', 2 * i.Depth) + i.Marker + " " + i.Text.Replace("\n", "\n" + new string(' ', 2 * i.Depth + i.Marker.Length + 1)))),
            TableBlock table => string.Join("\n", new[] { table.Header }.Concat(table.Rows).Select(r => "| " + string.Join(" | ", r) + " |")),
            ParagraphBlock paragraph => paragraph.Text,
            HeadingBlock heading => heading.Text,
            _ => throw new ArgumentOutOfRangeException(nameof(block), block.GetType().Name, null),
        };

        private static string CodeText(IReadOnlyList<string> lines) => string.Join("\n", lines).Trim('\n');

        private static void WriteLink(XmlWriter xml, LinkHelp link)
        {
            xml.WriteStartElement("maml", "navigationLink", MamlNamespace);
            xml.WriteElementString("maml", "linkText", MamlNamespace, link.Text);
            xml.WriteElementString("maml", "uri", MamlNamespace, link.Uri);
            xml.WriteEndElement();
        }

        /// <summary>Each paragraph <see cref="WithoutFences"/>: Get-Help prints a paragraph's text as it is.</summary>
        private static void WriteParagraphs(XmlWriter xml, string elementName, string ns, IEnumerable<string> paragraphs)
        {
            xml.WriteStartElement(ns == MamlNamespace ? "maml" : "dev", elementName, ns);
            foreach (var paragraph in paragraphs)
            {
                xml.WriteElementString("maml", "para", MamlNamespace, WithoutFences(paragraph));
            }

            xml.WriteEndElement();
        }

        /// <summary>
        /// Markdown text with each fenced code block turned into its lines indented by <see cref="RemarkCodeIndent"/>, the
        /// fence lines dropped; markdown reads such a block, after a blank line, as code too. PlatyPS 1.0.3 keeps the
        /// fences, and Get-Help shows them.
        /// </summary>
        public static string WithoutFences(string markdown)
        {
            if (!markdown.Contains("```", StringComparison.Ordinal) && !markdown.Contains("~~~", StringComparison.Ordinal))
            {
                return markdown;
            }

            var source = MarkdownSource.Parse(markdown);
            var lines = new List<string>();
            for (var i = 0; i < source.Lines.Count; i++)
            {
                var fence = source.Fences.FirstOrDefault(f => f.StartLine == i);
                if (fence is null)
                {
                    lines.Add(source.Lines[i]);
                    continue;
                }

                lines.AddRange(IndentCode(fence.Content));
                i = fence.EndLine;
            }

            return string.Join("\n", lines);
        }

        private static IEnumerable<string> IndentCode(IEnumerable<string> lines) =>
            lines.Select(l => l.TrimEnd()).Select(l => l.Length > 0 ? RemarkCodeIndent + l : l);

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
