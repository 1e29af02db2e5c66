using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EmbedAdmin.HelpGen.Maml;
using Xunit;

namespace EmbedAdmin.HelpGen.Tests
{
    /// <summary>
    /// HelpGen against what Microsoft.PowerShell.PlatyPS 1.0.3 made of the same pages (Samples/platyps-1.0.3): the same
    /// content throughout, the same bytes outside the examples but for dev:defaultValue, and the examples in
    /// PowerShell's own layout instead of PlatyPS's.
    /// </summary>
    public class PlatyPsSampleTests
    {
        private static readonly XNamespace Maml = MamlWriter.MamlNamespace;
        private static readonly XNamespace Command = MamlWriter.CommandNamespace;
        private static readonly XNamespace Dev = MamlWriter.DevNamespace;

        private static readonly Regex ExamplesElement = new(@"<command:examples>.*?</command:examples>", RegexOptions.Singleline | RegexOptions.CultureInvariant);

        private static readonly string Sample = File.ReadAllText(RepoPaths.SampleMaml);
        private static readonly string Generated = MamlWriter.Write(MarkdownHelpReader.ReadDirectory(RepoPaths.SampleDocs));

        [Fact]
        public void HelpGenSaysWhatPlatyPsSays()
        {
            var differences = MamlComparer.Compare(Generated, Sample);

            Assert.True(differences.Count == 0, string.Join("\n", differences));
            Assert.Equal(4, MamlReader.Read(Sample).Count);
        }

        [Fact]
        public void HelpGenWritesPlatyPsBytesOutsideTheExamplesExceptDefaultValues()
        {
            var withoutDefaults = MamlWriter.Write(MarkdownHelpReader.ReadDirectory(RepoPaths.SampleDocs), new MamlWriterOptions { IncludeDefaultValues = false });

            Assert.Equal(WithoutExamples(Sample), WithoutExamples(withoutDefaults));
        }

        [Fact]
        public void DefaultValuesAreTheOnlyAdditionOutsideTheExamples()
        {
            var extra = WithoutExamples(Generated).Split('\n').Except(WithoutExamples(Sample).Split('\n')).Select(l => l.Trim()).Distinct().ToList();

            Assert.NotEmpty(extra);
            Assert.All(extra, l => Assert.Matches("^<dev:defaultValue>[^<]*</dev:defaultValue>$", l));
            Assert.Contains("<dev:defaultValue>5</dev:defaultValue>", extra);
        }

        /// <summary>
        /// The deliberate difference: PlatyPS 1.0.3 puts an example's whole body, ``` fences included, into
        /// maml:introduction with U+0080 spacer paragraphs and leaves dev:code empty, so Get-Help shows the fences;
        /// HelpGen writes the code, unfenced, into dev:code and the text into dev:remarks. Both say the same thing.
        /// </summary>
        [Fact]
        public void ExamplesSayTheSameInPowerShellsOwnLayout()
        {
            var sample = Examples(Sample);
            var generated = Examples(Generated);

            Assert.Equal(sample.Count, generated.Count);
            Assert.True(sample.Count >= 10, $"only {sample.Count} examples in the sample");
            for (var i = 0; i < sample.Count; i++)
            {
                var (platy, helpGen) = (sample[i], generated[i]);
                Assert.Equal(platy.Element(Maml + "title")!.Value, helpGen.Element(Maml + "title")!.Value);

                Assert.StartsWith("```powershell\n", platy.Element(Maml + "introduction")!.Elements(Maml + "para").First().Value);
                Assert.Equal(string.Empty, platy.Element(Dev + "code")!.Value);

                Assert.Empty(helpGen.Element(Maml + "introduction")!.Nodes());
                var code = helpGen.Element(Dev + "code")!.Value;
                Assert.NotEmpty(code);
                Assert.DoesNotContain("```", helpGen.ToString());
                Assert.DoesNotContain(MamlWriter.ExampleSpacer, helpGen.Value);
                Assert.Contains(code.Split('\n')[0], platy.Element(Maml + "introduction")!.Value);
            }

            Assert.Contains(MamlWriter.ExampleSpacer, string.Concat(sample.Select(e => e.Value)));
            var readSample = MamlReader.Read(Sample).SelectMany(c => c.Examples).ToList();
            var readGenerated = MamlReader.Read(Generated).SelectMany(c => c.Examples).ToList();
            Assert.Equal(readSample.Select(e => string.Join("\n", e.Code) + "\n" + string.Join("\n", e.Remarks)), readGenerated.Select(e => string.Join("\n", e.Code) + "\n" + string.Join("\n", e.Remarks)));
        }

