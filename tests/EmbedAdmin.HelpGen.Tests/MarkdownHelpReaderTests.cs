using System.Linq;
using EmbedAdmin.HelpGen.Markdown;
using Xunit;

namespace EmbedAdmin.HelpGen.Tests
{
    public class MarkdownHelpReaderTests
    {
        private static readonly CommandHelp Thing = MarkdownHelpReader.Read(Pages.GetThing, "Get-Thing.md");

        [Fact]
        public void FrontMatterGivesModuleAndHelpFile()
        {
            Assert.Equal("Demo", Thing.ModuleName);
            Assert.Equal("Demo.dll-Help.xml", Thing.ExternalHelpFile);
            Assert.Equal(string.Empty, Thing.OnlineVersion);
        }

        [Fact]
        public void WithoutExternalHelpFileTheFileIsNamedAfterTheModule()
        {
            var page = Pages.GetThing.Replace("external help file: Demo.dll-Help.xml\n", string.Empty)
                .Replace("online version:", "online version: https://example.com/online");

            var help = MarkdownHelpReader.Read(page);

            Assert.Equal("Demo-Help.xml", help.ExternalHelpFile);
            Assert.Equal("https://example.com/online", help.OnlineVersion);
        }

        [Fact]
        public void TitleAndSynopsis()
        {
            Assert.Equal("Get-Thing", Thing.Name);
            Assert.Equal("Gets things.", Thing.Synopsis);
        }

        [Fact]
        public void MultiLineSynopsisKeepsItsLineBreakAsPlatyPsDoes()
        {
            var help = MarkdownHelpReader.Read(Pages.Page("Get-Thing", "## SYNOPSIS\nOne line.\nTwo lines.   \n\n## SYNTAX\n"));

            Assert.Equal("One line.\nTwo lines.", help.Synopsis);
        }

        [Fact]
        public void SingleSyntaxBlock()
        {
            var block = Assert.Single(Thing.Syntax);

            Assert.Equal("Get-Thing", block.CommandName);
            Assert.Null(block.ParameterSetName);
            Assert.True(block.HasCommonParameters);
            Assert.Equal(
                new[] { new SyntaxParameter("Name", "String", true, "0", false), new SyntaxParameter("Force", "SwitchParameter", false, "named", true) },
                block.Parameters);
        }

        [Fact]
        public void SyntaxBlocksUnderParameterSetHeadings()
        {
            var help = MarkdownHelpReader.Read(Pages.Page("Get-Thing", """
                ## SYNTAX

                ### ByName (Default)
                ```
                Get-Thing -Name <String> [<CommonParameters>]
                ```

                ### ById
                ```
                Get-Thing -Id <Int32> [-Force] [<CommonParameters>]
                ```

                ## DESCRIPTION
                Gets.
                """));

            Assert.Equal(2, help.Syntax.Count);
            Assert.Equal(("ByName", true), (help.Syntax[0].ParameterSetName, help.Syntax[0].IsDefault));
            Assert.Equal(("ById", false), (help.Syntax[1].ParameterSetName, help.Syntax[1].IsDefault));
            Assert.Equal(new[] { "Id", "Force" }, help.Syntax[1].Parameters.Select(p => p.Name));
            Assert.Equal("Gets.", help.Description);
        }

        [Fact]
        public void SeveralSyntaxBlocksWithoutHeadingsAreAllRead()
        {
            var help = MarkdownHelpReader.Read(Pages.Page("Get-Thing", """
                ## SYNTAX

                ```
                Get-Thing -Name <String>
                ```

                ```
                Get-Thing -Id <Int32>
                ```
                """));

            Assert.Equal(new[] { "Name", "Id" }, help.Syntax.Select(s => s.Parameters.Single().Name));
        }

        [Fact]
        public void DescriptionKeepsLineBreaksAndParagraphs()
        {
            Assert.Equal("The first paragraph\ngoes on here.\n\nThe second paragraph.", Thing.Description);
        }

        [Fact]
        public void ExamplesHaveTitleAndWholeBody()
        {
            Assert.Equal(new[] { "Example 1: Get one thing", "Example 2: Force it" }, Thing.Examples.Select(e => e.Title));
            var body = Thing.Examples[0].Body;
            Assert.StartsWith("```powershell\nGet-Thing -Name a\n# a comment, not a heading\n\nGet-Thing -Name b\n```", body);
            Assert.Contains("```Output\nName\n----\na\n```", body);
            Assert.EndsWith("The remark.", body);
            Assert.Equal("```powershell\nGet-Thing -Name a -Force\n```\n\nForced.", Thing.Examples[1].Body);
        }

        [Fact]
        public void HashLinesInsideCodeAreNotHeadings()
        {
            var source = MarkdownSource.Parse(Pages.GetThing);

            Assert.DoesNotContain(source.Headings, h => h.Text.Contains("a comment"));
            Assert.Contains(source.Fences, f => f.Info == "Output");
        }

