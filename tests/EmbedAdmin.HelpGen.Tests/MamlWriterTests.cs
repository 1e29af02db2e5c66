using System.Linq;
using System.Xml.Linq;
using EmbedAdmin.HelpGen.Maml;
using Xunit;

namespace EmbedAdmin.HelpGen.Tests
{
    public class MamlWriterTests
    {
        private static readonly XNamespace Msh = MamlWriter.MshNamespace;
        private static readonly XNamespace Maml = MamlWriter.MamlNamespace;
        private static readonly XNamespace Command = MamlWriter.CommandNamespace;
        private static readonly XNamespace Dev = MamlWriter.DevNamespace;

        private static readonly string Xml = MamlWriter.Write(new[] { MarkdownHelpReader.Read(Pages.GetThing) });
        private static readonly XElement Cmd = XDocument.Parse(Xml).Root!.Element(Command + "command")!;

        private static XElement Parameter(string name) =>
            Cmd.Element(Command + "parameters")!.Elements(Command + "parameter").Single(p => (string)p.Element(Maml + "name")! == name);

        private static XElement SyntaxParameter(string name) =>
            Cmd.Element(Command + "syntax")!.Element(Command + "syntaxItem")!.Elements(Command + "parameter").Single(p => (string)p.Element(Maml + "name")! == name);

        [Fact]
        public void RootIsMamlHelpItemsAsGetHelpExpects()
        {
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<helpItems xmlns:maml=", Xml);
            var root = XDocument.Parse(Xml).Root!;
            Assert.Equal(Msh + "helpItems", root.Name);
            Assert.Equal("maml", (string?)root.Attribute("schema"));
            Assert.Single(root.Elements(Command + "command"));
        }

        [Fact]
        public void DetailsHoldNameSynopsisVerbAndNoun()
        {
            var details = Cmd.Element(Command + "details")!;

            Assert.Equal("Get-Thing", (string?)details.Element(Command + "name"));
            Assert.Equal("Gets things.", (string?)details.Element(Maml + "description")!.Element(Maml + "para"));
            Assert.Equal("Get", (string?)details.Element(Command + "verb"));
            Assert.Equal("Thing", (string?)details.Element(Command + "noun"));
        }

        [Fact]
        public void DescriptionIsOneParagraphWithItsBlankLinesAsInPlatyPs()
        {
            var para = Assert.Single(Cmd.Element(Maml + "description")!.Elements(Maml + "para"));

            Assert.Equal("The first paragraph\ngoes on here.\n\nThe second paragraph.", para.Value);
        }

        [Fact]
        public void ParametersAreSortedAndCarryTheirAttributes()
        {
            Assert.Equal(new[] { "Force", "Name" }, Cmd.Element(Command + "parameters")!.Elements(Command + "parameter").Select(p => (string)p.Element(Maml + "name")!));

            var name = Parameter("Name");
            Assert.Equal("true", (string?)name.Attribute("required"));
            Assert.Equal("0", (string?)name.Attribute("position"));
            Assert.Equal("true (ByValue, ByPropertyName)", (string?)name.Attribute("pipelineInput"));
            Assert.Equal("true", (string?)name.Attribute("globbing"));
            Assert.Equal("N, ThingName", (string?)name.Attribute("aliases"));
            Assert.Equal(new[] { "The name.", "More about the name." }, name.Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value));
            Assert.Equal("String", (string?)name.Element(Command + "parameterValue"));
            Assert.Equal("String", (string?)name.Element(Dev + "type")!.Element(Maml + "name"));
        }

        [Fact]
        public void SwitchHasNoParameterValueAndNoAliasesReadNone()
        {
            var force = Parameter("Force");

            Assert.Null(force.Element(Command + "parameterValue"));
            Assert.Equal("SwitchParameter", (string?)force.Element(Dev + "type")!.Element(Maml + "name"));
            Assert.Equal("none", (string?)force.Attribute("aliases"));
            Assert.Equal("Named", (string?)force.Attribute("position"));
            Assert.Equal("false", (string?)force.Attribute("pipelineInput"));
        }

        [Fact]
        public void DefaultValuesAreWrittenUnlessTurnedOff()
        {
            Assert.Equal("False", (string?)Parameter("Force").Element(Dev + "defaultValue"));

            var without = MamlWriter.Write(new[] { MarkdownHelpReader.Read(Pages.GetThing) }, new MamlWriterOptions { IncludeDefaultValues = false });
            Assert.DoesNotContain("defaultValue", without);
        }

