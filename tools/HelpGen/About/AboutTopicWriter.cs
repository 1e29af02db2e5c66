using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using EmbedAdmin.HelpGen.Markdown;

namespace EmbedAdmin.HelpGen.About
{
    /// <summary>
    /// Renders an about topic's markdown (docs/about_*.md) as the plain text Get-Help prints for about_* topics, in the
    /// classic layout of PowerShell's own about files: the top-level sections (TOPIC, SHORT DESCRIPTION, LONG DESCRIPTION,
    /// SEE ALSO, ...) as upper-case headings at the margin, their text indented four spaces and wrapped, and sub-headings
    /// indented two so they stand out from the text. PlatyPS 1.0 has no about-topic export, so this is the only writer.
    /// Get-Help prints the file as it is, so every layout decision is made here, for an 80-column console.
    /// </summary>
    public sealed class AboutTopicWriter
    {
        public const int DefaultWidth = 80;
        private const string Indent = "    ";
        private const string CodeIndent = Indent + Indent;
        private const string SubheadingIndent = "  ";
        private const string ColumnGap = "  ";

        private static readonly Regex InlineLink = new(@"!?\[(?<text>[^\]]*)\]\((?<url>[^)\s]*)(?:\s+""[^""]*"")?\)", RegexOptions.CultureInvariant);
        private static readonly Regex AutoLink = new(@"<(?<url>[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*)>", RegexOptions.CultureInvariant);
        private static readonly Regex Escaped = new(@"\\(?<c>[!-/:-@\[-`{-~])", RegexOptions.CultureInvariant);
        private static readonly Regex CodeSpan = new(@"(?<ticks>`+)(?<code>.*?)\k<ticks>", RegexOptions.CultureInvariant | RegexOptions.Singleline);

        public AboutTopicWriter(int width = DefaultWidth)
        {
            if (width < 40)
            {
                throw new ArgumentOutOfRangeException(nameof(width), width, "an about topic needs at least 40 columns");
            }

            Width = width;
        }

        public int Width { get; }