        [Fact]
        public void ParameterYamlBlock()
        {
            var name = Thing.Parameters.Single(p => p.Name == "Name");

            Assert.Equal("The name.\n\nMore about the name.", name.Description);
            Assert.Equal("String", name.Type);
            Assert.Equal(new[] { "(All)" }, name.ParameterSets);
            Assert.Equal(new[] { "N", "ThingName" }, name.Aliases);
            Assert.True(name.Required);
            Assert.Equal("0", name.Position);
            Assert.Equal("None", name.DefaultValue);
            Assert.True(name.ByValue);
            Assert.True(name.ByPropertyName);
            Assert.True(name.Globbing);

            var force = Thing.Parameters.Single(p => p.Name == "Force");
            Assert.True(force.IsSwitch);
            Assert.Empty(force.Aliases);
            Assert.False(force.Required);
            Assert.Equal("Named", force.Position);
            Assert.Equal("False", force.DefaultValue);
            Assert.False(force.ByValue || force.ByPropertyName || force.Globbing);
        }

        [Fact]
        public void AcceptedValuesAndRequiredInNamedSets()
        {
            var help = MarkdownHelpReader.Read(Pages.Page("Get-Thing", """
                ## PARAMETERS

                ### -Mode
                How.

                ```yaml
                Type: String
                Parameter Sets: ByName, ById
                Aliases:
                Accepted values: Fast, Slow

                Required: True (ById)
                Position: Named
                Default value: 'Fast'
                Accept pipeline input: ByValue (False), ByName (True)
                Accept wildcard characters: False
                ```
                """));

            var mode = Assert.Single(help.Parameters);
            Assert.Equal(new[] { "ByName", "ById" }, mode.ParameterSets);
            Assert.Equal(new[] { "Fast", "Slow" }, mode.AcceptedValues);
            Assert.True(mode.Required);
            Assert.Equal("Fast", mode.DefaultValue);
            Assert.Equal((false, true), (mode.ByValue, mode.ByPropertyName));
        }

        [Theory]
        [InlineData("False", false, false)]
        [InlineData("", false, false)]
        [InlineData("True", true, true)]
        [InlineData("True (ByValue)", true, false)]
        [InlineData("True (ByPropertyName)", false, true)]
        [InlineData("True (ByPropertyName, ByValue)", true, true)]
        [InlineData("ByValue (True), ByName (False)", true, false)]
        [InlineData("ByName (True), ByValue (False)", false, true)]
        public void PipelineInputSpellings(string text, bool byValue, bool byPropertyName) =>
            Assert.Equal((byValue, byPropertyName), MarkdownHelpReader.ParsePipelineInput(text));

        [Fact]
        public void CommonParametersIsAFlagNotAParameter()
        {
            Assert.True(Thing.HasCommonParameters);
            Assert.DoesNotContain(Thing.Parameters, p => p.Name == "CommonParameters");
            Assert.Equal(new[] { "Name", "Force" }, Thing.Parameters.Select(p => p.Name));
        }

        [Fact]
        public void ParameterWithoutYamlIsAnErrorWithItsLine()
        {
            var page = Pages.Page("Get-Thing", "## PARAMETERS\n\n### -Name\nThe name.\n\n## INPUTS\n");

            var error = Assert.Throws<HelpFormatException>(() => MarkdownHelpReader.Read(page, "Get-Thing.md"));

            Assert.Equal("Get-Thing.md", error.File);
            Assert.Equal(12, error.Line);
            Assert.Contains("-Name has no ```yaml block", error.Message);
        }

        [Fact]
        public void InputsAndOutputs()
        {
            Assert.Equal(new[] { new TypeHelp("System.String", "A name.") }, Thing.Inputs);
            Assert.Equal(new[] { new TypeHelp("Demo.Thing", "The thing."), new TypeHelp("None", "Nothing, with -WhatIf.") }, Thing.Outputs);
        }

        [Fact]
        public void NotesKeepTheirListAsMarkdown()
        {
            Assert.Equal("Error ids:\n- NotFound: there is no\n  such thing.\n- Denied: not yours.", Thing.Notes);
        }

        [Fact]
        public void RelatedLinksAsParagraphs()
        {
            Assert.Equal(new[] { new LinkHelp("Set-Thing", "Set-Thing.md"), new LinkHelp("Online docs", "https://example.com/get-thing") }, Thing.RelatedLinks);
        }

        [Fact]
        public void RelatedLinksAsAList()
        {
            var help = MarkdownHelpReader.Read(Pages.Page("Get-Thing", "## RELATED LINKS\n\n- [A](a.md)\n- [B](https://b.example)\n"));

            Assert.Equal(new[] { new LinkHelp("A", "a.md"), new LinkHelp("B", "https://b.example") }, help.RelatedLinks);
        }

        [Fact]
        public void DocsFolderListsCmdletPagesButNotAboutTopics()
        {
            var files = MarkdownHelpReader.CommandFiles(RepoPaths.SampleDocs).Select(System.IO.Path.GetFileName);

            Assert.Equal(new[] { "Connect-EmbedAdmin.md", "Disconnect-EmbedAdmin.md", "Get-EmbedAdminSession.md", "Set-EmbedAccess.md" }, files);
        }
    }
}
