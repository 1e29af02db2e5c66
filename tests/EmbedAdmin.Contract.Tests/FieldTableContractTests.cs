using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.DataBrain.Workspaces;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.Requests;
using Xunit;

namespace EmbedAdmin.Contract.Tests
{
    /// <summary>
    /// A cmdlet's pipeline parameters, their aliases and the model the fields read back into say exactly what the
    /// resource's field table declares: nothing more, nothing less.
    /// </summary>
    public static class FieldTableContract
    {
        /// <param name="cmdlet">The cmdlet.</param>
        /// <param name="tables">The tables whose fields it sets (a datamart's parts and its tenancy fields); the first names its identity and inputs.</param>
        public static IReadOnlyList<string> Violations(CmdletContract cmdlet, params FieldTable[] tables)
        {
            var violations = new List<string>();
            var table = tables[0];
            var resources = string.Join(" or ", tables.Select(t => t.Resource));
            var parameters = cmdlet.Parameters.Where(p => p.ByPropertyName && !p.DontShow).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
            foreach (var name in parameters.Keys.Where(n => tables.All(t => t.Find(n) is null) && !table.Identity.Concat(table.Inputs).Contains(n, StringComparer.OrdinalIgnoreCase)))
            {
                violations.Add($"{cmdlet.Name}: -{name} is not declared in the {resources} field table.");
            }

            foreach (var field in tables.SelectMany(t => t.Fields))
            {
                if (!parameters.TryGetValue(field.Parameter, out var parameter))
                {
                    violations.Add($"{cmdlet.Name}: the {resources} field {field.ApiPath} has no parameter -{field.Parameter}.");
                    continue;
                }

                var declared = new HashSet<string>(field.ColumnNames, StringComparer.OrdinalIgnoreCase);
                var bound = new HashSet<string>(parameter.Aliases.Append(parameter.Name), StringComparer.OrdinalIgnoreCase);
                foreach (var alias in bound.Where(a => !declared.Contains(a)))
                {
                    violations.Add($"{cmdlet.Name}: -{field.Parameter} has the alias '{alias}', which the field table does not declare.");
                }

                // A legacy name equal to another name but for case binds already: PowerShell binds without case.
                foreach (var name in declared.Where(n => !bound.Contains(n)))
                {
                    violations.Add($"{cmdlet.Name}: -{field.Parameter} lacks the alias '{name}' the field table declares.");
                }
            }

            foreach (var identity in table.Identity.Where(i => !parameters.ContainsKey(i)))
            {
                violations.Add($"{cmdlet.Name}: has no -{identity}, which names the {table.Resource} a row is for.");
            }

            foreach (var input in table.Inputs.Where(i => !parameters.ContainsKey(i)))
            {
                violations.Add($"{cmdlet.Name}: has no -{input}, which the {table.Resource} table names as an input.");
            }

            return violations;
        }

        public static IReadOnlyList<string> ModelViolations(FieldTable table)
        {
            var violations = new List<string>();
            var properties = table.Model.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToList();
            var declared = table.Fields.Select(f => f.Property).OfType<string>().Concat(table.Identity).Concat(table.ReadOnlyColumns).ToList();
            foreach (var property in properties.Where(p => !declared.Contains(p, StringComparer.Ordinal)))
            {
                violations.Add($"{table.Model.Name}.{property} is neither a field, the identity, nor a read-only column of the {table.Resource} table.");
            }

            // A write-only field (sent, never read back) declares that it has no property.
            foreach (var field in table.Fields.Where(f => f.Property is not null && !properties.Contains(f.Property, StringComparer.Ordinal)))
            {
                violations.Add($"{table.Model.Name} has no property {field.Property} for the field {field.ApiPath}.");
            }

            return violations;
        }
    }

    public class FieldTableContractTests
    {
        internal static readonly IReadOnlyList<CmdletContract> Cmdlets =
            CmdletMetadata.Read(Path.Combine(CmdletMetadata.TestOutput, "EmbedAdmin.dll"), out _);

        internal static readonly Dictionary<string, FieldTable> Tables = new()
        {
            ["embed access"] = EmbedAccessChange.Table,
            ["workspace"] = WorkspaceChange.Table,
            ["secure embed"] = SecureEmbedFields.Table,
            ["datamart"] = DatamartFields.Update,
            ["new datamart"] = DatamartFields.Create,
            ["datamart tenancy"] = DatamartFields.Tenancy,
            ["datamart table"] = DatamartFields.Table,
            ["datamart column"] = DatamartFields.Column,
            ["datamart relationship"] = DatamartFields.Relationship,
            ["dashboard embed"] = DashboardEmbedRequest.Table,
            ["embed"] = EmbedRequest.Table,
            ["guest token"] = GuestTokenRequest.Table,
        };

        public static IEnumerable<object[]> CmdletTables() => new[]
        {
            new object[] { "Set-EmbedAccess", "embed access" },
            new object[] { "New-Workspace", "workspace" },
            new object[] { "Update-Workspace", "workspace" },
            new object[] { "Set-SecureEmbed", "secure embed" },
            new object[] { "New-Datamart", "new datamart+datamart tenancy" },
            new object[] { "Update-Datamart", "datamart+datamart tenancy" },
            new object[] { "New-DashboardEmbed", "dashboard embed" },
            new object[] { "New-Embed", "embed" },
            new object[] { "New-GuestToken", "guest token" },
        };

        /// <summary>The tables a CmdletTables entry names ("datamart+datamart tenancy").</summary>
        internal static FieldTable[] TablesOf(string tables) => tables.Split('+').Select(t => Tables[t]).ToArray();

