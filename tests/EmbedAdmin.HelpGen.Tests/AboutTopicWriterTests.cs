using System;
using System.Linq;
using System.Text.RegularExpressions;
using EmbedAdmin.HelpGen.About;
using Xunit;

namespace EmbedAdmin.HelpGen.Tests
{
    public class AboutTopicWriterTests
    {
        private const string Topic = """
            # about_Demo

            ## SHORT DESCRIPTION
            Explains the Demo module.

            ## LONG DESCRIPTION
            Demo is a module whose description is long enough that it has to be wrapped at least once, and probably twice, to fit.
            A second source line joins the same paragraph.

            A list:

            - `Get-Thing` gets things, and this item is long enough to wrap onto a second line of its own.
            - `Set-Thing` sets them.
              - A nested item.

            ### Code and tables
            Run this:

            ```powershell
            Get-Thing -Name 'a very long name that goes on and on' | Set-Thing -Value 'another long value' -PassThru

            $x = 1
            ```

            | Name   | Value |
            |--------|------:|
            | `a`    | 1     |
            | b      | 22    |

            See [the docs](https://example.com/demo) and [Get-Thing](Get-Thing.md).

            ## SEE ALSO

            - [Get-Thing](Get-Thing.md)
            - [about_CommonParameters](https://go.microsoft.com/fwlink/?LinkID=113216)
            """;

        private static readonly string Text = new AboutTopicWriter().Render(Topic);
        private static readonly string[] Lines = Text.TrimEnd('\n').Split('\n');

        [Fact]
        public void StartsWithTheTopicName()
        {
            Assert.Equal(new[] { "TOPIC", "    about_Demo", "", "SHORT DESCRIPTION", "    Explains the Demo module.", "", "LONG DESCRIPTION" }, Lines.Take(7));
        }

        [Fact]
        public void SectionHeadingsAreUpperCaseAtTheMarginAndSubheadingsIndentedTwo()
        {
            var headings = Lines.Where(l => l.Length > 0 && !l.StartsWith("    ", StringComparison.Ordinal)).ToList();

            Assert.Equal(new[] { "TOPIC", "SHORT DESCRIPTION", "LONG DESCRIPTION", "  Code and tables", "SEE ALSO" }, headings);
            Assert.Equal("    Run this:", Lines[Array.IndexOf(Lines, "  Code and tables") + 1]);
        }

        [Fact]
        public void ProseIsIndentedFourAndWrappedAt80WithoutLosingAWord()
        {
            var start = Array.FindIndex(Lines, l => l.StartsWith("    Demo is", StringComparison.Ordinal));
            var paragraph = Lines.Skip(start).TakeWhile(l => l.Length > 0).ToList();

            Assert.True(paragraph.Count >= 2);
            Assert.All(paragraph, l => Assert.InRange(l.Length, 5, 80));
            Assert.All(paragraph, l => Assert.Matches("^    [^ ]", l));
            Assert.Equal(
                "Demo is a module whose description is long enough that it has to be wrapped at least once, and probably twice, to fit. A second source line joins the same paragraph.",
                string.Join(" ", paragraph.Select(l => l.Trim())));
            // Greedy: the next line's first word would not have fitted.
            for (var i = 0; i + 1 < paragraph.Count; i++)
            {
                Assert.True(paragraph[i].Length + 1 + paragraph[i + 1].Trim().Split(' ')[0].Length > 80);
            }
        }

        [Fact]
        public void NarrowerWidthWrapsNarrower()
        {
            var narrow = new AboutTopicWriter(60).Render(Topic);

            Assert.All(narrow.Split('\n').Where(l => !l.StartsWith("        ", StringComparison.Ordinal)), l => Assert.True(l.Length <= 60, l));
            Assert.True(narrow.Split('\n').Length > Lines.Length);
        }

