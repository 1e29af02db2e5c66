using System;
using System.Collections.Generic;
using System.Linq;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Datasources;
using EmbedAdmin.Core.Requests;
using EmbedAdmin.Core.Sessions;
using Xunit;

namespace EmbedAdmin.Contract.Tests
{
    /// <summary>
    /// Tab offers what the field accepts: a parameter of a choice field completes exactly the field's choices, and a
    /// fixed-value completer completes a field's choices or a named vocabulary that no field table holds. So a value
    /// is declared once, and a choice added to a field cannot be missing from Tab.
    /// </summary>
    public static class CompleterContract
    {
        /// <param name="cmdlets">The cmdlets.</param>
        /// <param name="tablesOf">The field tables a cmdlet sets, or null: its parameters are then looked up in every table by name (Get-Embed -EmbedType).</param>
        /// <param name="allTables">Every field table.</param>
        /// <param name="offers">What a completer type (by full name) offers for an empty word, or null when it does not complete fixed values.</param>
        /// <param name="vocabularies">Fixed values a parameter takes that no field table declares (a Datadog site), by parameter name.</param>
        public static IReadOnlyList<string> Violations(
            IEnumerable<CmdletContract> cmdlets,
            Func<string, IReadOnlyList<FieldTable>?> tablesOf,
            IReadOnlyCollection<FieldTable> allTables,
            Func<string, IReadOnlyList<string>?> offers,
            IReadOnlyDictionary<string, IReadOnlyList<string>> vocabularies)
        {
            var violations = new List<string>();
            foreach (var cmdlet in cmdlets)
            {
                foreach (var parameter in cmdlet.Parameters)
                {
                    var fields = (tablesOf(cmdlet.Name) ?? allTables)
                        .SelectMany(t => t.Fields.Select(f => (Table: t, Field: f)))
                        .Where(x => x.Field.Choices.Count > 0 && string.Equals(x.Field.Parameter, parameter.Name, StringComparison.OrdinalIgnoreCase))
                        .ToList();
                    if (fields.Select(x => x.Field.Choices).Distinct(ChoiceSet.Instance).Count() > 1)
                    {
                        violations.Add($"{cmdlet.Name}: -{parameter.Name} is a choice field of several tables with different choices ({string.Join(", ", fields.Select(x => x.Table.Resource))}).");
                        continue;
                    }

                    IReadOnlyList<string>? expected = null;
                    var source = string.Empty;
                    if (fields.Count > 0)
                    {
                        (expected, source) = (fields[0].Field.Choices, $"the {fields[0].Table.Resource} field {fields[0].Field.ApiPath}");
                    }
                    else if (vocabularies.TryGetValue(parameter.Name, out var vocabulary))
                    {
                        (expected, source) = (vocabulary, $"the {parameter.Name} vocabulary");
                    }

                    var offered = parameter.Completer is null ? null : offers(parameter.Completer);
                    if (expected is null)
                    {
                        if (offered is not null)
                        {
                            violations.Add($"{cmdlet.Name}: -{parameter.Name} completes fixed values ({string.Join(", ", offered)}) that no field table or listed vocabulary declares.");
                        }
                    }
                    else if (parameter.Completer is null)
                    {
                        violations.Add($"{cmdlet.Name}: -{parameter.Name} takes one of {source}'s values but has no completer.");
                    }
                    else if (offered is null)
                    {
                        violations.Add($"{cmdlet.Name}: -{parameter.Name} takes one of {source}'s values but its completer {parameter.Completer} does not complete fixed values.");
                    }
                    else if (!ChoiceSet.Instance.Equals(offered, expected))
                    {
                        violations.Add($"{cmdlet.Name}: -{parameter.Name} completes {string.Join(", ", offered)}; {source} takes {string.Join(", ", expected)}.");
                    }
                }
            }

            return violations;
        }

        /// <summary>The same values in any order, spelled alike: the API matches them exactly.</summary>
        private sealed class ChoiceSet : IEqualityComparer<IReadOnlyList<string>>
        {
            public static readonly ChoiceSet Instance = new();

            public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y) =>
                x is not null && y is not null && x.Count == y.Count && new HashSet<string>(x, StringComparer.Ordinal).SetEquals(y);

