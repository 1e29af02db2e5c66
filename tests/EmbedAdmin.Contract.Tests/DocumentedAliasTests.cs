using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace EmbedAdmin.Contract.Tests
{
    /// <summary>
    /// The "Aliases:" line of every parameter in docs/Verb-Noun.md against the [Alias] attributes the built cmdlet
    /// declares. A CSV column named like an alias binds only if the cmdlet really has it, so help that lists an alias
    /// the code lost (or misses one the code has) sends administrators' spreadsheets the wrong way.
    /// </summary>
    public class DocumentedAliasTests
    {
        private static readonly IReadOnlyList<CmdletContract> Cmdlets =
            CmdletMetadata.Read(Path.Combine(CmdletMetadata.TestOutput, "EmbedAdmin.dll"), out _);

        // PowerShell adds these with SupportsShouldProcess, with its own aliases; they are not attributes of the class.
        private static readonly IReadOnlyDictionary<string, string[]> ShouldProcessParameters = new Dictionary<string, string[]>
        {
            ["WhatIf"] = new[] { "wi" },
            ["Confirm"] = new[] { "cf" },
        };

        public static IEnumerable<object[]> DocumentedParameters() =>
            Cmdlets.OrderBy(c => c.Name, StringComparer.Ordinal)
                .SelectMany(c => Documented(c.Name).Select(p => new object[] { c.Name, p.Key, string.Join(", ", p.Value) }));

        [Theory]
        [MemberData(nameof(DocumentedParameters))]
        public void EachDocumentedAliasIsOneTheParameterHas(string cmdlet, string parameter, string documentedAliases)
        {
            var contract = Cmdlets.Single(c => c.Name == cmdlet);
            var declared = ShouldProcessParameters.TryGetValue(parameter, out var shouldProcess) && contract.SupportsShouldProcess
                ? shouldProcess
                : contract.Parameters.SingleOrDefault(p => p.Name == parameter)?.Aliases
                    ?? throw new Xunit.Sdk.XunitException($"docs/{cmdlet}.md documents -{parameter}, which {cmdlet} does not have");

            Assert.Equal(
                declared.OrderBy(a => a, StringComparer.OrdinalIgnoreCase),
                Split(documentedAliases).OrderBy(a => a, StringComparer.OrdinalIgnoreCase),
                StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Where a resource has a field table, the help's aliases are exactly the column names it declares.</summary>
        [Theory]
        [MemberData(nameof(FieldTableContractTests.CmdletTables), MemberType = typeof(FieldTableContractTests))]
        public void TheHelpsAliasesAreTheColumnNamesOfTheFieldTable(string cmdlet, string table)
        {
            var documented = Documented(cmdlet);
            foreach (var field in FieldTableContractTests.TablesOf(table).SelectMany(t => t.Fields))
            {
                var help = new HashSet<string>(documented.TryGetValue(field.Parameter, out var aliases) ? aliases : Array.Empty<string>(), StringComparer.OrdinalIgnoreCase) { field.Parameter };
                Assert.True(
                    help.SetEquals(field.ColumnNames),
                    $"docs/{cmdlet}.md -{field.Parameter}: the help lists {string.Join(", ", help)}; the {table} field table declares {string.Join(", ", field.ColumnNames)}");
            }
        }

        /// <summary>The other way round: a parameter with aliases whose help says nothing about them.</summary>
        [Fact]
        public void EveryAliasedParameterHasItsAliasesInItsHelp()
        {
            var undocumented = Cmdlets
                .SelectMany(c => c.Parameters.Where(p => p.Aliases.Count > 0 && !p.DontShow && !Documented(c.Name).ContainsKey(p.Name))
                    .Select(p => $"{c.Name} -{p.Name} ({string.Join(", ", p.Aliases)})"))
                .ToList();

            Assert.Empty(undocumented);
        }

        /// <summary>Parameter name to its "Aliases:" entries, for each "### -Name" section of the cmdlet's page.</summary>
        private static IReadOnlyDictionary<string, string[]> Documented(string cmdlet)
        {
            var path = Path.Combine(Repository.Root, "docs", cmdlet + ".md");
            var text = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : string.Empty;
            return Regex.Matches(text, "^### -(?<name>\\w+)\\n.*?^```yaml\\n(?<yaml>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)
                .Where(m => Regex.IsMatch(m.Groups["yaml"].Value, "^Aliases:", RegexOptions.Multiline))
                .ToDictionary(
                    m => m.Groups["name"].Value,
                    m => Split(Regex.Match(m.Groups["yaml"].Value, "^Aliases:(.*)$", RegexOptions.Multiline).Groups[1].Value).ToArray());
        }

        private static IEnumerable<string> Split(string list) =>
            list.Split(',').Select(a => a.Trim()).Where(a => a.Length > 0);
    }
}
