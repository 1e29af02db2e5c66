using System.Linq;
using EmbedAdmin.HelpGen.Maml;
using Xunit;

namespace EmbedAdmin.HelpGen.Tests
{
    /// <summary>What the semantic comparison treats as the same, and that a real change next to it still shows.</summary>
    public class MamlComparerTests
    {
        private static string Help(params string[] commands) =>
            $"""
            <?xml version="1.0" encoding="utf-8"?>
            <helpItems xmlns:maml="{MamlWriter.MamlNamespace}" xmlns:command="{MamlWriter.CommandNamespace}" xmlns:dev="{MamlWriter.DevNamespace}" schema="maml" xmlns="http://msh">
            {string.Join("\n", commands)}
            </helpItems>
            """;

        private static string Cmd(string name, string body = "") =>
            $"""
            <command:command>
              <command:details><command:name>{name}</command:name><maml:description><maml:para>Does it.</maml:para></maml:description><command:verb>{name.Split('-')[0]}</command:verb><command:noun>{name.Split('-')[1]}</command:noun></command:details>
              {body}
            </command:command>
            """;

        private static string Param(string attributes, string inner = "<maml:description><maml:para>The path.</maml:para></maml:description><dev:type><maml:name>String</maml:name></dev:type>") =>
            $"<command:parameters><command:parameter {attributes}><maml:name>Path</maml:name>{inner}</command:parameter></command:parameters>";

        private static string Example(string inner) =>
            $"<command:examples><command:example>{inner}</command:example></command:examples>";

        private static void Same(string a, string b) => Assert.Empty(MamlComparer.Compare(a, b));

        private static string Different(string a, string b) => Assert.Single(MamlComparer.Compare(a, b)).Item;

        [Fact]
        public void OneParagraphWithBlankLinesEqualsSeveralParagraphs()
        {
            var one = Help(Cmd("Get-A", "<maml:description><maml:para>First line\nsame paragraph.\n\nSecond.</maml:para></maml:description>"));
            var two = Help(Cmd("Get-A", "<maml:description><maml:para>First line same   paragraph.</maml:para><maml:para>Second.</maml:para></maml:description>"));
            var changed = Help(Cmd("Get-A", "<maml:description><maml:para>First line same paragraph.</maml:para><maml:para>Third.</maml:para></maml:description>"));

            Same(one, two);
            Assert.Equal("description (part 2)", Different(one, changed));
        }

        [Fact]
        public void PlatyPsExampleLayoutEqualsCodeAndRemarksLayout()
        {
            var platy = Help(Cmd("Get-A", Example(
                "<maml:title>--------- Example 1: Get it ---------</maml:title><maml:introduction><maml:para>```powershell\nGet-A\n```</maml:para><maml:para>&#x80;</maml:para><maml:para>Gets it.</maml:para></maml:introduction><dev:code /><dev:remarks />")));
            var plain = Help(Cmd("Get-A", Example(
                "<maml:title>Example 1: Get it</maml:title><maml:introduction /><dev:code>Get-A</dev:code><dev:remarks><maml:para>Gets it.</maml:para></dev:remarks>")));
            var otherCode = plain.Replace("<dev:code>Get-A</dev:code>", "<dev:code>Get-A -All</dev:code>");

            Same(platy, plain);
            Assert.Equal("example 1: code", Different(platy, otherCode));
        }

        [Fact]
        public void CodeIndentedAmongTheRemarksEqualsAFencedBlockThere()
        {
            var platy = Help(Cmd("Get-A", Example(
                "<maml:title>E</maml:title><maml:introduction><maml:para>```powershell\nGet-A\n```</maml:para><maml:para>It shows:</maml:para><maml:para>```\nA\n  b\n```</maml:para><maml:para>Done.</maml:para></maml:introduction><dev:code /><dev:remarks />")));
            var helpGen = Help(Cmd("Get-A", Example(
                "<maml:title>E</maml:title><maml:introduction /><dev:code>Get-A</dev:code><dev:remarks><maml:para>It shows:\n\n    A\n      b</maml:para><maml:para>Done.</maml:para><maml:para></maml:para></dev:remarks>")));

            Same(platy, helpGen);
            Assert.Equal("example 1: code", Different(platy, helpGen.Replace("      b", "    b")));
            Assert.Equal("example 1: remarks (part 1)", Different(platy, helpGen.Replace("It shows:", "It says:")));
        }