        [Fact]
        public void ListItemsHangUnderTheirText()
        {
            var item = Array.FindIndex(Lines, l => l.StartsWith("    - `Get-Thing`", StringComparison.Ordinal));

            Assert.StartsWith("      ", Lines[item + 1]);
            Assert.Equal("    - `Set-Thing` sets them.", Lines[item + 2]);
            Assert.Equal("      - A nested item.", Lines[item + 3]);
        }

        [Fact]
        public void CodeIsIndentedEightAndKeptAsWritten()
        {
            var code = Array.FindIndex(Lines, l => l.Contains("Get-Thing -Name 'a very long", StringComparison.Ordinal));

            Assert.Equal("        Get-Thing -Name 'a very long name that goes on and on' | Set-Thing -Value 'another long value' -PassThru", Lines[code]);
            Assert.Equal(string.Empty, Lines[code + 1]);
            Assert.Equal("        $x = 1", Lines[code + 2]);
            Assert.DoesNotContain("```", Text);
        }

        [Fact]
        public void TableColumnsAreAlignedUnderARule()
        {
            var header = Array.FindIndex(Lines, l => l.TrimStart().StartsWith("Name", StringComparison.Ordinal));

            Assert.Equal(new[] { "    Name  Value", "    ----  -----", "    `a`       1", "    b        22" }, Lines.Skip(header).Take(4));
        }

        [Fact]
        public void WideTablesWrapInsideTheirColumns()
        {
            var text = new AboutTopicWriter().Render("""
                # about_T

                ## LONG DESCRIPTION

                | Parameter | Meaning |
                |---|---|
                | `Name` | The name of the thing that the command looks for, matched without regard to case, with wildcards allowed. |
                | `Id` | The id. |
                """);
            var lines = text.Split('\n');
            var first = Array.FindIndex(lines, l => l.StartsWith("    `Name`", StringComparison.Ordinal));

            Assert.All(lines, l => Assert.True(l.Length <= 80, l));
            Assert.Matches(@"^    -{9}  -+$", lines[first - 1]);
            Assert.StartsWith("               ", lines[first + 1]);
            Assert.Contains("wildcards", lines[first + 1]);
            Assert.StartsWith("    `Id`", lines[first + 2]);
        }

        [Fact]
        public void TablesThatCannotFitBecomeBlocks()
        {
            var text = new AboutTopicWriter().Render("""
                # about_T

                ## LONG DESCRIPTION

                | Setting | Variable | Default |
                |---|---|---|
                | `-AVeryLongParameterNameIndeed` | `A_VERY_LONG_ENVIRONMENT_VARIABLE` | `https://an.example.com/long/address` |
                | `-Short` | `SHORT` | |
                """);

            Assert.Contains(
                "    `-AVeryLongParameterNameIndeed`\n        Variable: `A_VERY_LONG_ENVIRONMENT_VARIABLE`\n        Default: `https://an.example.com/long/address`\n\n    `-Short`\n        Variable: `SHORT`\n        Default: -\n",
                text);
            Assert.All(text.Split('\n'), l => Assert.True(l.Length <= 80, l));
        }

        [Fact]
        public void LinksShowTheirTextAndWebAddresses()
        {
            Assert.Contains("See the docs (https://example.com/demo) and Get-Thing.", Text);
        }

        [Fact]
        public void SeeAlsoListsTopicsWithoutBullets()
        {
            var seeAlso = Lines.SkipWhile(l => l != "SEE ALSO").ToList();

            Assert.Equal(new[] { "SEE ALSO", "    Get-Thing", "    about_CommonParameters (https://go.microsoft.com/fwlink/?LinkID=113216)" }, seeAlso);
        }

        [Fact]
        public void PlainTextFileShape()
        {
            Assert.EndsWith("\n", Text);
            Assert.False(Text.EndsWith("\n\n", StringComparison.Ordinal));
            Assert.DoesNotContain("\r", Text);
            Assert.DoesNotMatch(new Regex("[ \t]$", RegexOptions.Multiline), Text);
            Assert.DoesNotContain("\n\n\n", Text);
        }
    }
}
