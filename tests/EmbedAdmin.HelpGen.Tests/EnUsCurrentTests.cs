using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using EmbedAdmin.HelpGen.About;
using EmbedAdmin.HelpGen.Maml;
using Xunit;

namespace EmbedAdmin.HelpGen.Tests
{
    /// <summary>
    /// The committed en-US/ is what the repository's docs/ produce, and every cmdlet the module exports has help.
    /// When one of these fails, run ./build.ps1 Help and commit en-US/.
    /// </summary>
    public class EnUsCurrentTests
    {
        private static readonly string CommittedMamlPath = Path.Combine(RepoPaths.EnUs, "EmbedAdmin.dll-Help.xml");

        public static IEnumerable<object[]> ExportedCmdlets()
        {
            var manifest = File.ReadAllText(RepoPaths.Manifest);
            var list = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\((?<items>[^)]*)\)", RegexOptions.Singleline);
            Assert.True(list.Success, "EmbedAdmin.psd1 has no CmdletsToExport list");
            return Regex.Matches(list.Groups["items"].Value, "'([^']+)'").Select(m => new object[] { m.Groups[1].Value });
        }

        [Fact]
        public void MamlSaysWhatTheDocsSay()
        {
            var generated = MamlWriter.Write(MarkdownHelpReader.ReadDirectory(RepoPaths.Docs));

            var differences = MamlComparer.Compare(generated, File.ReadAllText(CommittedMamlPath));

            Assert.True(differences.Count == 0, "en-US/EmbedAdmin.dll-Help.xml is out of date with docs/ (run ./build.ps1 Help):\n" + string.Join("\n", differences));
        }

        [Fact]
        public void AboutTopicIsExactlyWhatTheDocsProduce()
        {
            var topics = AboutTopicWriter.TopicFiles(RepoPaths.Docs);
            Assert.Contains(topics, t => Path.GetFileName(t) == "about_EmbedAdmin.md");

            foreach (var topic in topics)
            {
                var committed = Path.Combine(RepoPaths.EnUs, AboutTopicWriter.OutputFileName(topic));
                Assert.True(File.Exists(committed), $"{committed} is missing (run ./build.ps1 Help)");
                Assert.Equal(new AboutTopicWriter().Render(File.ReadAllText(topic)), File.ReadAllText(committed).Replace("\r\n", "\n"));
            }
        }

        [Fact]
        public void CheckFindsNothingToDo()
        {
            var problems = HelpBuild.Check(RepoPaths.Docs, RepoPaths.EnUs);

            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Theory]
        [MemberData(nameof(ExportedCmdlets))]
        public void EveryExportedCmdletHasHelpForItAndEachOfItsParameters(string cmdlet)
        {
            var command = MamlReader.ReadFile(CommittedMamlPath).SingleOrDefault(c => c.Name == cmdlet);

            Assert.True(command is not null, $"en-US/EmbedAdmin.dll-Help.xml has no help for {cmdlet}");
            Assert.NotEmpty(command!.Synopsis);
            Assert.NotEmpty(command.Description);
            Assert.NotEmpty(command.Examples);
            Assert.NotEmpty(command.Syntax);
            foreach (var name in command.Syntax.SelectMany(s => s.Parameters).Select(p => p.Name).Distinct())
            {
                var parameter = command.Parameters.SingleOrDefault(p => p.Name == name);
                Assert.True(parameter is not null, $"{cmdlet} -{name} is in the syntax but has no parameter help");
                Assert.True(parameter!.Description.Count > 0, $"{cmdlet} -{name} has an empty description");
            }
        }

        [Fact]
        public void EveryDocsPageIsAnExportedCmdlet()
        {
            var exported = ExportedCmdlets().Select(o => (string)o[0]).ToList();

            var stale = MarkdownHelpReader.CommandFiles(RepoPaths.Docs).Select(Path.GetFileNameWithoutExtension)
                .Where(page => !exported.Contains(page, StringComparer.OrdinalIgnoreCase)).ToList();

            Assert.True(stale.Count == 0, "docs/ has pages for cmdlets EmbedAdmin.psd1 does not export: " + string.Join(", ", stale));
            Assert.NotEmpty(exported);
        }
    }
}
