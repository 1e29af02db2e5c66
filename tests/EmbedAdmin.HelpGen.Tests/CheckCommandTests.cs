using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace EmbedAdmin.HelpGen.Tests
{
    /// <summary>The command line, run in-process on a scratch copy of the sample docs and the en-US/ HelpGen makes of them.</summary>
    public sealed class CheckCommandTests : IDisposable
    {
        private readonly TempFolder _temp = new();
        private readonly string _docs;
        private readonly string _help;

        public CheckCommandTests()
        {
            _docs = _temp.CopyDirectory(RepoPaths.SampleDocs, "docs");
            _help = _temp.Combine("en-US");
            var (code, output, _) = Run("all", _docs, _help);
            Assert.Equal(0, code);
            Assert.Contains("EmbedAdmin.dll-Help.xml", output);
            Assert.Contains("about_EmbedAdmin.help.txt", output);
        }

        public void Dispose() => _temp.Dispose();

        private static (int Code, string Output, string Error) Run(params string[] args)
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = Program.Run(args, output, error);
            return (code, output.ToString(), error.ToString());
        }

        private void EditDoc(string file, string from, string to)
        {
            var path = Path.Combine(_docs, file);
            var text = File.ReadAllText(path);
            Assert.Contains(from, text);
            File.WriteAllText(path, text.Replace(from, to));
        }

        private void EditHelp(string file, Func<string, string> edit)
        {
            var path = Path.Combine(_help, file);
            var before = File.ReadAllText(path);
            var after = edit(before);
            Assert.NotEqual(before, after);
            File.WriteAllText(path, after);
        }

        [Fact]
        public void FreshlyGeneratedHelpIsCurrent()
        {
            var (code, output, _) = Run("check", _docs, _help);

            Assert.Equal(0, code);
            Assert.Contains("is up to date", output);
        }

        [Fact]
        public void HelpWrittenByPlatyPsIsCurrentToo()
        {
            File.Copy(RepoPaths.SampleMaml, Path.Combine(_help, "EmbedAdmin.dll-Help.xml"), overwrite: true);

            Assert.Equal(0, Run("check", _docs, _help).Code);
        }

        [Fact]
        public void AChangedDescriptionIsReported()
        {
            EditDoc("Set-EmbedAccess.md", "The cmdlet is built for CSV files.", "The cmdlet is built for CSV and JSON files.");

            var (code, output, _) = Run("check", _docs, _help);

            Assert.Equal(1, code);
            Assert.Contains("EmbedAdmin.dll-Help.xml: Set-EmbedAccess: description (part 2): expected \"The cmdlet is built for CSV and JSON files.", output);
            Assert.Contains("found \"The cmdlet is built for CSV files.", output);
            Assert.Contains("./build.ps1 Help", output);
        }

        [Fact]
        public void AChangedParameterDescriptionIsReported()
        {
            EditDoc("Connect-EmbedAdmin.md", "The absolute address of a proxy server", "The address of a proxy server");

            var (code, output, _) = Run("check", _docs, _help);

            Assert.Equal(1, code);
            Assert.Contains("Connect-EmbedAdmin: parameter -Proxy: description", output);
        }

        [Fact]
        public void AParameterMissingFromEnUsIsReported()
        {
            EditHelp("EmbedAdmin.dll-Help.xml", xml => Regex.Replace(
                xml,
                @"\s*<command:parameter required=""false""[^>]*pipelineInput=""false"" position=""Named""[^>]*>\s*<maml:name>ThrottleLimit</maml:name>.*?</command:parameter>",
                string.Empty,
                RegexOptions.Singleline));

            var (code, output, _) = Run("check", _docs, _help);

            Assert.Equal(1, code);
            Assert.Contains("Set-EmbedAccess: parameter -ThrottleLimit: expected \"documented\", found \"(missing)\"", output);
        }

        [Fact]
        public void AParameterWithoutHelpIsReported()
        {
            // -ThrottleLimit stays in SYNTAX but loses its PARAMETERS entry.
            var path = Path.Combine(_docs, "Set-EmbedAccess.md");
            var text = File.ReadAllText(path);
            var start = text.IndexOf("### -ThrottleLimit", StringComparison.Ordinal);
            var end = text.IndexOf("### -WhatIf", StringComparison.Ordinal);
            File.WriteAllText(path, text.Remove(start, end - start));

            var (code, output, _) = Run("check", _docs, _help);

            Assert.Equal(1, code);
            Assert.Contains("docs: Set-EmbedAccess: -ThrottleLimit is in SYNTAX but has no '### -ThrottleLimit' under PARAMETERS", output);
            Assert.Contains("Set-EmbedAccess: parameter -ThrottleLimit: expected \"(missing)\", found \"documented\"", output);
        }

        [Fact]
        public void AnEmptySynopsisIsReported()
        {
            EditDoc("Disconnect-EmbedAdmin.md", "Forgets an EmbedAdmin session and wipes its keys from memory; by default, the connected session.", string.Empty);

            var (code, output, _) = Run("check", _docs, _help);

            Assert.Equal(1, code);
            Assert.Contains("docs: Disconnect-EmbedAdmin: SYNOPSIS is empty", output);
        }

        [Fact]
        public void AChangedAboutTopicIsReportedLineByLine()
        {
            EditDoc("about_EmbedAdmin.md", "It runs on Windows PowerShell 5.1 and on PowerShell 7.", "It runs on PowerShell 7.");

            var (code, output, _) = Run("check", _docs, _help);

            Assert.Equal(1, code);
            Assert.Contains("about_EmbedAdmin.help.txt: differs from what about_EmbedAdmin.md produces", output);
            Assert.Contains("    -21:     It runs on Windows PowerShell 5.1 and on PowerShell 7.\n    +21:     It runs on PowerShell 7.\n", output.Replace("\r\n", "\n"));
        }

        [Fact]
        public void AboutTopicWithCrLfLineEndsIsCurrent()
        {
            EditHelp("about_EmbedAdmin.help.txt", text => text.Replace("\n", "\r\n"));

            Assert.Equal(0, Run("check", _docs, _help).Code);
        }

        [Fact]
        public void MissingFilesAreReported()
        {
            File.Delete(Path.Combine(_help, "EmbedAdmin.dll-Help.xml"));
            File.Delete(Path.Combine(_help, "about_EmbedAdmin.help.txt"));

            var (code, output, _) = Run("check", _docs, _help);

            Assert.Equal(1, code);
            Assert.Contains("EmbedAdmin.dll-Help.xml: missing from", output);
            Assert.Contains("about_EmbedAdmin.help.txt: missing from", output);
        }

        [Fact]
        public void AboutCommandWritesOnlyTheAboutTopic()
        {
            var output = _temp.Combine("about-only");

            var (code, _, _) = Run("about", _docs, output);

            Assert.Equal(0, code);
            Assert.Equal(new[] { "about_EmbedAdmin.help.txt" }, Directory.GetFiles(output).Select(Path.GetFileName));
        }

        [Fact]
        public void MalformedDocsExitWithTwoAndSayWhere()
        {
            EditDoc("Connect-EmbedAdmin.md", "```yaml\nType: Uri\nParameter Sets: (All)\nAliases:\n", "```text\nType: Uri\nParameter Sets: (All)\nAliases:\n");

            var (code, _, error) = Run("check", _docs, _help);

            Assert.Equal(2, code);
            Assert.Matches(@"Connect-EmbedAdmin\.md:\d+: parameter -Proxy has no ```yaml block", error);
        }

        [Theory]
        [InlineData]
        [InlineData("check")]
        [InlineData("build", "docs", "out")]
        public void BadArgumentsPrintUsage(params string[] args)
        {
            var (code, _, error) = Run(args);

            Assert.Equal(2, code);
            Assert.Contains("Usage: HelpGen", error);
        }
    }
}