        [Fact]
        public void CodeIndentationCounts()
        {
            var a = Help(Cmd("Get-A", Example("<maml:title>E</maml:title><maml:introduction><maml:para>```powershell\nif ($x) {\n    Get-A\n}\n```</maml:para></maml:introduction>")));
            var b = a.Replace("    Get-A", "Get-A");

            Assert.Equal("example 1: code", Different(a, b));
        }

        [Fact]
        public void AttributeSpellingsThatMeanTheSame()
        {
            var platy = Help(Cmd("Get-A", Param("required=\"false\" globbing=\"false\" pipelineInput=\"true (ByValue, ByPropertyName)\" position=\"Named\" aliases=\"none\"")));
            var other = Help(Cmd("Get-A", Param("required=\"false\" pipelineInput=\"True (ByPropertyName, ByValue)\" position=\"named\"")));
            var byValueOnly = other.Replace("True (ByPropertyName, ByValue)", "True (ByValue)");

            Same(platy, other);
            Assert.Equal("parameter -Path: pipeline input by property name", Different(platy, byValueOnly));
        }

        [Fact]
        public void SwitchTypeSpellings()
        {
            var inner = "<maml:description /><dev:type><maml:name>{0}</maml:name></dev:type>";
            var a = Help(Cmd("Get-A", Param("required=\"false\"", string.Format(inner, "SwitchParameter"))));
            var b = Help(Cmd("Get-A", Param("required=\"false\"", string.Format(inner, "System.Management.Automation.SwitchParameter"))));
            var c = Help(Cmd("Get-A", Param("required=\"false\"", string.Format(inner, "Boolean"))));

            Same(a, b);
            Assert.Equal("parameter -Path: type", Different(a, c));
        }

        [Fact]
        public void DefaultValuesCompareOnlyWhenBothFilesRecordOne()
        {
            var none = Help(Cmd("Get-A", Param("required=\"false\"")));
            var five = Help(Cmd("Get-A", Param("required=\"false\"", "<maml:description><maml:para>The path.</maml:para></maml:description><dev:type><maml:name>String</maml:name></dev:type><dev:defaultValue>5</dev:defaultValue>")));
            var six = five.Replace(">5<", ">6<");

            Same(none, five);
            Assert.Equal("parameter -Path: default value", Different(five, six));
        }

        [Fact]
        public void CommandOrderDoesNotMatterButMissingCommandsDo()
        {
            var ab = Help(Cmd("Get-A"), Cmd("Get-B"));
            var ba = Help(Cmd("Get-B"), Cmd("Get-A"));

            Same(ab, ba);
            var missing = Assert.Single(MamlComparer.Compare(ab, Help(Cmd("Get-A"))));
            Assert.Equal(("Get-B", "command"), (missing.Command, missing.Item));
        }

        [Fact]
        public void DifferencesReadWell()
        {
            var difference = new HelpDifference("Get-A", "parameter -Path: description", "The path.\nOf it.", MamlComparer.Missing);

            Assert.Equal("Get-A: parameter -Path: description: expected \"The path.\\nOf it.\", found \"(missing)\"", difference.ToString());
        }

        [Fact]
        public void NormalisedTextKeepsCodeLinesAndCollapsesProse()
        {
            var blocks = TextNormalizer.Blocks(new[] { "Some\n  text.\n\n```PowerShell\n  a  \n\nb\n```\nAfter.", "\u0080", string.Empty });

            Assert.Equal(
                new[] { new TextBlock(false, "", "Some text."), new TextBlock(true, "powershell", "  a\n\nb"), new TextBlock(false, "", "After.") },
                blocks.ToArray());
        }
    }
}
