using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using Xunit;

namespace EmbedAdmin.Contract.Tests
{
    public class CmdletContractTests
    {
        private static readonly IReadOnlyList<string> ApprovedVerbs;
        private static readonly IReadOnlyList<CmdletContract> Cmdlets =
            CmdletMetadata.Read(Path.Combine(CmdletMetadata.TestOutput, "EmbedAdmin.dll"), out ApprovedVerbs);

        private static CmdletContract Cmdlet(string name) => Cmdlets.Single(c => c.Name == name);

        public static IEnumerable<object[]> CmdletNames() => Cmdlets.Select(c => new object[] { c.Name });

        [Fact]
        public void EveryCmdletKeepsTheContract() =>
            Assert.Empty(ContractRules.Violations(Cmdlets, ApprovedVerbs));

        [Fact]
        public void TheModuleHasTheFoundationCmdlets() =>
            Assert.Superset(
                new HashSet<string> { "Connect-EmbedAdmin", "Disconnect-EmbedAdmin", "Get-EmbedAdminSession", "Set-EmbedAccess" },
                Cmdlets.Select(c => c.Name).ToHashSet());

        [Fact]
        public void TheManifestExportsExactlyTheCmdletClasses()
        {
            var exported = Repository.ManifestList("CmdletsToExport").OrderBy(n => n, StringComparer.Ordinal);

            Assert.Equal(Cmdlets.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal), exported);
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void EachCmdletHasItsHelpFileDocumentingEveryVisibleParameter(string name)
        {
            var path = Path.Combine(Repository.Root, "docs", name + ".md");
            Assert.True(File.Exists(path), $"docs/{name}.md is missing");
            var text = File.ReadAllText(path);
            Assert.Matches("## SYNOPSIS\\s*\\n\\S", text);
            Assert.Matches("## DESCRIPTION\\s*\\n\\S", text);
            Assert.True(Regex.Matches(text, "^### Example", RegexOptions.Multiline).Count >= 2, $"{name} needs at least two examples");
            foreach (var parameter in Cmdlet(name).Parameters.Where(p => !p.DontShow))
            {
                Assert.True(Regex.IsMatch(text, "^### -" + parameter.Name + "\\s*$", RegexOptions.Multiline), $"docs/{name}.md does not document -{parameter.Name}");
            }
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void ApiCmdletsTakeASession(string name)
        {
            var cmdlet = Cmdlet(name);
            if (cmdlet.Noun is "EmbedAdmin" or "EmbedAdminSession")
            {
                return; // they create, end or show the session itself
            }

            Assert.Contains("EmbedAdmin.Base.EmbedAdminApiCmdlet", cmdlet.BaseTypes);
            Assert.Contains(cmdlet.Parameters, p => p.Name == "Session" && p.TypeName == "EmbedAdminSession");
        }

        [Fact]
        public void SetEmbedAccessOffersEveryAccessSettingWithItsApiNameAsAlias()
        {
            var parameters = Cmdlet("Set-EmbedAccess").Parameters.ToDictionary(p => p.Name);
            foreach (var field in EmbedAccessChange.Fields)
            {
                Assert.True(parameters.ContainsKey(field.Parameter), $"Set-EmbedAccess has no -{field.Parameter}");
                var parameter = parameters[field.Parameter];
                Assert.True(parameter.ByPropertyName, $"-{field.Parameter} must bind from a CSV column");
                if (!string.Equals(field.ApiName, field.Parameter, StringComparison.OrdinalIgnoreCase))
                {
                    Assert.Contains(field.ApiName, parameter.Aliases);
                }
            }
        }

        [Fact]
        public void SetEmbedAccessBooleansAreNullableSoAnAbsentColumnMeansNotSet()
        {
            var booleans = Cmdlet("Set-EmbedAccess").Parameters.Where(p => p.Name.StartsWith("Allow", StringComparison.Ordinal) || p.Name == "IsIncrementalJoin");

            Assert.All(booleans, p => Assert.Equal("Boolean?", p.TypeName));
        }

        [Fact]
        public void SetEmbedAccessKeepsTheInputRowAndIsAMediumImpactChange()
        {
            var cmdlet = Cmdlet("Set-EmbedAccess");

            Assert.True(cmdlet.SupportsShouldProcess);
            Assert.Equal("Medium", cmdlet.ConfirmImpact);
            Assert.Contains(cmdlet.Parameters, p => p.Name == "InputObject" && p.ByValue && p.DontShow);
            Assert.Contains(cmdlet.Parameters, p => p.Name == "EmbedId" && p.Mandatory && p.ByPropertyName);
            Assert.Contains("EmbedAdmin.Core.Models.EmbedAccess", cmdlet.OutputTypes);
        }

        [Theory]
        [MemberData(nameof(CmdletNames))]
        public void CmdletsThatWriteObjectsDeclareTheirType(string name)
        {
            if (name.StartsWith("Disconnect-", StringComparison.Ordinal) || name.StartsWith("Remove-", StringComparison.Ordinal))
            {
                return; // they write nothing
            }

            Assert.NotEmpty(Cmdlet(name).OutputTypes);
        }

        [Fact]
        public void EachCmdletLivesInAFileNamedForItsClass()
        {
            var folder = Path.Combine(Repository.Root, "src", "EmbedAdmin", "Commands");
            foreach (var cmdlet in Cmdlets)
            {
                var file = Path.Combine(folder, cmdlet.ClassName + ".cs");
                Assert.True(File.Exists(file), $"{cmdlet.ClassName} should be in src/EmbedAdmin/Commands/{cmdlet.ClassName}.cs");
                Assert.Single(Regex.Matches(File.ReadAllText(file), @"\[Cmdlet\("));
            }
        }
    }

    /// <summary>The rules catch what they claim to: each broken fixture cmdlet is reported.</summary>
    public class ContractRulesCatchBreakage
    {
        private static readonly IReadOnlyList<string> Violations = Check();

        private static IReadOnlyList<string> Check()
        {
            var cmdlets = CmdletMetadata.Read(Path.Combine(CmdletMetadata.TestOutput, "BrokenCmdlets.dll"), out var verbs);
            return ContractRules.Violations(cmdlets, verbs);
        }

        [Fact]
        public void AChangeWithoutShouldProcessIsReported() =>
            Assert.Contains("Set-Widget: changes something but lacks SupportsShouldProcess.", Violations);

        [Fact]
        public void AParameterThatLostPipelineBindingIsReported() =>
            Assert.Contains("Set-Widget: parameter -Colour is not pipeline-bindable by property name.", Violations);

        [Fact]
        public void AnUnapprovedVerbIsReported() =>
            Assert.Contains("Frobnicate-Widget: 'Frobnicate' is not an approved verb.", Violations);

        [Fact]
        public void AClassNotNamedVerbNounCommandIsReported() =>
            Assert.Contains(Violations, v => v.StartsWith("Frobnicate-Widget: class WidgetFrobber", StringComparison.Ordinal));

        [Fact]
        public void ADeleteAtMediumImpactIsReported() =>
            Assert.Contains("Remove-Widget: is destructive but its ConfirmImpact is Medium, not High.", Violations);

        [Fact]
        public void NothingElseIsReported() => Assert.Equal(5, Violations.Count);
    }
}