        [Fact]
        public void SyntaxItemsFollowPlatyPs()
        {
            var name = SyntaxParameter("Name");
            Assert.Equal("false", (string?)name.Attribute("pipelineInput"));
            Assert.Equal("0", (string?)name.Attribute("position"));
            Assert.Equal("N, ThingName", (string?)name.Attribute("aliases"));
            Assert.Empty(name.Element(Maml + "description")!.Elements());

            var force = SyntaxParameter("Force");
            Assert.Equal("named", (string?)force.Attribute("position"));
            Assert.Equal("System.Management.Automation.SwitchParameter", (string?)force.Element(Dev + "type")!.Element(Maml + "name"));
            Assert.Null(force.Element(Command + "parameterValue"));
        }

        [Fact]
        public void ExampleCodeGoesToDevCodeWithoutFencesAndTheTextToRemarks()
        {
            var example = Cmd.Element(Command + "examples")!.Elements(Command + "example").First();

            Assert.Equal("--------- Example 1: Get one thing ---------", (string?)example.Element(Maml + "title"));
            Assert.Empty(example.Element(Maml + "introduction")!.Nodes());
            // The command and the output block that follows it, fences dropped, the blank line inside the code kept.
            Assert.Equal("Get-Thing -Name a\n# a comment, not a heading\n\nGet-Thing -Name b\n\nName\n----\na", (string?)example.Element(Dev + "code"));
            // The trailing empty paragraph is the blank line Get-Help leaves before the next example.
            Assert.Equal(new[] { "The remark.", string.Empty }, example.Element(Dev + "remarks")!.Elements(Maml + "para").Select(p => p.Value));
            Assert.DoesNotContain("```", Xml);
            Assert.DoesNotContain("&#x80;", Xml);
        }

        [Fact]
        public void CodeAfterProseJoinsTheParagraphBeforeItIndentedAndInOrder()
        {
            const string body = "```powershell\nGet-Thing -WhatIf\n```\n\nIt shows:\n\n```\nWhat if: Get thing 'a':\n  name: a\n```\n\nNothing is sent.\n\n- one\n- two";
            var help = MarkdownHelpReader.Read(Pages.GetThing);
            help.Examples[0] = new ExampleHelp("Example 1", body);
            var example = XDocument.Parse(MamlWriter.Write(new[] { help })).Root!.Descendants(Command + "example").First();

            Assert.Equal("Get-Thing -WhatIf", (string?)example.Element(Dev + "code"));
            Assert.Equal(
                new[] { "It shows:\n\n    What if: Get thing 'a':\n      name: a", "Nothing is sent.", "- one\n- two", string.Empty },
                example.Element(Dev + "remarks")!.Elements(Maml + "para").Select(p => p.Value));
        }

        [Fact]
        public void FencedCodeInADescriptionIsIndentedInstead()
        {
            var help = MarkdownHelpReader.Read(Pages.GetThing);
            help.Description = "It shows:\n\n```\nWhat if: Get thing 'a':\n  name: a\n```\n\nThen it stops.";
            var description = XDocument.Parse(MamlWriter.Write(new[] { help })).Root!.Element(Command + "command")!.Element(Maml + "description")!;

            Assert.Equal("It shows:\n\n    What if: Get thing 'a':\n      name: a\n\nThen it stops.", description.Element(Maml + "para")!.Value);
        }

        [Fact]
        public void InputsOutputsNotesAndLinks()
        {
            var inputs = Cmd.Element(Command + "inputTypes")!.Elements(Command + "inputType").ToList();
            Assert.Equal("System.String", (string?)Assert.Single(inputs).Element(Dev + "type")!.Element(Maml + "name"));
            Assert.Equal(2, Cmd.Element(Command + "returnValues")!.Elements(Command + "returnValue").Count());
            Assert.StartsWith("Error ids:\n- NotFound", Cmd.Element(Maml + "alertSet")!.Element(Maml + "alert")!.Element(Maml + "para")!.Value);
            Assert.Equal(
                new[] { "Set-Thing|Set-Thing.md", "Online docs|https://example.com/get-thing" },
                Cmd.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink").Select(l => $"{l.Element(Maml + "linkText")!.Value}|{l.Element(Maml + "uri")!.Value}"));
        }

        [Fact]
        public void OnlineVersionBecomesTheFirstLink()
        {
            var help = MarkdownHelpReader.Read(Pages.GetThing.Replace("online version:", "online version: https://example.com/online"));

            var links = XDocument.Parse(MamlWriter.Write(new[] { help })).Descendants(Maml + "navigationLink").ToList();

            Assert.Equal("Online Version", links[0].Element(Maml + "linkText")!.Value);
            Assert.Equal("https://example.com/online", links[0].Element(Maml + "uri")!.Value);
            Assert.Equal(3, links.Count);
        }
    }
}