        private static List<XElement> Examples(string xml) => XDocument.Parse(xml).Root!.Descendants(Command + "example").ToList();

        private static string WithoutExamples(string xml) => ExamplesElement.Replace(xml, "<command:examples />");

        [Fact]
        public void TheSampleHasPlatyPsOddities()
        {
            // If a PlatyPS upgrade changes these, the writer's comments and MamlReader's normalisations need a look.
            Assert.Contains("<maml:para>&#x80;</maml:para>", Sample);
            Assert.Contains("<dev:code />", Sample);
            Assert.DoesNotContain("defaultValue", Sample);
            Assert.Contains("aliases=\"none\"", Sample);
            Assert.Contains("position=\"named\"", Sample);
            Assert.Contains("position=\"Named\"", Sample);
        }

        public static TheoryData<string, string> Mutations() => new()
        {
            { "synopsis", "Connect-EmbedAdmin: synopsis" },
            { "description", "Set-EmbedAccess: description (part 3)" },
            { "verb", "Disconnect-EmbedAdmin: verb" },
            { "required", "Set-EmbedAccess: parameter -EmbedId: required" },
            { "position", "Set-EmbedAccess: parameter -EmbedId: position" },
            { "pipeline", "Disconnect-EmbedAdmin: parameter -Session: pipeline input by value" },
            { "alias", "Connect-EmbedAdmin: parameter -DataBrainApiKey: aliases" },
            { "type", "Connect-EmbedAdmin: parameter -TimeoutSec: type" },
            { "globbing", "Set-EmbedAccess: parameter -JoinModel: wildcards" },
            { "parameter description", "Set-EmbedAccess: parameter -ThrottleLimit: description (part 2)" },
            { "parameter removed", "Set-EmbedAccess: parameter -PassThru" },
            { "syntax parameter removed", "Set-EmbedAccess: syntax item 1 (part 17)" },
            { "example code", "Get-EmbedAdminSession: example 1: code" },
            { "example remark", "Get-EmbedAdminSession: example 2: remarks" },
            { "example title", "Connect-EmbedAdmin: example 3: title" },
            { "example removed", "Set-EmbedAccess: number of examples" },
            { "input", "Connect-EmbedAdmin: input types" },
            { "output description", "Get-EmbedAdminSession: output EmbedAdmin.Core.Sessions.EmbedAdminSession: description" },
            { "notes", "Disconnect-EmbedAdmin: notes (part 1)" },
            { "link", "Set-EmbedAccess: related links (part 5)" },
            { "command removed", "Get-EmbedAdminSession: command" },
        };

        [Theory]
        [MemberData(nameof(Mutations))]
        public void AChangeToTheSampleIsReported(string mutation, string expectedItem)
        {
            var document = XDocument.Parse(Sample, LoadOptions.PreserveWhitespace);
            Mutate(document, mutation);

            var differences = MamlComparer.Compare(Generated, document.ToString(SaveOptions.DisableFormatting));

            var reported = Assert.Single(differences);
            Assert.Equal(expectedItem, $"{reported.Command}: {reported.Item}");
        }

        private static void Mutate(XDocument document, string mutation)
        {
            XElement CommandNamed(string name) => document.Root!.Elements(Command + "command").Single(c => c.Element(Command + "details")!.Element(Command + "name")!.Value == name);
            XElement ParameterOf(string command, string name) => CommandNamed(command).Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == name);
            XElement Para(XElement element) => element.Descendants(Maml + "para").First();

