using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

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
    /// MamlComparer then treats the odd and the plain form alike. The only deliberate difference is dev:defaultValue.
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
        /// show nothing for it, some show a box.
        /// </summary>
        public const char ExampleSpacer = '\u0080';

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
            xml.WriteElementString("maml", "para", MamlNamespace, command.Notes);
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
            WriteParagraphs(xml, "description", MamlNamespace, parameter.Description.Split("\n\n").Select(p => p.Trim()));
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
        /// PlatyPS 1.0.3 writes the whole example body, code fences included, into maml:introduction, split at blank lines
        /// with a U+0080 paragraph between the pieces, and leaves dev:code and dev:remarks empty (platyPS issues #792 and
        /// #799, closed as by design). Get-Help -Examples therefore shows the ``` lines and no "PS &gt;" prompt. The split
        /// also cuts a code block at its blank lines and trims each piece, so a code line that follows a blank line
        /// loses its indentation.
        /// </summary>
        private static void WriteExample(XmlWriter xml, ExampleHelp example)
        {
            xml.WriteStartElement("command", "example", CommandNamespace);
            xml.WriteElementString("maml", "title", MamlNamespace, $"--------- {example.Title} ---------");
            xml.WriteStartElement("maml", "introduction", MamlNamespace);
            var pieces = example.Body.Split("\n\n").Select(p => p.Trim()).ToList();
            for (var i = 0; i < pieces.Count; i++)
            {
                if (i > 0)
                {
                    xml.WriteStartElement("maml", "para", MamlNamespace);
                    xml.WriteCharEntity(ExampleSpacer);
                    xml.WriteEndElement();
                }

                xml.WriteElementString("maml", "para", MamlNamespace, pieces[i]);
            }

            xml.WriteEndElement();
            xml.WriteElementString("dev", "code", DevNamespace, string.Empty);
            xml.WriteStartElement("dev", "remarks", DevNamespace);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        private static void WriteLink(XmlWriter xml, LinkHelp link)
        {
            xml.WriteStartElement("maml", "navigationLink", MamlNamespace);
            xml.WriteElementString("maml", "linkText", MamlNamespace, link.Text);
            xml.WriteElementString("maml", "uri", MamlNamespace, link.Uri);
            xml.WriteEndElement();
        }

        private static void WriteParagraphs(XmlWriter xml, string elementName, string ns, IEnumerable<string> paragraphs)
        {
            xml.WriteStartElement(ns == MamlNamespace ? "maml" : "dev", elementName, ns);
            foreach (var paragraph in paragraphs)
            {
                xml.WriteElementString("maml", "para", MamlNamespace, paragraph);
            }

            xml.WriteEndElement();
        }

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