        public static IEnumerable<object[]> TableNames() => Tables.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(CmdletTables))]
        public void TheCmdletBindsExactlyWhatItsFieldTableDeclares(string cmdlet, string table) =>
            Assert.Empty(FieldTableContract.Violations(Cmdlets.Single(c => c.Name == cmdlet), TablesOf(table)));

        [Theory]
        [MemberData(nameof(TableNames))]
        public void EveryModelPropertyIsDeclaredAndEveryFieldHasOne(string table) =>
            Assert.Empty(FieldTableContract.ModelViolations(Tables[table]));

        [Fact]
        public void EveryApiPathParameterAndColumnNameIsDeclaredOnce()
        {
            foreach (var table in Tables.Values)
            {
                var names = table.Fields.SelectMany(f => f.ColumnNames.Select(n => n.ToUpperInvariant()).Distinct()).ToList();
                Assert.Equal(names.Count, names.Distinct().Count());
                Assert.Equal(table.Fields.Count, table.Fields.Select(f => f.ApiPath).Distinct().Count());
            }
        }
    }

    /// <summary>The field-table contract reports each kind of drift it claims to.</summary>
    public class FieldTableContractCatchesDrift
    {
        private static readonly FieldTable Table = new(
            "widget",
            typeof(Widget),
            new[] { FieldSpec.Boolean("AllowColour", "settings.isAllowColour").WithLegacyNames("allowColor"), FieldSpec.Text("Size", "size") },
            identity: new[] { "WidgetId" });

        private static readonly FieldTable Colour = new("widget colour", typeof(Widget), new[] { FieldSpec.Text("ColourName", "colour.name").NotByApiName() });

        private static readonly FieldTable WithInput = new("widget", typeof(Widget), Table.Fields, identity: new[] { "WidgetId" }, inputs: new[] { "Path" });

        private static ParameterContract Parameter(string name, params string[] aliases) => new(name, "String", aliases, false, true, false, false);

        private static CmdletContract Cmdlet(params ParameterContract[] parameters) =>
            new("SetWidgetCommand", "Set", "Widget", true, "Medium", Array.Empty<string>(), Array.Empty<string>(), parameters);

        [Fact]
        public void AMatchingCmdletHasNoViolations() =>
            Assert.Empty(FieldTableContract.Violations(Cmdlet(Parameter("WidgetId"), Parameter("AllowColour", "isAllowColour", "allowColor"), Parameter("Size")), Table));

        [Fact]
        public void AnUndeclaredParameterIsReported() =>
            Assert.Contains(
                "Set-Widget: -Weight is not declared in the widget field table.",
                FieldTableContract.Violations(Cmdlet(Parameter("WidgetId"), Parameter("AllowColour", "isAllowColour", "allowColor"), Parameter("Size"), Parameter("Weight")), Table));

        [Fact]
        public void AnUndeclaredAliasAndAMissingOneAreReported()
        {
            var violations = FieldTableContract.Violations(Cmdlet(Parameter("WidgetId"), Parameter("AllowColour", "isAllowColour", "colourAllowed"), Parameter("Size")), Table);

            Assert.Contains("Set-Widget: -AllowColour has the alias 'colourAllowed', which the field table does not declare.", violations);
            Assert.Contains("Set-Widget: -AllowColour lacks the alias 'allowColor' the field table declares.", violations);
        }

        [Fact]
        public void AFieldWithoutAParameterIsReported() =>
            Assert.Contains(
                "Set-Widget: the widget field settings.isAllowColour has no parameter -AllowColour.",
                FieldTableContract.Violations(Cmdlet(Parameter("WidgetId"), Parameter("Size")), Table));

        [Fact]
        public void AFieldOfASecondTableWithoutAParameterIsReported() =>
            Assert.Contains(
                "Set-Widget: the widget or widget colour field colour.name has no parameter -ColourName.",
                FieldTableContract.Violations(Cmdlet(Parameter("WidgetId"), Parameter("AllowColour", "isAllowColour", "allowColor"), Parameter("Size")), Table, Colour));

        [Fact]
        public void AParameterOfASecondTableIsNotReported() =>
            Assert.Empty(FieldTableContract.Violations(Cmdlet(Parameter("WidgetId"), Parameter("AllowColour", "isAllowColour", "allowColor"), Parameter("Size"), Parameter("ColourName")), Table, Colour));

        [Fact]
        public void AMissingInputIsReported() =>
            Assert.Contains(
                "Set-Widget: has no -Path, which the widget table names as an input.",
                FieldTableContract.Violations(Cmdlet(Parameter("WidgetId"), Parameter("AllowColour", "isAllowColour", "allowColor"), Parameter("Size")), WithInput));

        [Fact]
        public void AnUndeclaredModelPropertyIsReported() =>
            Assert.Equal(
                new[] { "Widget.Notes is neither a field, the identity, nor a read-only column of the widget table." },
                FieldTableContract.ModelViolations(Table));

        [Fact]
        public void AWriteOnlyFieldNeedsNoPropertyButAReadFieldDoes()
        {
            var table = new FieldTable(
                "widget",
                typeof(Widget),
                new[] { FieldSpec.Text("Size", "size"), FieldSpec.Text("Colour", "colour").WriteOnly(), FieldSpec.Text("Weight", "weight") },
                identity: new[] { "WidgetId" },
                readOnly: new[] { "Notes", "AllowColour" });

            Assert.Equal(new[] { "Widget has no property Weight for the field weight." }, FieldTableContract.ModelViolations(table));
        }

        private sealed class Widget
        {
            public string WidgetId { get; set; } = string.Empty;

            public bool? AllowColour { get; set; }

            public string? Size { get; set; }

            public string? Notes { get; set; }
        }
    }
}
