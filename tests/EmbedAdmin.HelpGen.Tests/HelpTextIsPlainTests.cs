using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using EmbedAdmin.HelpGen.Maml;
using Xunit;

namespace EmbedAdmin.HelpGen.Tests
{
    /// <summary>
    /// Get-Help prints MAML text as it is: a Markdown fence shows as ``` lines, and a control character (PlatyPS 1.0.3's
    /// U+0080 spacer) as nothing or as a box, depending on the terminal. Neither may reach the cmdlet help.
    /// </summary>
    public class HelpTextIsPlainTests
    {
        public static TheoryData<string> MamlFiles() => new()
        {
            "committed en-US",
            "generated from docs",
        };

        [Theory]
        [MemberData(nameof(MamlFiles))]
        public void MamlHasNoFencesAndNoControlCharacters(string which)
        {
            var xml = which == "committed en-US"
                ? File.ReadAllText(Path.Combine(RepoPaths.EnUs, "EmbedAdmin.dll-Help.xml"))
                : MamlWriter.Write(MarkdownHelpReader.ReadDirectory(RepoPaths.Docs));

            var problems = Problems(xml);
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assert.True(XDocument.Parse(xml).Root!.Descendants(XName.Get("code", MamlWriter.DevNamespace)).Count(c => c.Value.Trim().Length > 0) >= 20);
        }

        [Fact]
        public void TheCheckFindsFencesAndControlCharacters()
        {
            var platyPs = File.ReadAllText(RepoPaths.SampleMaml);

            var problems = Problems(platyPs);

            Assert.Contains(problems, p => p.Contains("```"));
            Assert.Contains(problems, p => p.Contains("U+0080"));
            Assert.Contains(Problems("<a>x&#xD;y</a>"), p => p.Contains("U+000D"));
            Assert.Contains(Problems("<a b=\"x&#x9B;y\" />"), p => p.Contains("U+009B"));
            Assert.Empty(Problems("<a>tab\there\nand a line</a>"));
        }

        /// <summary>Fences in the text, and C0 or C1 control characters other than tab and newline, in text and attributes once entities are read.</summary>
        private static List<string> Problems(string xml)
        {
            var problems = new List<string>();
            var document = XDocument.Parse(xml, LoadOptions.PreserveWhitespace);
            var texts = document.DescendantNodes().OfType<XText>().Select(t => (Where: t.Parent?.Name.LocalName ?? "?", t.Value))
                .Concat(document.Descendants().SelectMany(e => e.Attributes()).Select(a => (Where: a.Parent!.Name.LocalName + "@" + a.Name.LocalName, a.Value)));
            foreach (var (where, value) in texts)
            {
                if (value.Contains("```"))
                {
                    problems.Add($"``` in {where}: {value.Split('\n')[0]}");
                }

                foreach (var c in value.Where(c => (c < ' ' && c != '\t' && c != '\n') || (c >= '\u007f' && c <= '\u009f')).Distinct())
                {
                    problems.Add($"U+{(int)c:X4} in {where}");
                }
            }

            return problems;
        }
    }
}
