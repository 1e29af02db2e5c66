using System;
using System.Collections.Generic;
using System.Linq;

namespace EmbedAdmin.HelpGen.Maml
{
    /// <summary>One way in which two MAML files say different things.</summary>
    public sealed record HelpDifference(string Command, string Item, string Expected, string Actual)
    {
        public override string ToString() =>
            $"{Command}: {Item}: expected {Quote(Expected)}, found {Quote(Actual)}";

        private static string Quote(string text)
        {
            const int max = 160;
            var oneLine = text.Replace("\n", "\\n");
            return "\"" + (oneLine.Length > max ? oneLine[..max] + "..." : oneLine) + "\"";
        }
    }

    /// <summary>
    /// Compares two MAML files as Get-Help would present them (see <see cref="MamlReader"/> for what counts as the same).
    /// "Expected" is the MAML the docs produce; "actual" is the MAML under test, such as the committed en-US file.
    /// Commands are matched by name, so their order does not matter (PlatyPS takes the order Get-ChildItem gives);
    /// parameters are matched by name; syntax items, examples, inputs, outputs and links compare in order.
    /// </summary>
    public static class MamlComparer
    {
        public const string Missing = "(missing)";

        public static IReadOnlyList<HelpDifference> Compare(string expectedXml, string actualXml) =>
            Compare(MamlReader.Read(expectedXml), MamlReader.Read(actualXml));

        public static IReadOnlyList<HelpDifference> Compare(IReadOnlyList<MamlCommand> expected, IReadOnlyList<MamlCommand> actual)
        {
            var differences = new List<HelpDifference>();
            foreach (var name in expected.Select(c => c.Name).Concat(actual.Select(c => c.Name)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var e = expected.Where(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
                var a = actual.Where(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
                if (e.Count != a.Count)
                {
                    differences.Add(new HelpDifference(name, "command", Count(e.Count, "entry"), Count(a.Count, "entry")));
                    continue;
                }

                for (var i = 0; i < e.Count; i++)
                {
                    CompareCommand(e[i], a[i], differences);
                }
            }

            return differences;
        }

        private static void CompareCommand(MamlCommand e, MamlCommand a, List<HelpDifference> d)
        {
            var c = e.Name;
            Same(d, c, "name", e.Name, a.Name);
            Same(d, c, "verb", e.Verb, a.Verb);
            Same(d, c, "noun", e.Noun, a.Noun);
            SameList(d, c, "synopsis", e.Synopsis, a.Synopsis);
            SameBlocks(d, c, "description", e.Description, a.Description);

            Same(d, c, "number of syntax items", e.Syntax.Count.ToString(), a.Syntax.Count.ToString());
            for (var i = 0; i < Math.Min(e.Syntax.Count, a.Syntax.Count); i++)
            {
                Same(d, c, $"syntax item {i + 1}: command name", e.Syntax[i].Name, a.Syntax[i].Name);
                SameList(d, c, $"syntax item {i + 1}", e.Syntax[i].Parameters.Select(p => p.ToString()).ToList(), a.Syntax[i].Parameters.Select(p => p.ToString()).ToList());
            }

            foreach (var name in e.Parameters.Select(p => p.Name).Concat(a.Parameters.Select(p => p.Name)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var ep = e.Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
                var ap = a.Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (ep is null || ap is null)
                {
                    d.Add(new HelpDifference(c, $"parameter -{name}", ep is null ? Missing : "documented", ap is null ? Missing : "documented"));
                    continue;
                }

                CompareParameter(c, ep, ap, d);
            }

            CompareTypes(d, c, "input", e.Inputs, a.Inputs);
            CompareTypes(d, c, "output", e.Outputs, a.Outputs);
            SameBlocks(d, c, "notes", e.Notes, a.Notes);

            Same(d, c, "number of examples", e.Examples.Count.ToString(), a.Examples.Count.ToString());
            for (var i = 0; i < Math.Min(e.Examples.Count, a.Examples.Count); i++)
            {
                var item = $"example {i + 1}";
                Same(d, c, item + ": title", e.Examples[i].Title, a.Examples[i].Title);
                SameBlocks(d, c, item + ": code", e.Examples[i].Code, a.Examples[i].Code);
                SameBlocks(d, c, item + ": remarks", e.Examples[i].Remarks, a.Examples[i].Remarks);
            }

            SameList(d, c, "related links", e.Links.Select(l => $"[{l.Text}]({l.Uri})").ToList(), a.Links.Select(l => $"[{l.Text}]({l.Uri})").ToList());
        }

        private static void CompareParameter(string c, MamlParameter e, MamlParameter a, List<HelpDifference> d)
        {
            var p = $"parameter -{e.Name}";
            Same(d, c, p + ": type", e.Type, a.Type);
            Same(d, c, p + ": required", e.Required.ToString(), a.Required.ToString());
            Same(d, c, p + ": position", e.Position, a.Position);
            Same(d, c, p + ": pipeline input by value", e.ByValue.ToString(), a.ByValue.ToString());
            Same(d, c, p + ": pipeline input by property name", e.ByPropertyName.ToString(), a.ByPropertyName.ToString());
            Same(d, c, p + ": wildcards", e.Globbing.ToString(), a.Globbing.ToString());
            Same(d, c, p + ": aliases", string.Join(", ", e.Aliases), string.Join(", ", a.Aliases));
            SameBlocks(d, c, p + ": description", e.Description, a.Description);
            SameList(d, c, p + ": accepted values", e.AcceptedValues, a.AcceptedValues);
            // PlatyPS 1.0.3 writes no dev:defaultValue, so a default can only be compared where both files record one.
            if (e.DefaultValue is not null && a.DefaultValue is not null)
            {
                Same(d, c, p + ": default value", e.DefaultValue, a.DefaultValue);
            }
        }

        private static void CompareTypes(List<HelpDifference> d, string c, string kind, IReadOnlyList<MamlType> e, IReadOnlyList<MamlType> a)
        {
            SameList(d, c, kind + " types", e.Select(t => t.Name).ToList(), a.Select(t => t.Name).ToList());
            for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
            {
                SameBlocks(d, c, $"{kind} {e[i].Name}: description", e[i].Description, a[i].Description);
            }
        }

        private static void Same(List<HelpDifference> d, string command, string item, string expected, string actual)
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                d.Add(new HelpDifference(command, item, expected, actual));
            }
        }

        private static void SameBlocks(List<HelpDifference> d, string command, string item, IReadOnlyList<TextBlock> expected, IReadOnlyList<TextBlock> actual) =>
            SameList(d, command, item, expected.Select(b => b.ToString()).ToList(), actual.Select(b => b.ToString()).ToList());

        /// <summary>Reports the first element that differs, which is enough to find the change.</summary>
        private static void SameList(List<HelpDifference> d, string command, string item, IReadOnlyList<string> expected, IReadOnlyList<string> actual)
        {
            for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
            {
                var e = i < expected.Count ? expected[i] : Missing;
                var a = i < actual.Count ? actual[i] : Missing;
                if (!string.Equals(e, a, StringComparison.Ordinal))
                {
                    var where = expected.Count > 1 || actual.Count > 1 ? $"{item} (part {i + 1})" : item;
                    d.Add(new HelpDifference(command, where, e, a));
                    return;
                }
            }
        }

        private static string Count(int n, string noun) => n == 0 ? Missing : n == 1 ? "1 " + noun : $"{n} {noun}s";
    }
}
