using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace EmbedAdmin.HelpGen.Maml
{
    /// <summary>A normalised piece of help text: a prose paragraph, or a code block with its language.</summary>
    public sealed record TextBlock(bool IsCode, string Language, string Text)
    {
        /// <summary>Code shows without its language: Get-Help prints none, and HelpGen's MAML keeps none.</summary>
        public override string ToString() => IsCode ? $"```\n{Text}\n```" : Text;
    }

    /// <summary>
    /// Turns the paragraphs of a MAML element into what a reader of the text sees, so that two MAML files that say the
    /// same thing in differently cut paragraphs compare equal:
    /// U+0080 spacer paragraphs (PlatyPS 1.0.3's, between the pieces of an example) and empty paragraphs are dropped;
    /// the rest are joined and cut again at blank lines, so one paragraph with blank lines in it (PlatyPS's description)
    /// equals several paragraphs without; in prose, runs of white space, line breaks included, count as one space,
    /// as markdown reads them; code blocks, fenced or indented by four spaces at the start of a paragraph (HelpGen's
    /// MAML has no fences), keep their lines, only trailing blanks removed, and compare without their language.
    /// </summary>
    public static class TextNormalizer
    {
        private static readonly Regex FenceOpen = new(@"^ {0,3}(?<fence>`{3,}|~{3,})(?<info>[^`]*)$", RegexOptions.CultureInvariant);
        private static readonly Regex WhiteSpace = new(@"\s+", RegexOptions.CultureInvariant);

        public static IReadOnlyList<TextBlock> Blocks(IEnumerable<string?> paragraphs)
        {
            var text = string.Join("\n\n", paragraphs
                .Select(p => (p ?? string.Empty).Replace("\r\n", "\n").Replace('\r', '\n'))
                .Where(p => p.Trim(' ', '\t', '\n', MamlWriter.ExampleSpacer).Length > 0));
            var lines = text.Split('\n');
            var blocks = new List<TextBlock>();
            var prose = new List<string>();

            void FlushProse()
            {
                if (prose.Count > 0)
                {
                    blocks.Add(new TextBlock(false, string.Empty, Collapse(string.Join(" ", prose))));
                    prose.Clear();
                }
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var open = FenceOpen.Match(lines[i]);
                if (open.Success)
                {
                    FlushProse();
                    var fence = open.Groups["fence"].Value;
                    var code = new List<string>();
                    for (i++; i < lines.Length && !IsClosingFence(lines[i], fence); i++)
                    {
                        code.Add(lines[i].TrimEnd());
                    }

                    blocks.Add(new TextBlock(true, open.Groups["info"].Value.Trim().ToLowerInvariant(), string.Join("\n", code).Trim('\n')));
                    continue;
                }

                if (prose.Count == 0 && lines[i].StartsWith(MamlWriter.RemarkCodeIndent, StringComparison.Ordinal) && lines[i].Trim().Length > 0)
                {
                    var code = new List<string>();
                    for (; i < lines.Length && (lines[i].StartsWith(MamlWriter.RemarkCodeIndent, StringComparison.Ordinal) || lines[i].Trim().Length == 0); i++)
                    {
                        code.Add(lines[i].Trim().Length == 0 ? string.Empty : lines[i][MamlWriter.RemarkCodeIndent.Length..].TrimEnd());
                    }

                    i--;
                    blocks.Add(new TextBlock(true, string.Empty, string.Join("\n", code).Trim('\n')));
                    continue;
                }

                if (lines[i].Trim().Length == 0)
                {
                    FlushProse();
                }
                else
                {
                    prose.Add(lines[i]);
                }
            }

            FlushProse();
            return blocks;
        }

        /// <summary>Prose only, each paragraph normalised; for texts that hold no code, such as a synopsis.</summary>
        public static IReadOnlyList<string> Paragraphs(IEnumerable<string?> paragraphs) =>
            Blocks(paragraphs).Select(b => b.ToString()).ToList();

        public static string Collapse(string text) => WhiteSpace.Replace(text, " ").Trim();

        private static bool IsClosingFence(string line, string fence)
        {
            var trimmed = line.Trim();
            return trimmed.Length >= fence.Length && trimmed.All(c => c == fence[0]);
        }
    }
}
