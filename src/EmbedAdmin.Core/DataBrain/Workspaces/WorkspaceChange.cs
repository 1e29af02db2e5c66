using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain.Workspaces
{
    public enum WorkspaceOperation
    {
        Create,
        Update,
    }

    /// <summary>
    /// A validated create or update of a workspace (docs.usedatabrain.com/api-reference/update-workspace, create-workspace). Both endpoints take the same
    /// body and rules; the update is the dangerous one, because it repoints every metric of the workspace.
    /// </summary>
    public sealed class WorkspaceChange
    {
        public const string Datasource = "DATASOURCE";
        public const string Datamart = "DATAMART";
        public const string MultiDatasource = "MULTI_DATASOURCE";

        // MULTI_DATAMART appears only in the newer crawls of the workspace pages; the newest list is used.
        public const string MultiDatamart = "MULTI_DATAMART";
        public const string SummaryCustom = "custom";

        public static IReadOnlyList<string> ConnectionTypes { get; } = new[] { Datasource, Datamart, MultiDatasource, MultiDatamart };

        public static IReadOnlyList<string> SummaryTypes { get; } = new[]
        {
            "technicalAndInsightSummary", "forecastAndTrendAnalysis", "comparativeAndAnomalyDetection", SummaryCustom,
        };

        /// <summary>
        /// The workspace field table, named as the cmdlets' parameters. The AI fields exist only in the newest
        /// crawl of docs.usedatabrain.com/api-reference/update-workspace; create-workspace takes the same body.
        /// </summary>
        public static FieldTable Table { get; } = new(
            "workspace",
            typeof(Workspace),
            new[]
            {
                FieldSpec.Choice("ConnectionType", "connectionType", ConnectionTypes.ToArray()),
                FieldSpec.Text("DatasourceName", "datasourceName"),
                FieldSpec.Text("DatamartName", "datamartName"),
                FieldSpec.Text("LlmName", "llmName"),
                FieldSpec.Custom("AiCopilotLlms", "aiCopilotLlms", ConvertNames).ReadWith(ReadNames, NamesCell),
                FieldSpec.Boolean("EnableMetricSuggestions", "isEnableMetricSuggestions"),
                FieldSpec.Boolean("EnableMetricSummary", "isEnableMetricSummary"),
                FieldSpec.Choice("SummaryType", "summaryType", SummaryTypes.ToArray()),
                FieldSpec.Text("CustomSummaryPrompt", "customSummaryPrompt"),
                FieldSpec.Text("ThemeName", "themeName"),
            },
            identity: new[] { "Name" },
            readOnly: new[] { "UpdatedFields" });

        public static IReadOnlyList<FieldSpec> Fields => Table.Fields;

        private WorkspaceChange(WorkspaceOperation operation, string name, PartialBody body)
        {
            Operation = operation;
            Name = name;
            Body = body;
        }

        public WorkspaceOperation Operation { get; }

        /// <summary>The workspace; for an update it identifies the workspace and cannot be changed (case-sensitive).</summary>
        public string Name { get; }

        public PartialBody Body { get; }

        public string ConnectionType => Text("connectionType")!;

        /// <summary>True for an update from an unedited Get-Workspace export: no field is set, and nothing is sent.</summary>
        public bool SetsNothing => Body.Paths.All(p => p == "name");

        /// <param name="operation">Create (POST) or update (PUT).</param>
        /// <param name="name">The workspace name.</param>
        /// <param name="values">Bound parameter values by parameter name; empty ones count as not set.</param>
        /// <param name="rowColumns">The columns of the input row when it came from outside the module (a CSV row), else null.</param>
        /// <exception cref="EmbedAdminValidationException">A rule is broken; nothing may be sent.</exception>
        public static WorkspaceChange Create(WorkspaceOperation operation, string? name, IReadOnlyDictionary<string, object?> values, IEnumerable<string>? rowColumns = null)
        {
            var problems = new List<ValidationProblem>();
            var body = new PartialBody();
            if (operation == WorkspaceOperation.Update && !FieldValues.IsUnset(name) && IsUneditedExport(values, rowColumns))
            {
                body.Set("name", JsonValue.Create(name!.Trim()));
                return new WorkspaceChange(operation, name!.Trim(), body);
            }

            if (FieldValues.IsUnset(name))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingWorkspaceName, "Name (name)", operation == WorkspaceOperation.Update
                    ? "is required: the exact (case-sensitive) name of the workspace to update."
                    : "is required: the name of the new workspace."));
            }
            else
            {
                // Trimmed like every other identity: a blank at either end of a CSV cell is a typing accident,
                // while the service matches names exactly (case-sensitive) and would not find the workspace.
                body.Set("name", JsonValue.Create(name!.Trim()));
            }

            PartialUpdate.Apply(Fields, WithoutBlankLists(values), body, problems);
            CheckRules(body, problems);
            if (problems.Count > 0)
            {
                throw new EmbedAdminValidationException(problems);
            }

            return new WorkspaceChange(operation, name!.Trim(), body);
        }

        /// <summary>
        /// Whether the row is a line of Get-Workspace | Export-Csv left as it was: it carries a column for every
        /// field and every one is empty, because DataBrain's list gives names only
        /// (docs.usedatabrain.com/api-reference/list-workspaces). Applying it changes nothing, and says so. A row
        /// that leaves out columns and sets nothing is a mistake, refused like the same command line.
        /// </summary>
        private static bool IsUneditedExport(IReadOnlyDictionary<string, object?> values, IEnumerable<string>? rowColumns)
        {
            if (rowColumns is null)
            {
                return false;
            }

            var columns = new HashSet<string>(rowColumns, StringComparer.OrdinalIgnoreCase);
            return Fields.All(field => field.ColumnNames.Any(columns.Contains))
                && Fields.All(field => !values.TryGetValue(field.Parameter, out var value) || FieldValues.IsUnset(value));
        }

        /// <summary>
        /// An empty CSV cell bound to a string[] parameter arrives as a list holding one empty string; like an
        /// empty cell anywhere else, it means "not set".
        /// </summary>
        private static IReadOnlyDictionary<string, object?> WithoutBlankLists(IReadOnlyDictionary<string, object?> values) =>
            values
                .Where(pair => !(pair.Value is IEnumerable sequence and not string and not IDictionary && sequence.Cast<object?>().All(FieldValues.IsUnset)))
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);

        /// <summary>"connectionType = DATASOURCE, datasourceName = postgres-production": what ShouldProcess shows.</summary>
        public string Describe() => string.Join(
            ", ",
            Body.Paths.Where(p => p != "name").Select(path => path + " = " + Body.Get(path)?.ToJsonString(EmbedAdminJson.Options)));

        /// <summary>The new connection in words: "datasource 'postgres-production'".</summary>
        public string DescribeConnection() => ConnectionType switch
        {
            Datasource => $"datasource '{Text("datasourceName")}'",
            Datamart => $"datamart '{Text("datamartName")}'",
            MultiDatasource => "several datasources (MULTI_DATASOURCE)",
            _ => "several datamarts (MULTI_DATAMART)",
        };

        /// <summary>
        /// The update page's own warning, made specific: the update repoints every metric of the workspace, and a
        /// MULTI_* type also clears the workspace's single datasource or datamart link.
        /// </summary>
        public string MetricImpactWarning()
        {
            var warning = $"Every metric in workspace '{Name}' will be switched to {DescribeConnection()}; metrics break if it lacks the tables and columns they use.";
            return ConnectionType is MultiDatasource or MultiDatamart
                ? warning + " The workspace's single-datasource or single-datamart link is cleared."
                : warning;
        }

        public Workspace ToWorkspace(string name) => Table.ReadInto(
            new Workspace { Name = name, UpdatedFields = Body.Paths.Where(p => p != "name").ToList() },
            (JsonObject)JsonNode.Parse(Body.ToJsonString())!);

        // The conditional rules of docs.usedatabrain.com/api-reference/update-workspace, read from this request alone, as the page states them.
        private static void CheckRules(PartialBody body, List<ValidationProblem> problems)
        {
            var connectionType = TextOf(body, "connectionType");
            if (connectionType is null)
            {
                if (!body.Contains("connectionType") && !problems.Any(p => p.ErrorId == ErrorIds.InvalidConnectionType))
                {
                    problems.Add(new ValidationProblem(ErrorIds.MissingConnectionType, "ConnectionType (connectionType)", "is required: one of " + string.Join(", ", ConnectionTypes) + "."));
                }
            }
            else
            {
                if (connectionType == Datasource && !body.Contains("datasourceName"))
                {
                    problems.Add(new ValidationProblem(ErrorIds.MissingDatasourceName, "DatasourceName (datasourceName)", "is required when ConnectionType is DATASOURCE."));
                }

                if (connectionType == Datamart && !body.Contains("datamartName"))
                {
                    problems.Add(new ValidationProblem(ErrorIds.MissingDatamartName, "DatamartName (datamartName)", "is required when ConnectionType is DATAMART."));
                }

                // The service would drop the link silently (only the link of the chosen type is kept), so a
                // name given for the other type is almost certainly a mistake in the row.
                if (connectionType != Datasource && body.Contains("datasourceName"))
                {
                    problems.Add(new ValidationProblem(ErrorIds.UnexpectedDatasourceName, "DatasourceName (datasourceName)", $"applies only when ConnectionType is DATASOURCE, not {connectionType}; leave it empty."));
                }

                if (connectionType != Datamart && body.Contains("datamartName"))
                {
                    problems.Add(new ValidationProblem(ErrorIds.UnexpectedDatamartName, "DatamartName (datamartName)", $"applies only when ConnectionType is DATAMART, not {connectionType}; leave it empty."));
                }
            }

            if (body.Get("isEnableMetricSummary") is JsonValue summary && summary.GetValue<bool>() && !body.Contains("summaryType")
                && !problems.Any(p => p.ErrorId == ErrorIds.InvalidSummaryType))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingSummaryType, "SummaryType (summaryType)", "is required when EnableMetricSummary is true: one of " + string.Join(", ", SummaryTypes) + "."));
            }

            if (TextOf(body, "summaryType") == SummaryCustom && !body.Contains("customSummaryPrompt"))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingCustomSummaryPrompt, "CustomSummaryPrompt (customSummaryPrompt)", "is required when SummaryType is custom."));
            }
        }

        /// <summary>
        /// LLM names as a list, a JSON array, or one CSV cell "gpt-4o;claude-sonnet"; list items may themselves
        /// be such cells, because a string[] parameter receives a CSV cell as one item.
        /// </summary>
        private static FieldConversion ConvertNames(object value)
        {
            var names = new List<string>();
            var items = value is string || value is IDictionary || value is not IEnumerable sequence ? new[] { value } : sequence.Cast<object?>();
            foreach (var item in items)
            {
                if (item is string text)
                {
                    var trimmed = text.Trim();
                    if (trimmed.StartsWith("[", StringComparison.Ordinal))
                    {
                        try
                        {
                            names.AddRange((JsonSerializer.Deserialize<List<string?>>(trimmed, EmbedAdminJson.Options) ?? new List<string?>()).Select(n => n ?? string.Empty));
                        }
                        catch (JsonException)
                        {
                            return FieldConversion.Fail("is not a valid JSON array of names.");
                        }
                    }
                    else
                    {
                        names.AddRange(trimmed.Split(new[] { ';', '|' }));
                    }
                }
                else if (item is null || item is IDictionary || item is IEnumerable)
                {
                    return FieldConversion.Fail($"expects LLM names as a list, a JSON array or 'name;name'; got {FieldValues.Describe(item)}.");
                }
                else
                {
                    names.Add(Convert.ToString(item, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                }
            }

            if (names.Any(string.IsNullOrWhiteSpace))
            {
                return FieldConversion.Fail("has an empty LLM name.");
            }

            if (names.Count == 0)
            {
                return FieldConversion.Fail("lists no LLM names.");
            }

            return FieldConversion.Ok(new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n.Trim())).ToArray()));
        }

        private static object? ReadNames(JsonNode node) =>
            node is JsonArray names ? names.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty).ToList() : null;

        // One cell, "gpt-4o;claude-sonnet", which ConvertNames reads back.
        private static object? NamesCell(object? value) => value is IEnumerable<string> names ? string.Join(";", names) : null;

        private static string? TextOf(PartialBody body, string path) => body.Get(path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        private string? Text(string path) => TextOf(Body, path);

    }
}
