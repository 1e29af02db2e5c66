using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Requests;
using EmbedAdmin.Core.DataBrain.Dashboards;
using EmbedAdmin.Core.DataBrain.DataApps;
using EmbedAdmin.Core.DataBrain.Datasources;
using EmbedAdmin.Core.DataBrain.Workspaces;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>
    /// Bad input, below the cmdlets: the corpus that tests/Pester/BadInput.Tests.ps1 runs through the
    /// module (tests/Pester/BadInput/corpus.json) is fed to Core's request classes directly, with the values
    /// PowerShell would hand them. Each case must be refused by Core with the same error id, or, where PowerShell
    /// refuses it while binding (a Boolean word it cannot read), with the Core id the corpus names in coreErrorId.
    /// Cases the cmdlet layer checks itself are marked "core": false in the corpus.
    /// </summary>
    public class BadInputTests : IDisposable
    {
        private static readonly Lazy<IReadOnlyList<BadInputCase>> Corpus = new(BadInputCase.Load);

        // Parameters typed string[] on the cmdlets: PowerShell hands Core a list even for a single value.
        private static readonly HashSet<string> ListParameters = new(StringComparer.OrdinalIgnoreCase) { "AllowedEmbeds", "HideDashboardFilters", "AiCopilotLlms" };

        private static readonly Dictionary<string, Action<Dictionary<string, object?>, IReadOnlyDictionary<string, object?>?>> CoreRequests = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Set-EmbedAccess"] = (v, _) => EmbedAccessChange.Create(Text(v, "EmbedId"), v),
            ["New-Embed"] = (v, _) => EmbedRequest.Create(v),
            ["New-DashboardEmbed"] = (v, _) => DashboardEmbedRequest.Create(v),
            ["New-GuestToken"] = (v, _) => GuestTokenRequest.Create(WithExpiry(v)),
            ["Export-Embed"] = (v, _) => EmbedExportFile.Target(Text(v, "EmbedId")!, Text(v, "Path")!, v.ContainsKey("Force")),
            ["New-Workspace"] = (v, _) => WorkspaceChange.Create(WorkspaceOperation.Create, Text(v, "Name"), v),
            ["Update-Workspace"] = (v, _) => WorkspaceChange.Create(WorkspaceOperation.Update, Text(v, "Name"), v),
            ["Get-SecureEmbed"] = (v, _) => SecureEmbedReference.Create(Text(v, "DashboardId"), Text(v, "Token"), tokenRequired: false),
            ["Remove-SecureEmbed"] = (v, _) => SecureEmbedReference.Create(Text(v, "DashboardId"), Text(v, "Token"), tokenRequired: true),
            ["Set-SecureEmbed"] = (v, row) => SecureEmbedChange.Create(Text(v, "DashboardId"), Text(v, "Token"), v, row),
            ["New-SecureEmbed"] = (v, row) => SecureEmbedCreation.Create(Text(v, "DashboardId"), v, row),
            ["New-DataApp"] = (v, _) => DataAppInput.Required(Text(v, "Name") ?? Text(v, "DataAppName"), "MissingDataAppName", "Name (name)", "the name of the new data app"),
            ["Rename-DataApp"] = (v, _) => DataAppInput.Rename(Text(v, "Name") ?? Text(v, "DataAppName"), Text(v, "NewName") ?? Text(v, "updateName")),
            ["New-Datasource"] = (v, _) => DatasourceChange.Create(DatasourceOperation.Create, Text(v, "Name"), v, null, null),
            ["Set-Datasource"] = (v, _) => DatasourceChange.Create(DatasourceOperation.Update, Text(v, "Name"), v, null, null),
            ["Import-Dashboard"] = (v, _) => DashboardImport.Create(Text(v, "WorkspaceName"), Text(v, "DashboardId"), Text(v, "DashboardName"), Text(v, "Path"), v.TryGetValue("SchemaMap", out var map) ? map : null),
        };

        // CSV columns bind by parameter name or alias; these are the aliases that are not a FieldSpec's API name.
        private static readonly Dictionary<string, string> ExtraAliases = new(StringComparer.OrdinalIgnoreCase)
        {
            ["tableList"] = "TableTenancySettings",
            ["dashboard_id"] = "DashboardId",
            ["live_span"] = "LiveSpan",
            ["FilePath"] = "Path",
        };

        private static readonly IReadOnlyList<FieldSpec> AllFields = EmbedAccessChange.Fields
            .Concat(EmbedRequest.Fields).Concat(DashboardEmbedRequest.Fields).Concat(GuestTokenRequest.Fields)
            .Concat(WorkspaceChange.Fields).Concat(SecureEmbedFields.Fields).ToList();

        private readonly string directory = Path.Combine(Path.GetTempPath(), "embedadmin-badinput-" + Guid.NewGuid().ToString("N"));

        public static IEnumerable<object[]> CoreCases() =>
            Corpus.Value.Where(c => c.Core).Select(c => new object[] { c.Id });

        public void Dispose()
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            GC.SuppressFinalize(this);
        }

        [Fact]
        public void TheCorpusIsLargeAndEveryCoreCaseHasARequestClass()
        {
            Assert.True(Corpus.Value.Count >= 200, $"the corpus has {Corpus.Value.Count} cases");
            Assert.Equal(Corpus.Value.Count, Corpus.Value.Select(c => c.Id).Distinct().Count());
            var unmapped = Corpus.Value.Where(c => c.Core && !CoreRequests.ContainsKey(c.Cmdlet)).Select(c => c.Id).ToList();
            Assert.True(unmapped.Count == 0, "add the cmdlet's request class to CoreRequests, or mark the case \"core\": false: " + string.Join(", ", unmapped));
            Assert.True(CoreCases().Count() >= 200, $"only {CoreCases().Count()} cases reach Core");
        }

        [Theory]
        [MemberData(nameof(CoreCases))]
        public void CoreRefusesTheCaseWithItsErrorId(string id)
        {
            var testCase = Corpus.Value.Single(c => c.Id == id);
            Directory.CreateDirectory(directory);
            foreach (var file in testCase.Files)
            {
                File.WriteAllText(Path.Combine(directory, file.Key), file.Value);
            }

            var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in testCase.Parameters)
            {
                values[parameter.Key] = AsPowerShellGives(parameter.Key, parameter.Value);
            }

            IReadOnlyDictionary<string, object?>? row = null;
            if (testCase.Csv is not null)
            {
                var cells = ReadCsvRow(testCase.Csv.Replace("{dir}", directory, StringComparison.Ordinal));
                row = cells.ToDictionary(c => c.Key, c => (object?)c.Value, StringComparer.OrdinalIgnoreCase);
                foreach (var cell in cells)
                {
                    var parameter = ParameterFor(cell.Key);
                    if (parameter is not null)
                    {
                        values[parameter] = AsPowerShellGives(parameter, JsonSerializer.SerializeToElement(cell.Value));
                    }
                }
            }

            var error = Assert.Throws<EmbedAdminValidationException>(() => CoreRequests[testCase.Cmdlet](values, row));
            Assert.Equal(testCase.CoreErrorId ?? testCase.ErrorId, error.ErrorId);
        }

        private object? AsPowerShellGives(string parameter, JsonElement value)
        {
            var converted = Convert(value);
            return converted is string text && ListParameters.Contains(parameter) ? new List<object?> { text } : converted;
        }

        /// <summary>JSON as PowerShell's binding leaves it after PSValues.Unwrap: hashtables as dictionaries, arrays as lists.</summary>
        private object? Convert(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!.Replace("{dir}", directory, StringComparison.Ordinal),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole : value.GetDouble(),
            JsonValueKind.Array => value.EnumerateArray().Select(Convert).ToList(),
            JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value), StringComparer.OrdinalIgnoreCase),
            _ => null,
        };

        private static string? ParameterFor(string column)
        {
            if (ExtraAliases.TryGetValue(column, out var aliased))
            {
                return aliased;
            }

            var field = AllFields.FirstOrDefault(f => string.Equals(f.Parameter, column, StringComparison.OrdinalIgnoreCase) || string.Equals(f.ApiName, column, StringComparison.OrdinalIgnoreCase));
            return field?.Parameter ?? column;
        }

        private static string? Text(IReadOnlyDictionary<string, object?> values, string name) =>
            values.TryGetValue(name, out var value) ? value as string : null;

        /// <summary>The values with -Expiry as its transformation hands it to Core: a TimeSpan, or nothing.</summary>
        private static Dictionary<string, object?> WithExpiry(Dictionary<string, object?> values)
        {
            values["Expiry"] = Expiry(Text(values, "Expiry"));
            return values;
        }

        /// <summary>What -Expiry's transformation makes of text: "01:00:00" or a number with a unit.</summary>
        private static TimeSpan? Expiry(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            var unit = Regex.Match(text, @"^\s*(?<n>\d+(\.\d+)?)\s*(?<u>ms|s|m|h|d)\s*$", RegexOptions.IgnoreCase);
            if (!unit.Success)
            {
                return TimeSpan.Parse(text.Trim(), CultureInfo.InvariantCulture);
            }

            var n = double.Parse(unit.Groups["n"].Value, CultureInfo.InvariantCulture);
            return unit.Groups["u"].Value.ToLowerInvariant() switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => TimeSpan.FromDays(n),
            };
        }

        /// <summary>The header and the one data row of a case's CSV, read as Import-Csv does (quotes, doubled quotes).</summary>
        private static List<KeyValuePair<string, string>> ReadCsvRow(string csv)
        {
            var lines = csv.Split('\n');
            var header = Fields(lines[0]);
            var cells = Fields(string.Join("\n", lines.Skip(1)));
            return header.Select((name, i) => new KeyValuePair<string, string>(name, i < cells.Count ? cells[i] : string.Empty)).ToList();
        }

        private static List<string> Fields(string line)
        {
            var fields = new List<string>();
            var current = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        current.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        current.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(current.ToString());
                    current.Clear();
                }
                else
                {
                    current.Append(c);
                }
            }

            fields.Add(current.ToString());
            return fields;
        }
    }

    /// <summary>One case of tests/Pester/BadInput/corpus.json.</summary>
    public sealed class BadInputCase
    {
        public string Id { get; private set; } = string.Empty;

        public string Cmdlet { get; private set; } = string.Empty;

        public string ErrorId { get; private set; } = string.Empty;

        public string? CoreErrorId { get; private set; }

        public bool Core { get; private set; } = true;

        public IReadOnlyDictionary<string, JsonElement> Parameters { get; private set; } = new Dictionary<string, JsonElement>();

        public string? Csv { get; private set; }

        public IReadOnlyDictionary<string, string> Files { get; private set; } = new Dictionary<string, string>();

        public static IReadOnlyList<BadInputCase> Load()
        {
            var path = Path.Combine(Support.HelpDocs.RepositoryRoot, "tests", "Pester", "BadInput", "corpus.json");
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.EnumerateArray().Select(item => new BadInputCase
            {
                Id = item.GetProperty("id").GetString()!,
                Cmdlet = item.GetProperty("cmdlet").GetString()!,
                ErrorId = item.GetProperty("errorId").GetString()!,
                CoreErrorId = item.TryGetProperty("coreErrorId", out var core) ? core.GetString() : null,
                Core = !item.TryGetProperty("core", out var flag) || flag.GetBoolean(),
                Parameters = item.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.OrdinalIgnoreCase)
                    : new Dictionary<string, JsonElement>(),
                Csv = item.TryGetProperty("csv", out var csv) ? csv.GetString() : null,
                Files = item.TryGetProperty("files", out var files)
                    ? files.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
                    : new Dictionary<string, string>(),
            }).ToList();
        }
    }
}
