using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain.Embeds
{
    /// <summary>A validated "Create dashboard embed" request (docs.usedatabrain.com/api-reference/create-dashboard-embed): one empty or templated dashboard per client.</summary>
    public sealed class DashboardEmbedRequest
    {
        public const string ImportModeGallery = "GALLERY";
        public const string ImportModeMetric = "METRIC";

        public const string ImportFileParameter = "ImportDashboardDataFile";

        /// <summary>
        /// The dashboard-embed fields (docs.usedatabrain.com/api-reference/create-dashboard-embed), named as
        /// New-DashboardEmbed's parameters. The DashboardEmbed it writes carries the ids and names; the template's
        /// options, the metadata and the imported data are sent and not read back.
        /// </summary>
        private static readonly FieldSpec[] Own =
        {
            FieldSpec.Text("DashboardId", "dashboardId"),
            FieldSpec.Text("WorkspaceName", "workspaceName"),
            FieldSpec.Text("ClientId", "clientId"),
            FieldSpec.Text("TemplateDashboardId", "templateDashboardId"),
            FieldSpec.Custom("Metadata", "metadata", value => NodeValues.Object(value, "metadata")).WriteOnly(),
            FieldSpec.Boolean("AllowPrivateMetricsByDefault", "isAllowPrivateMetricsByDefault").WriteOnly(),
            FieldSpec.Text("Name", "name"),
            FieldSpec.Text("EmbedDescription", "embedDescription").WriteOnly(),
            FieldSpec.Boolean("ImportMetrics", "isImportMetrics").WriteOnly(),
            FieldSpec.Boolean("RenameDashboard", "isRenameDashboard").WriteOnly(),
            FieldSpec.Choice("MetricImportMode", "metricImportMode", ImportModeGallery, ImportModeMetric).WriteOnly(),
            FieldSpec.Custom("ImportDashboardData", "importDashboardData", ConvertImportData).WriteOnly(),
            // The file part of the multipart form the page allows, not a JSON value: read and checked by Create.
            FieldSpec.Text(ImportFileParameter, "importDashboardDataFile").WriteOnly(),
        };

        /// <summary>
        /// Everything New-DashboardEmbed binds: its own fields and the embed-access fields (declared once, in
        /// <see cref="EmbedAccessChange.Table"/>), of which the DashboardEmbed reads back only the datamart.
        /// </summary>
        public static FieldTable Table { get; } = new(
            "dashboard embed",
            typeof(DashboardEmbed),
            Own.Concat(EmbedAccessChange.Fields.Select(f => f.Parameter == "DatamartName" ? f : f.WriteOnly())).ToList(),
            // DataBrain gives the id; an exported list of created dashboards carries it.
            readOnly: new[] { "EmbedId" });

        public static IReadOnlyList<FieldSpec> Fields => Table.Fields;

        private DashboardEmbedRequest(JsonObject body, IReadOnlyList<string> defaulted, byte[]? importFile, string? importFileName)
        {
            Body = body;
            Defaulted = defaulted;
            ImportFile = importFile;
            ImportFileName = importFileName;
        }

        public JsonObject Body { get; }

        /// <summary>Access fields that took their secure default because the caller left them out.</summary>
        public IReadOnlyList<string> Defaulted { get; }

        /// <summary>Bytes of -ImportDashboardDataFile; when present the request goes as multipart/form-data.</summary>
        public byte[]? ImportFile { get; }

        public string? ImportFileName { get; }

        public string DashboardId => Body["dashboardId"]!.GetValue<string>();

        public string ClientId => Body["clientId"]!.GetValue<string>();

        public string WorkspaceName => Body["workspaceName"]!.GetValue<string>();

        public string? Name => Body["name"]?.GetValue<string>();

        public string? DatamartName => Body["accessSettings"]?["datamartName"]?.GetValue<string>();

        public string? TemplateDashboardId => Body["templateDashboardId"]?.GetValue<string>();

        /// <param name="values">Bound values by parameter name: the fields of <see cref="Table"/>, ImportDashboardDataFile as a full path.</param>
        public static DashboardEmbedRequest Create(IReadOnlyDictionary<string, object?> values)
        {
            var problems = new List<ValidationProblem>();
            var body = new PartialBody();
            PartialUpdate.Apply(Own.Where(f => f.Parameter != ImportFileParameter), values, body, problems);
            foreach (var (parameter, api) in new[] { ("DashboardId", "dashboardId"), ("WorkspaceName", "workspaceName"), ("ClientId", "clientId") })
            {
                if (!body.Contains(api) && !problems.Any(p => p.ErrorId == ErrorIds.Invalid(parameter)))
                {
                    problems.Add(new ValidationProblem(ErrorIds.Missing(parameter), $"{parameter} ({api})", "is required."));
                }
            }

            var (settings, defaulted) = AccessSettings.ForCreate(values, problems);
            byte[]? file = null;
            string? fileName = null;
            var importDashboardDataFile = values.TryGetValue(ImportFileParameter, out var path) ? path as string : null;
            if (!FieldValues.IsUnset(importDashboardDataFile))
            {
                (file, fileName) = ReadImportFile(importDashboardDataFile!, problems);
            }

            if (problems.Count > 0)
            {
                throw new EmbedAdminValidationException(problems);
            }

            var json = (JsonObject)JsonNode.Parse(body.ToJsonString())!;
            json["accessSettings"] = settings;
            return new DashboardEmbedRequest(json, defaulted, file, fileName);
        }

        /// <summary>
        /// What New-DashboardEmbed writes: what was sent, read back through the table, with the id DataBrain gave
        /// and the name it answered with (the new path answers with it; the legacy one with the id only).
        /// </summary>
        public DashboardEmbed ToDashboardEmbed(string embedId, string? answeredName)
        {
            var embed = Table.ReadBody(new DashboardEmbed { EmbedId = embedId }, Body);
            embed.Name = answeredName ?? embed.Name ?? DashboardId;
            return embed;
        }

        /// <summary>What ShouldProcess shows, defaults included, so -WhatIf says exactly what a new tenant would get.</summary>
        public string Describe()
        {
            var settings = (JsonObject)Body["accessSettings"]!;
            var access = string.Join(", ", settings.Select(p => p.Key + " = " + p.Value?.ToJsonString(EmbedAdminJson.Options) + (Defaulted.Contains(p.Key) ? " (default)" : string.Empty)));
            var template = TemplateDashboardId is null ? string.Empty : $" from template '{TemplateDashboardId}'";
            var file = ImportFileName is null ? string.Empty : $", importing '{ImportFileName}'";
            return $"Create dashboard '{DashboardId}' for client '{ClientId}' in workspace '{WorkspaceName}'{template}{file}; access: {access}";
        }

        public byte[] ToJsonBytes() => Encoding.UTF8.GetBytes(Body.ToJsonString(EmbedAdminJson.Options));

        /// <summary>
        /// multipart/form-data, as the page allows when a dashboard export file is uploaded: the file as
        /// importDashboardDataFile (application/json), every other field as a form value, objects and booleans as
        /// JSON text ("Databrain parses these before validation").
        /// </summary>
        public HttpContent ToMultipart()
        {
            var content = new MultipartFormDataContent();
            foreach (var property in Body)
            {
                var text = property.Value is JsonValue value && value.TryGetValue<string>(out var s) ? s : property.Value?.ToJsonString(EmbedAdminJson.Options) ?? "null";
                content.Add(new StringContent(text, Encoding.UTF8), property.Key);
            }

            var file = new ByteArrayContent(ImportFile!);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Add(file, "importDashboardDataFile", ImportFileName!);
            return content;
        }

        /// <summary>
        /// Accepts the "data" object of an export, or the whole export payload ({_meta, data}) as Export-Embed
        /// writes it, so an exported file can be passed straight back.
        /// </summary>
        private static FieldConversion ConvertImportData(object value)
        {
            var node = NodeValues.ToNode(value, out var error);
            if (node is not JsonObject data)
            {
                return FieldConversion.Fail(error ?? "expects the dashboard configuration: an object or JSON (the data of an export).");
            }

            return FieldConversion.Ok(data.TryGetPropertyValue("data", out var inner) && inner is JsonObject unwrapped && data.ContainsKey("_meta")
                ? unwrapped.DeepClone()
                : data);
        }

        private static (byte[]?, string?) ReadImportFile(string path, List<ValidationProblem> problems)
        {
            const string field = "ImportDashboardDataFile (importDashboardDataFile)";
            if (!File.Exists(path))
            {
                problems.Add(new ValidationProblem(ErrorIds.ImportFileNotFound, field, $"file '{path}' does not exist."));
                return (null, null);
            }

            var bytes = File.ReadAllBytes(path);
            try
            {
                if (JsonNode.Parse(bytes) is not JsonObject root || root["data"] is not JsonObject)
                {
                    problems.Add(new ValidationProblem(ErrorIds.InvalidDashboardData, field, "the file must hold a dashboard export: a JSON object with a top-level 'data' object."));
                    return (null, null);
                }
            }
            catch (JsonException exception)
            {
                problems.Add(new ValidationProblem(ErrorIds.InvalidDashboardData, field, "is not valid JSON: " + exception.Message));
                return (null, null);
            }

            return (bytes, Path.GetFileName(path));
        }
    }
}