        /// <summary>The about topic files of a docs folder: about_*.md.</summary>
        public static IReadOnlyList<string> TopicFiles(string docsDirectory) =>
            Directory.GetFiles(docsDirectory, "about_*.md").OrderBy(f => Path.GetFileName(f), StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>about_X.md becomes about_X.help.txt, the name Get-Help looks for.</summary>
        public static string OutputFileName(string markdownPath) => Path.GetFileNameWithoutExtension(markdownPath) + ".help.txt";

        public IReadOnlyList<string> WriteFiles(string docsDirectory, string outputDirectory)
        {
            Directory.CreateDirectory(outputDirectory);
            var written = new List<string>();
            foreach (var file in TopicFiles(docsDirectory))
            {
                var path = Path.Combine(outputDirectory, OutputFileName(file));
                File.WriteAllText(path, Render(File.ReadAllText(file)), new UTF8Encoding(false));
                written.Add(path);
            }

            return written;
        }

        /// <summary>The topic text: '\n' line ends, no trailing blanks, one final newline.</summary>
        public string Render(string markdown)
        {
            var output = new List<string>();
            var blocks = MarkdownBlocks.Parse(markdown);
            var topicWritten = false;
            var section = string.Empty;
            var afterHeading = false;

            foreach (var block in blocks)
            {
                // A blank line between blocks, but none between a heading and its text.
                if (output.Count > 0 && !afterHeading)
                {
                    output.Add(string.Empty);
                }

                afterHeading = false;
                switch (block)
                {
                    case HeadingBlock { Level: 1 } heading when !topicWritten:
                        output.Add("TOPIC");
                        output.Add(Indent + heading.Text);
                        topicWritten = true;
                        break;
                    case HeadingBlock { Level: <= 2 } heading:
                        section = heading.Text.ToUpperInvariant();
                        output.Add(section);
                        afterHeading = true;
                        break;
                    case HeadingBlock heading:
                        output.Add(SubheadingIndent + Inline(heading.Text));
                        afterHeading = true;
                        break;
                    case ParagraphBlock paragraph:
                        output.AddRange(Wrap(Inline(paragraph.Text), Indent, Indent));
                        break;
                    case ListBlock list:
                        output.AddRange(RenderList(list, section == "SEE ALSO"));
                        break;
                    case CodeBlock code:
                        output.AddRange(code.Lines.Select(l => l.Length == 0 ? string.Empty : CodeIndent + l));
                        break;
                    case TableBlock table:
                        output.AddRange(RenderTable(table));
                        break;
                }
            }

            return string.Join("\n", output.Select(l => l.TrimEnd())) + "\n";
        }

        /// <summary>
        /// SEE ALSO lists topics one per line without bullets, as PowerShell's about files do; other lists keep their
        /// markers, with wrapped lines aligned under the item's text.
        /// </summary>
        private IEnumerable<string> RenderList(ListBlock list, bool plain)
        {
            foreach (var item in list.Items)
            {
                var indent = Indent + new string(' ', 2 * item.Depth);
                var text = Inline(item.Text);
                if (plain)
                {
                    foreach (var line in Wrap(text, indent, indent + "  "))
                    {
                        yield return line;
                    }

                    continue;
                }

                var first = indent + item.Marker + " ";
                foreach (var line in Wrap(text, first, new string(' ', first.Length)))
                {
                    yield return line;
                }
            }
        }

        /// <summary>
        /// Columns padded to their widest cell, under a dashed rule. When that is wider than the page, cells wrap at
        /// spaces within narrower columns; when even a column per longest word does not fit, each row becomes a block:
        /// the first cell, then "Header: value" lines, which always fits.
        /// </summary>
        private IEnumerable<string> RenderTable(TableBlock table)
        {
            var columns = table.Header.Count;
            var rows = new List<IReadOnlyList<string>> { table.Header.Select(Inline).ToList() };
            rows.AddRange(table.Rows.Select(r => (IReadOnlyList<string>)r.Select(Inline).ToList()));
            var available = Width - Indent.Length - ColumnGap.Length * (columns - 1);
            var desired = Enumerable.Range(0, columns).Select(c => rows.Max(r => r[c].Length)).ToArray();
            var minimum = Enumerable.Range(0, columns).Select(c => rows.Max(r => LongestWord(r[c]))).ToArray();

            if (minimum.Sum() > available)
            {
                return RenderTableAsBlocks(table.Header.Select(Inline).ToList(), rows.Skip(1).ToList());
            }

            var widths = FitColumns(desired, minimum, available);
            var output = new List<string>();
            output.AddRange(RenderRow(rows[0], widths, Enumerable.Repeat(ColumnAlignment.Left, columns).ToList()));
            output.Add(Indent + string.Join(ColumnGap, widths.Select(w => new string('-', w))));
            foreach (var row in rows.Skip(1))
            {
                output.AddRange(RenderRow(row, widths, table.Alignments));
            }

            return output;
        }

        /// <summary>Shrinks the columns that have room to give, widest first, until the table fits.</summary>
        private static int[] FitColumns(int[] desired, int[] minimum, int available)
        {
            var widths = (int[])desired.Clone();
            while (widths.Sum() > available)
            {
                var candidates = Enumerable.Range(0, widths.Length).Where(c => widths[c] > minimum[c]).ToList();
                var widest = candidates.OrderByDescending(c => widths[c]).First();
                widths[widest]--;
            }

            return widths;
        }

        private static IEnumerable<string> RenderRow(IReadOnlyList<string> cells, int[] widths, IReadOnlyList<ColumnAlignment> alignments)
        {
            var wrapped = cells.Select((cell, c) => WrapWords(cell, widths[c], widths[c]).ToList()).ToList();
            var height = wrapped.Max(w => w.Count);
            for (var line = 0; line < height; line++)
            {
                var parts = wrapped.Select((w, c) => Align(line < w.Count ? w[line] : string.Empty, widths[c], alignments[c]));
                yield return Indent + string.Join(ColumnGap, parts);
            }
        }

        private IEnumerable<string> RenderTableAsBlocks(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
        {
            var first = true;
            foreach (var row in rows)
            {
                if (!first)
                {
                    yield return string.Empty;
                }

                first = false;
                foreach (var line in Wrap(row[0], Indent, Indent + "  "))
                {
                    yield return line;
                }

                for (var c = 1; c < row.Count; c++)
                {
                    var label = Indent + Indent + header[c] + ": ";
                    foreach (var line in Wrap(row[c].Length == 0 ? "-" : row[c], label, Indent + Indent + "  "))
                    {
                        yield return line;
                    }
                }
            }
        }

        private static string Align(string text, int width, ColumnAlignment alignment) => alignment switch
        {
            ColumnAlignment.Right => text.PadLeft(width),
            ColumnAlignment.Center => text.PadLeft((width + text.Length) / 2).PadRight(width),
            _ => text.PadRight(width),
        };

        /// <summary>Wraps at spaces; the first line starts with <paramref name="firstPrefix"/>, the others with <paramref name="restPrefix"/>.</summary>
        private IEnumerable<string> Wrap(string text, string firstPrefix, string restPrefix)
        {
            var lines = WrapWords(text, Width - firstPrefix.Length, Width - restPrefix.Length).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                yield return (i == 0 ? firstPrefix : restPrefix) + lines[i];
            }
        }

        /// <summary>Greedy word wrap. A word longer than the line is not broken: it gets a line to itself.</summary>
        private static IEnumerable<string> WrapWords(string text, int firstWidth, int restWidth)
        {
            var words = text.Split(new[] { ' ', '\n', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            var line = new StringBuilder();
            var width = firstWidth;
            var any = false;
            foreach (var word in words)
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    yield return line.ToString();
                    any = true;
                    line.Clear();
                    width = restWidth;
                }

                if (line.Length > 0)
                {
                    line.Append(' ');
                }

                line.Append(word);
            }

            if (line.Length > 0 || !any)
            {
                yield return line.ToString();
            }
        }

        private static int LongestWord(string text) =>
            text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Length).DefaultIfEmpty(0).Max();

        /// <summary>
        /// Inline markdown as text: a link to another page shows its text (the topic name Get-Help takes), a link to a web
        /// address shows "text (address)", backslash escapes lose the backslash. Code spans keep their backticks, as
        /// Get-Help shows them in the cmdlet help that PlatyPS writes, so the two read alike.
        /// </summary>
        public static string Inline(string markdown)
        {
            var builder = new StringBuilder();
            var position = 0;
            foreach (Match span in CodeSpan.Matches(markdown))
            {
                builder.Append(InlineText(markdown[position..span.Index]));
                builder.Append(span.Value.Replace('\n', ' '));
                position = span.Index + span.Length;
            }

            builder.Append(InlineText(markdown[position..]));
            return builder.ToString();
        }

        private static string InlineText(string text)
        {
            text = InlineLink.Replace(text, m =>
            {
                var label = m.Groups["text"].Value;
                var url = m.Groups["url"].Value;
                var absolute = Regex.IsMatch(url, "^[a-zA-Z][a-zA-Z0-9+.-]*:", RegexOptions.CultureInvariant);
                return !absolute || label == url ? (label.Length > 0 ? label : url) : $"{label} ({url})";
            });
            text = AutoLink.Replace(text, m => m.Groups["url"].Value);
            return Escaped.Replace(text, m => m.Groups["c"].Value);
        }
    }
}
