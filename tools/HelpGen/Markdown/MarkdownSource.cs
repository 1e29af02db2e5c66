using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace EmbedAdmin.HelpGen.Markdown
{
    /// <summary>An ATX heading (<c># Text</c>) outside any fenced code block. Line numbers are 0-based.</summary>
    public sealed record MarkdownHeading(int Line, int Level, string Text);

    /// <summary>A fenced code block: <see cref="StartLine"/> is the opening fence, <see cref="EndLine"/> the closing one.</summary>
    public sealed record FencedBlock(int StartLine, int EndLine, string Info, IReadOnlyList<string> Content);

    /// <summary>
    /// The line structure of a markdown file: front matter, headings and fenced code blocks.
    /// PlatyPS reads section text as raw source lines between AST nodes rather than rendering it, so the readers
    /// here work on lines too; all they need from a markdown parser is where headings and fences are.
    /// </summary>
    public sealed class MarkdownSource
    {
        private static readonly Regex HeadingPattern = new(@"^ {0,3}(?<hashes>#{1,6})(?:[ \t]+(?<text>.*?))?(?:[ \t]+#+)?[ \t]*$", RegexOptions.CultureInvariant);
        private static readonly Regex FenceOpenPattern = new(@"^(?<indent> {0,3})(?<fence>`{3,}|~{3,})(?<info>.*)$", RegexOptions.CultureInvariant);

        private MarkdownSource(string name, IReadOnlyList<string> lines, IReadOnlyDictionary<string, string> frontMatter, int bodyStart,
            IReadOnlyList<MarkdownHeading> headings, IReadOnlyList<FencedBlock> fences)
        {
            Name = name;
            Lines = lines;
            FrontMatter = frontMatter;
            BodyStart = bodyStart;
            Headings = headings;
            Fences = fences;
        }

        /// <summary>Where the text came from, for error messages.</summary>
        public string Name { get; }

        public IReadOnlyList<string> Lines { get; }

        /// <summary>The <c>key: value</c> pairs between the leading <c>---</c> lines; keys are case-insensitive.</summary>
        public IReadOnlyDictionary<string, string> FrontMatter { get; }

        /// <summary>The first line after the front matter.</summary>
        public int BodyStart { get; }

        public IReadOnlyList<MarkdownHeading> Headings { get; }

        public IReadOnlyList<FencedBlock> Fences { get; }

        public static MarkdownSource Parse(string text, string name = "<markdown>")
        {
            var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            if (lines.Length > 0 && lines[^1].Length == 0)
            {
                lines = lines[..^1];
            }

            var frontMatter = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var bodyStart = 0;
            if (lines.Length > 0 && lines[0].TrimEnd() == "---")
            {
                var end = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
                if (end < 0)
                {
                    throw new HelpFormatException(name, 1, "the front matter that starts here has no closing '---' line");
                }

                for (var i = 1; i < end; i++)
                {
                    var colon = lines[i].IndexOf(':');
                    if (colon > 0)
                    {
                        frontMatter[lines[i][..colon].Trim()] = Unquote(lines[i][(colon + 1)..].Trim());
                    }
                }

                bodyStart = end + 1;
            }

            var headings = new List<MarkdownHeading>();
            var fences = new List<FencedBlock>();
            for (var i = bodyStart; i < lines.Length; i++)
            {
                var open = FenceOpenPattern.Match(lines[i]);
                if (open.Success && !(open.Groups["fence"].Value[0] == '`' && open.Groups["info"].Value.Contains('`')))
                {
                    var fence = open.Groups["fence"].Value;
                    var close = new Regex("^ {0,3}" + Regex.Escape(fence[0].ToString()) + "{" + fence.Length + @",}[ \t]*$", RegexOptions.CultureInvariant);
                    var content = new List<string>();
                    var indent = open.Groups["indent"].Value.Length;
                    var j = i + 1;
                    for (; j < lines.Length && !close.IsMatch(lines[j]); j++)
                    {
                        content.Add(RemoveIndent(lines[j], indent));
                    }

                    // An unclosed fence runs to the end of the file, as CommonMark has it.
                    var endLine = Math.Min(j, lines.Length - 1);
                    fences.Add(new FencedBlock(i, endLine, open.Groups["info"].Value.Trim(), content));
                    i = endLine;
                    continue;
                }

                var heading = HeadingPattern.Match(lines[i]);
                if (heading.Success)
                {
                    headings.Add(new MarkdownHeading(i, heading.Groups["hashes"].Value.Length, heading.Groups["text"].Value.Trim()));
                }
            }

            return new MarkdownSource(name, lines, frontMatter, bodyStart, headings, fences);
        }

        /// <summary>
        /// The source lines in [<paramref name="start"/>, <paramref name="end"/>), each without trailing blanks, the whole
        /// trimmed: the way PlatyPS 1.0.3 takes a section's text (ParsedMarkdownContent.GetStringFromAst).
        /// </summary>
        public string Text(int start, int end)
        {
            var builder = new StringBuilder();
            for (var i = Math.Max(start, 0); i < Math.Min(end, Lines.Count); i++)
            {
                builder.Append(Lines[i].TrimEnd()).Append('\n');
            }

            return builder.ToString().Trim();
        }

        /// <summary>The first heading after <paramref name="line"/> whose level is at most <paramref name="maxLevel"/>.</summary>
        public MarkdownHeading? NextHeading(int line, int maxLevel = 6) =>
            Headings.FirstOrDefault(h => h.Line > line && h.Level <= maxLevel);

        /// <summary>The line where the section under <paramref name="heading"/> ends: the next heading of the same or a higher rank.</summary>
        public int SectionEnd(MarkdownHeading heading) => NextHeading(heading.Line, heading.Level)?.Line ?? Lines.Count;

        public bool IsInFence(int line) => Fences.Any(f => f.StartLine <= line && line <= f.EndLine);

        internal static string Unquote(string value)
        {
            if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
            {
                var inner = value[1..^1];
                return value[0] == '\'' ? inner.Replace("''", "'") : inner.Replace("\\\"", "\"");
            }

            return value;
        }

        private static string RemoveIndent(string line, int indent)
        {
            var i = 0;
            while (i < indent && i < line.Length && line[i] == ' ')
            {
                i++;
            }

            return line[i..];
        }
    }

    /// <summary>A help markdown file that does not have the shape platyPS's schema 2.0.0 gives it.</summary>
    public sealed class HelpFormatException : Exception
    {
        public HelpFormatException(string file, int line, string message)
            : base($"{file}:{line}: {message}")
        {
            File = file;
            Line = line;
        }

        public string File { get; }

        /// <summary>1-based.</summary>
        public int Line { get; }
    }
}