            switch (mutation)
            {
                case "synopsis":
                    Para(CommandNamed("Connect-EmbedAdmin").Element(Command + "details")!).Value = "Connects.";
                    break;
                case "description":
                    var description = Para(CommandNamed("Set-EmbedAccess").Element(Maml + "description")!);
                    description.Value = description.Value.Replace("An empty or blank value means", "An empty value means");
                    break;
                case "verb":
                    CommandNamed("Disconnect-EmbedAdmin").Element(Command + "details")!.Element(Command + "verb")!.Value = "Remove";
                    break;
                case "required":
                    ParameterOf("Set-EmbedAccess", "EmbedId").SetAttributeValue("required", "false");
                    break;
                case "position":
                    ParameterOf("Set-EmbedAccess", "EmbedId").SetAttributeValue("position", "1");
                    break;
                case "pipeline":
                    ParameterOf("Disconnect-EmbedAdmin", "Session").SetAttributeValue("pipelineInput", "true (ByPropertyName)");
                    break;
                case "alias":
                    ParameterOf("Connect-EmbedAdmin", "DataBrainApiKey").SetAttributeValue("aliases", "Key");
                    break;
                case "type":
                    ParameterOf("Connect-EmbedAdmin", "TimeoutSec").Element(Dev + "type")!.Element(Maml + "name")!.Value = "Int64";
                    break;
                case "globbing":
                    ParameterOf("Set-EmbedAccess", "JoinModel").SetAttributeValue("globbing", "true");
                    break;
                case "parameter description":
                    var throttle = ParameterOf("Set-EmbedAccess", "ThrottleLimit").Element(Maml + "description")!;
                    throttle.Add(new XElement(Maml + "para", "A new paragraph."));
                    break;
                case "parameter removed":
                    ParameterOf("Set-EmbedAccess", "PassThru").Remove();
                    break;
                case "syntax parameter removed":
                    CommandNamed("Set-EmbedAccess").Element(Command + "syntax")!.Descendants(Command + "parameter")
                        .Single(p => p.Element(Maml + "name")!.Value == "ThrottleLimit").Remove();
                    break;
                case "example code":
                    var code = Para(CommandNamed("Get-EmbedAdminSession").Element(Command + "examples")!);
                    code.Value = code.Value.Replace("Get-EmbedAdminSession", "Get-EmbedAdminSession -Verbose");
                    break;
                case "example remark":
                    var remark = CommandNamed("Get-EmbedAdminSession").Element(Command + "examples")!.Elements(Command + "example").ElementAt(1)
                        .Descendants(Maml + "para").Last();
                    remark.Value += " Really.";
                    break;
                case "example title":
                    CommandNamed("Connect-EmbedAdmin").Element(Command + "examples")!.Elements(Command + "example").ElementAt(2)
                        .Element(Maml + "title")!.Value = "--------- Example 3: Something else ---------";
                    break;
                case "example removed":
                    CommandNamed("Set-EmbedAccess").Element(Command + "examples")!.Elements(Command + "example").Last().Remove();
                    break;
                case "input":
                    CommandNamed("Connect-EmbedAdmin").Element(Command + "inputTypes")!.Descendants(Maml + "name").First().Value = "System.String";
                    break;
                case "output description":
                    Para(CommandNamed("Get-EmbedAdminSession").Element(Command + "returnValues")!).Value = "A session.";
                    break;
                case "notes":
                    Para(CommandNamed("Disconnect-EmbedAdmin").Element(Maml + "alertSet")!).Value = "No notes.";
                    break;
                case "link":
                    CommandNamed("Set-EmbedAccess").Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink").Last()
                        .Element(Maml + "uri")!.Value = "https://example.com/moved";
                    break;
                case "command removed":
                    CommandNamed("Get-EmbedAdminSession").Remove();
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null);
            }
        }
    }
}
