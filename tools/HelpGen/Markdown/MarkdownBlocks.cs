using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace EmbedAdmin.HelpGen.Markdown
{
    public abstract record MarkdownBlock;

    public sealed record HeadingBlock(int Level, string Text) : MarkdownBlock;

    /// <summary>A paragraph's source lines joined with '\n'; inline markup untouched.</summary>
    public sealed record ParagraphBlock(string Text) : MarkdownBlock;

    public sealed record CodeBlock(string Info, IReadOnlyList<string> Lines) : MarkdownBlock;

    /// <summary><see cref="Depth"/> is 0 for a top-level item, 1 for an item nested in it, and so on.</summary>
    public sealed record ListItem(int Depth, string Marker, string Text);

    public sealed record ListBlock(IReadOnlyList<ListItem> Items) : MarkdownBlock;

    public enum ColumnAlignment
    {
        Left,
        Center,
        Right,
    }

    public sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<ColumnAlignment> Alignments, IReadOnlyList<IReadOnlyList<string>> Rows) : MarkdownBlock;

    /// <summary>
    /// Splits markdown into the blocks an about topic uses: ATX headings, paragraphs, fenced code, bullet and numbered
    /// lists (nesting by indentation; a blank line between items does not end a list), and pipe tables.
    /// A subset of CommonMark/GFM, enough for platyPS about pages; indented code blocks, block quotes, HTML blocks and
    /// setext headings are read as paragraphs.
    /// </summary>
    public static class MarkdownBlocks
    {
        private static readonly Regex ListItemPattern = new(@"^(?<indent> *)(?<marker>[-*+]|\d{1,9}[.)])(?:[ \t]+(?<text>.*))?$", RegexOptions.CultureInvariant);
        private static readonly Regex TableDelimiter = new(@"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$", RegexOptions.CultureInvariant);
        private static readonly Regex HeadingPattern = new(@"^ {0,3}#{1,6}([ \t]|$)", RegexOptions.CultureInvariant);

        public static IReadOnlyList<MarkdownBlock> Parse(string markdown)
        {
            var source = MarkdownSource.Parse(markdown);
            var lines = source.Lines;
            var blocks = new List<MarkdownBlock>();
            var i = source.BodyStart;
            while (i < lines.Count)
            {
                var line = lines[i];
                var fence = source.Fences.FirstOrDefault(f => f.StartLine == i);
                var heading = source.Headings.FirstOrDefault(h => h.Line == i);
                if (fence is not null)
                {
                    blocks.Add(new CodeBlock(fence.Info, fence.Content.Select(l => l.TrimEnd()).ToList()));
                    i = fence.EndLine + 1;
                }
                else if (heading is not null)
                {
                    blocks.Add(new HeadingBlock(heading.Level, heading.Text));
                    i++;
                }
                else if (line.Trim().Length == 0)
                {
                    i++;
                }
                else if (line.Contains('|') && i + 1 < lines.Count && TableDelimiter.IsMatch(lines[i + 1]) && lines[i + 1].Contains('-'))
                {
                    i = ReadTable(lines, i, blocks);
                }
                else if (ListItemPattern.IsMatch(line))
                {
                    i = ReadList(source, i, blocks);
                }
                else
                {
                    var paragraph = new List<string>();
                    while (i < lines.Count && lines[i].Trim().Length > 0 && !StartsBlock(source, i))
                    {
                        paragraph.Add(lines[i].Trim());
                        i++;
                    }

                    blocks.Add(new ParagraphBlock(string.Join("\n", paragraph)));
                }
            }

            return blocks;
        }

        private static bool StartsBlock(MarkdownSource source, int i) =>
            source.Fences.Any(f => f.StartLine == i) || HeadingPattern.IsMatch(source.Lines[i]) || IsBulletLine(source.Lines[i]);

        /// <summary>Only bullets interrupt a paragraph: "2019. was a good year" should stay prose, as in CommonMark.</summary>
        private static bool IsBulletLine(string line)
        {
            var match = ListItemPattern.Match(line);
            return match.Success && !char.IsDigit(match.Groups["marker"].Value[0]) && match.Groups["text"].Value.Length > 0;
        }

        private static int ReadList(MarkdownSource source, int i, List<MarkdownBlock> blocks)
        {
            var lines = source.Lines;
            var items = new List<(int Indent, string Marker, List<string> Text)>();
            while (i < lines.Count)
            {
                var line = lines[i];
                var item = ListItemPattern.Match(line);
                if (source.Fences.Any(f => f.StartLine == i) || (HeadingPattern.IsMatch(line) && !item.Success))
                {
                    break;
                }

                if (item.Success)
                {
                    items.Add((item.Groups["indent"].Value.Length, item.Groups["marker"].Value, new List<string> { item.Groups["text"].Value.Trim() }));
                    i++;
                }
                else if (line.Trim().Length == 0)
                {
                    // A blank line ends the list unless the next line is another item or an indented continuation.
                    var next = i + 1;
                    if (next < lines.Count && (ListItemPattern.IsMatch(lines[next]) || (lines[next].StartsWith("  ", StringComparison.Ordinal) && lines[next].Trim().Length > 0)))
                    {
                        i++;
                        continue;
                    }

                    break;
                }
                else
                {
                    items[^1].Text.Add(line.Trim());
                    i++;
                }
            }

            // Depth is the rank of an item's indentation among the indentations the list uses.
            var indents = items.Select(t => t.Indent).Distinct().OrderBy(n => n).ToList();
            blocks.Add(new ListBlock(items.Select(t => new ListItem(indents.IndexOf(t.Indent), t.Marker, string.Join("\n", t.Text))).ToList()));
            return i;
        }

        private static int ReadTable(IReadOnlyList<string> lines, int i, List<MarkdownBlock> blocks)
        {
            var header = Cells(lines[i]);
            var alignments = Cells(lines[i + 1]).Select(c =>
                c.StartsWith(':') && c.EndsWith(':') ? ColumnAlignment.Center
                : c.EndsWith(':') ? ColumnAlignment.Right
                : ColumnAlignment.Left).ToList();
            var rows = new List<IReadOnlyList<string>>();
            i += 2;
            while (i < lines.Count && lines[i].Trim().Length > 0 && lines[i].Contains('|'))
            {
                var cells = Cells(lines[i]);
                rows.Add(Enumerable.Range(0, header.Count).Select(n => n < cells.Count ? cells[n] : string.Empty).ToList());
                i++;
            }

            while (alignments.Count < header.Count)
            {
                alignments.Add(ColumnAlignment.Left);
            }

            blocks.Add(new TableBlock(header, alignments, rows));
            return i;
        }

        /// <summary>Splits a table row at pipes that are neither escaped nor inside a code span.</summary>
        private static List<string> Cells(string row)
        {
            var text = row.Trim();
            if (text.StartsWith('|'))
            {
                text = text[1..];
            }

            if (text.EndsWith('|') && !text.EndsWith("\\|", StringComparison.Ordinal))
            {
                text = text[..^1];
            }

            var cells = new List<string>();
            var current = new System.Text.StringBuilder();
            var inCode = false;
            for (var n = 0; n < text.Length; n++)
            {
                var ch = text[n];
                if (ch == '\\' && n + 1 < text.Length && text[n + 1] == '|')
                {
                    current.Append('|');
                    n++;
                }
                else if (ch == '`')
                {
                    inCode = !inCode;
                    current.Append(ch);
                }
                else if (ch == '|' && !inCode)
                {
                    cells.Add(current.ToString().Trim());
                    current.Clear();
                }
                else
                {
                    current.Append(ch);
                }
            }

            cells.Add(current.ToString().Trim());
            return cells;
        }
    }
}