            public int GetHashCode(IReadOnlyList<string> values) => values.Count;
        }
    }

    public class CompleterContractTests
    {
        /// <summary>Parameters that take fixed values no field table declares: they are not API fields.</summary>
        private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Vocabularies = new Dictionary<string, IReadOnlyList<string>>
        {
            ["DatadogSite"] = DatadogSites.All,
            ["DatasourceType"] = DatasourceTypes.Names,
        };

        private static readonly IReadOnlyDictionary<string, FieldTable[]> CmdletTables =
            FieldTableContractTests.CmdletTables().ToDictionary(row => (string)row[0], row => FieldTableContractTests.TablesOf((string)row[1]));

        [Fact]
        public void EveryChoiceParameterCompletesExactlyItsFieldsChoices()
        {
            var violations = CompleterContract.Violations(
                FieldTableContractTests.Cmdlets,
                cmdlet => CmdletTables.TryGetValue(cmdlet, out var tables) ? tables : null,
                FieldTableContractTests.Tables.Values,
                Offers,
                Vocabularies);

            Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        }

        /// <summary>The contract above looked at the parameters it is about, so its empty result means something.</summary>
        [Fact]
        public void TheContractSeesTheChoiceParametersAndTheirCompleters()
        {
            var completed = FieldTableContractTests.Cmdlets
                .SelectMany(c => c.Parameters.Where(p => p.Completer is not null && Offers(p.Completer) is not null).Select(p => c.Name + " -" + p.Name))
                .ToList();

            Assert.Superset(
                new HashSet<string>
                {
                    "Set-EmbedAccess -JoinModel", "Update-Workspace -ConnectionType", "New-Workspace -SummaryType", "New-Datamart -TenancyLevel",
                    "Update-Datamart -ClientColumnType", "Set-SecureEmbed -LiveSpan", "New-SecureEmbed -Theme", "Get-Embed -EmbedType",
                    "New-DashboardEmbed -MetricImportMode", "Connect-EmbedAdmin -DatadogSite",
                },
                completed.ToHashSet());
            Assert.Null(Offers(typeof(EmbedIdCompleter).FullName!));
        }

        /// <summary>What Tab offers for an empty word; null for a completer of names that live in the service.</summary>
        private static IReadOnlyList<string>? Offers(string completer)
        {
            var type = typeof(ChoiceCompleter).Assembly.GetType(completer, throwOnError: true)!;
            return typeof(ChoiceCompleter).IsAssignableFrom(type) ? ((ChoiceCompleter)Activator.CreateInstance(type)!).Complete(string.Empty) : null;
        }
    }

    /// <summary>The completer contract reports each kind of drift it claims to.</summary>
    public class CompleterContractCatchesDrift
    {
        private static readonly FieldTable Table = new(
            "widget",
            typeof(object),
            new[] { FieldSpec.Choice("Size", "size", "S", "M", "L"), FieldSpec.Text("Label", "label") });

        private static readonly FieldTable Other = new("gadget", typeof(object), new[] { FieldSpec.Choice("Size", "size", "XS", "XL") });

        private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>?> Completers = new Dictionary<string, IReadOnlyList<string>?>
        {
            ["SizeCompleter"] = new[] { "L", "M", "S" },
            ["OldSizeCompleter"] = new[] { "S", "M" },
            ["LowerSizeCompleter"] = new[] { "s", "m", "l" },
            ["NameCompleter"] = null,
            ["RegionCompleter"] = new[] { "eu", "us" },
        };

        private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Regions = new Dictionary<string, IReadOnlyList<string>> { ["Region"] = new[] { "us", "eu" } };

        private static ParameterContract Parameter(string name, string? completer = null) => new(name, "String", Array.Empty<string>(), false, true, false, false, completer);

        private static IReadOnlyList<string> Violations(params ParameterContract[] parameters) =>
            CompleterContract.Violations(
                new[] { new CmdletContract("SetWidgetCommand", "Set", "Widget", true, "Medium", Array.Empty<string>(), Array.Empty<string>(), parameters) },
                name => name == "Set-Widget" ? new[] { Table } : null,
                new[] { Table, Other },
                completer => Completers[completer],
                Regions);

        [Fact]
        public void MatchingCompletersHaveNoViolations() =>
            Assert.Empty(Violations(Parameter("Size", "SizeCompleter"), Parameter("Label", "NameCompleter"), Parameter("Region", "RegionCompleter")));

        [Theory]
        [InlineData("Size", "OldSizeCompleter", "Set-Widget: -Size completes S, M; the widget field size takes S, M, L.")]
        [InlineData("Size", "LowerSizeCompleter", "Set-Widget: -Size completes s, m, l; the widget field size takes S, M, L.")]
        [InlineData("Size", null, "Set-Widget: -Size takes one of the widget field size's values but has no completer.")]
        [InlineData("Size", "NameCompleter", "Set-Widget: -Size takes one of the widget field size's values but its completer NameCompleter does not complete fixed values.")]
        [InlineData("Label", "RegionCompleter", "Set-Widget: -Label completes fixed values (eu, us) that no field table or listed vocabulary declares.")]
        [InlineData("Region", "OldSizeCompleter", "Set-Widget: -Region completes S, M; the Region vocabulary takes us, eu.")]
        public void EachDriftIsReported(string parameter, string? completer, string violation) =>
            Assert.Equal(new[] { violation }, Violations(Parameter(parameter, completer)));

        [Fact]
        public void ACmdletThatSetsNoTableIsCheckedByParameterNameAcrossTables()
        {
            var cmdlet = new CmdletContract("GetWidgetCommand", "Get", "Widget", false, "Medium", Array.Empty<string>(), Array.Empty<string>(), new[] { Parameter("Size", "OldSizeCompleter") });
            IReadOnlyList<string> Across(params FieldTable[] tables) =>
                CompleterContract.Violations(new[] { cmdlet }, _ => null, tables, completer => Completers[completer], Regions);

            Assert.Equal(new[] { "Get-Widget: -Size completes S, M; the widget field size takes S, M, L." }, Across(Table));
            Assert.Equal(new[] { "Get-Widget: -Size is a choice field of several tables with different choices (widget, gadget)." }, Across(Table, Other));
        }
    }
}
