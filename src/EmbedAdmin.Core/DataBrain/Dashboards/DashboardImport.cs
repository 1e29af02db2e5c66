using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain.Dashboards
{
    /// <summary>
    /// A validated import: {workspaceName, dashboardId, dashboardName?, importDashboardData, schemaPairs?}
    /// (docs.usedatabrain.com/api-reference/import-dashboard). importDashboardData is what Export Dashboard (or
    /// Export Embed) returned, read from the file Export-Dashboard wrote; -SchemaMap @{old='new'} becomes
    /// schemaPairs [{replaceSchema:'old', targetSchema:'new'}].
    /// </summary>
    public sealed class DashboardImport
    {
        private DashboardImport(string workspaceName, string dashboardId, string? dashboardName, JsonObject data, JsonArray? schemaPairs)
        {
            WorkspaceName = workspaceName;
            DashboardId = dashboardId;
            DashboardName = dashboardName;
            Data = data;
            SchemaPairs = schemaPairs;
        }

        public string WorkspaceName { get; }

        public string DashboardId { get; }

        public string? DashboardName { get; }

        public JsonObject Data { get; }

        public JsonArray? SchemaPairs { get; }

        /// <param name="path">The export file (a provider path, already resolved).</param>
        /// <param name="schemaMap">A hashtable, a JSON object, or "old=new;old2=new2" from a CSV cell.</param>
        /// <exception cref="EmbedAdminValidationException">A rule is broken; nothing may be sent.</exception>
        public static DashboardImport Create(string? workspaceName, string? dashboardId, string? dashboardName, string? path, object? schemaMap)
        {
            var problems = new List<ValidationProblem>();
            if (FieldValues.IsUnset(workspaceName))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingWorkspaceName, "WorkspaceName (workspaceName)", "is required: the workspace to import the dashboard into."));
            }

            if (FieldValues.IsUnset(dashboardId))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingDashboardId, "DashboardId (dashboardId)", "is required: the id of the new dashboard."));
            }

            var data = ReadExport(path, problems);
            var pairs = FieldValues.IsUnset(schemaMap) ? null : ReadSchemaMap(schemaMap!, problems);
            if (problems.Count > 0)
            {
                throw new EmbedAdminValidationException(problems);
            }

            return new DashboardImport(workspaceName!.Trim(), dashboardId!.Trim(), FieldValues.IsUnset(dashboardName) ? null : dashboardName!.Trim(), data!, pairs);
        }

        public byte[] ToUtf8Json()
        {
            var body = new JsonObject
            {
                ["workspaceName"] = WorkspaceName,
                ["dashboardId"] = DashboardId,
                ["importDashboardData"] = Data.DeepClone(),
            };
            if (DashboardName is not null)
            {
                body["dashboardName"] = DashboardName;
            }

            if (SchemaPairs is not null)
            {
                body["schemaPairs"] = SchemaPairs.DeepClone();
            }

            return JsonSerializer.SerializeToUtf8Bytes(body, EmbedAdminJson.Options);
        }

        /// <summary>"into workspace 'Tenant A' as 'tenant-a-dashboard', schemas public → tenant_a": what ShouldProcess shows.</summary>
        public string Describe()
        {
            var text = $"Import dashboard '{DashboardId}'" + (DashboardName is null ? string.Empty : $" ('{DashboardName}')") + $" into workspace '{WorkspaceName}'";
            return SchemaPairs is null
                ? text
                : text + ", schemas " + string.Join(", ", SchemaPairs.Select(p => $"{p!["replaceSchema"]} -> {p["targetSchema"]}"));
        }

        private static JsonObject? ReadExport(string? path, List<ValidationProblem> problems)
        {
            const string Field = "Path (importDashboardData)";
            if (string.IsNullOrWhiteSpace(path))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingImportFile, Field, "is required: the file Export-Dashboard (or Export-Embed) wrote."));
                return null;
            }

            if (!File.Exists(path))
            {
                problems.Add(new ValidationProblem(ErrorIds.ImportFileNotFound, Field, $"'{path}' does not exist."));
                return null;
            }

            try
            {
                if (JsonNode.Parse(File.ReadAllText(path)) is JsonObject export && export["data"] is JsonObject)
                {
                    return export;
                }

                problems.Add(new ValidationProblem(ErrorIds.InvalidImportFile, Field, $"'{path}' is not an export: it needs a top-level \"data\" object, as Export-Dashboard writes."));
            }
            catch (JsonException exception)
            {
                problems.Add(new ValidationProblem(ErrorIds.InvalidImportFile, Field, $"'{path}' is not valid JSON: {exception.Message}"));
            }
            catch (IOException exception)
            {
                problems.Add(new ValidationProblem(ErrorIds.InvalidImportFile, Field, $"'{path}' cannot be read: {exception.Message}"));
            }

            return null;
        }

        private static JsonArray? ReadSchemaMap(object map, List<ValidationProblem> problems)
        {
            const string Field = "SchemaMap (schemaPairs)";
            var pairs = new List<KeyValuePair<string, string?>>();
            switch (map)
            {
                case IDictionary dictionary:
                    pairs.AddRange(dictionary.Keys.Cast<object>().Select(k => new KeyValuePair<string, string?>(Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, Convert.ToString(dictionary[k], System.Globalization.CultureInfo.InvariantCulture))));
                    break;
                case string text when text.TrimStart().StartsWith("{", StringComparison.Ordinal):
                    if (NodeValues.ToNode(text, out var error) is not JsonObject json)
                    {
                        problems.Add(new ValidationProblem(ErrorIds.InvalidSchemaMap, Field, error ?? "must be a JSON object of old = new schema names."));
                        return null;
                    }

                    pairs.AddRange(json.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)));
                    break;
                case string text:
                    foreach (var item in text.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
                    {
                        var at = item.IndexOf('=');
                        pairs.Add(at < 0 ? new KeyValuePair<string, string?>(item, null) : new KeyValuePair<string, string?>(item.Substring(0, at), item.Substring(at + 1)));
                    }

                    break;
                default:
                    problems.Add(new ValidationProblem(ErrorIds.InvalidSchemaMap, Field, $"expects @{{old='new'}}, a JSON object or 'old=new;old2=new2'; got {FieldValues.Describe(map)}."));
                    return null;
            }

            if (pairs.Count == 0 || pairs.Any(p => string.IsNullOrWhiteSpace(p.Key) || string.IsNullOrWhiteSpace(p.Value)))
            {
                problems.Add(new ValidationProblem(ErrorIds.InvalidSchemaMap, Field, "needs a non-empty old and new schema name in every pair, e.g. @{public='tenant_a'}."));
                return null;
            }

            return new JsonArray(pairs.Select(p => (JsonNode)new JsonObject { ["replaceSchema"] = p.Key.Trim(), ["targetSchema"] = p.Value!.Trim() }).ToArray());
        }
    }
}
