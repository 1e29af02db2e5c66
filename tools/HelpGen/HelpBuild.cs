using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EmbedAdmin.HelpGen.About;
using EmbedAdmin.HelpGen.Maml;

namespace EmbedAdmin.HelpGen
{
    /// <summary>The three things the command line does: write all of en-US/, write the about topics, check en-US/.</summary>
    public static class HelpBuild
    {
        public static IReadOnlyList<string> WriteAll(string docsDirectory, string outputDirectory)
        {
            var commands = MarkdownHelpReader.ReadDirectory(docsDirectory);
            var written = new List<string>(MamlWriter.WriteFiles(commands, outputDirectory));
            written.AddRange(new AboutTopicWriter().WriteFiles(docsDirectory, outputDirectory));
            return written;
        }

        public static IReadOnlyList<string> WriteAbout(string docsDirectory, string outputDirectory) =>
            new AboutTopicWriter().WriteFiles(docsDirectory, outputDirectory);

        /// <summary>
        /// Everything that keeps en-US/ from being what docs/ produce: help that is missing from the pages, MAML that says
        /// something else than the pages (compared semantically, since en-US/ may have been written by PlatyPS), and
        /// about topics that are not the text HelpGen renders (compared line by line; line ends do not count, so a
        /// checkout with CRLF endings passes).
        /// </summary>
        public static IReadOnlyList<string> Check(string docsDirectory, string helpDirectory)
        {
            var problems = new List<string>();
            var commands = MarkdownHelpReader.ReadDirectory(docsDirectory);
            problems.AddRange(HelpCoverage.Problems(commands).Select(p => "docs: " + p));

            foreach (var group in commands.GroupBy(c => c.ExternalHelpFile, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var path = Path.Combine(helpDirectory, group.Key);
                if (!File.Exists(path))
                {
                    problems.Add($"{group.Key}: missing from {helpDirectory}");
                    continue;
                }

                IReadOnlyList<HelpDifference> differences;
                try
                {
                    differences = MamlComparer.Compare(MamlWriter.Write(group), File.ReadAllText(path));
                }
                catch (System.Xml.XmlException e)
                {
                    problems.Add($"{group.Key}: not well-formed XML: {e.Message}");
                    continue;
                }

                problems.AddRange(differences.Select(d => $"{group.Key}: {d}"));
            }

            var writer = new AboutTopicWriter();
            foreach (var topic in AboutTopicWriter.TopicFiles(docsDirectory))
            {
                var name = AboutTopicWriter.OutputFileName(topic);
                var path = Path.Combine(helpDirectory, name);
                if (!File.Exists(path))
                {
                    problems.Add($"{name}: missing from {helpDirectory}");
                    continue;
                }

                var expected = writer.Render(File.ReadAllText(topic));
                var actual = File.ReadAllText(path).Replace("\r\n", "\n");
                if (expected != actual)
                {
                    problems.Add($"{name}: differs from what {Path.GetFileName(topic)} produces (- committed, + generated):\n"
                        + string.Join("\n", LineDiff.Describe(actual, expected).Select(l => "    " + l)));
                }
            }

            return problems;
        }
    }
}
