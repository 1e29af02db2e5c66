using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain.Embeds
{
    /// <summary>
    /// A validated "Update an Embed" request (docs.usedatabrain.com/api-reference/update-embed): the embed id and only the access settings the caller set.
    /// </summary>
    public sealed class EmbedAccessChange
    {
        public const string JoinModelSingle = "single";
        public const string JoinModelMulti = "multi";
        public const string CreationModeDragDrop = "DRAG_DROP";
        public const string CreationModeChat = "CHAT";

        /// <summary>
        /// The embed-access field table (docs.usedatabrain.com/api-reference/update-embed). Each parameter carries
        /// the API name as an alias so a CSV column named like the API field binds. The older spelling
        /// "isAllowAipilot" differs from "isAllowAiPilot" only in case, which PowerShell's binding ignores, so both
        /// columns bind; older pages call the tenancy list "tableList" (same item fields), which is read too.
        /// </summary>
        public static FieldTable Table { get; } = new(
            "embed access",
            typeof(EmbedAccess),
            new[]
            {
                FieldSpec.Text("DatamartName", "accessSettings.datamartName"),
                FieldSpec.Boolean("AllowAiPilot", "accessSettings.isAllowAiPilot").WithLegacyNames("isAllowAipilot"),
                FieldSpec.Boolean("AllowEmailReports", "accessSettings.isAllowEmailReports"),
                FieldSpec.Boolean("AllowManageMetrics", "accessSettings.isAllowManageMetrics"),
                FieldSpec.Boolean("AllowMetricCreation", "accessSettings.isAllowMetricCreation"),
                FieldSpec.Boolean("AllowMetricDeletion", "accessSettings.isAllowMetricDeletion"),
                FieldSpec.Boolean("AllowMetricLayoutChange", "accessSettings.isAllowMetricLayoutChange"),
                FieldSpec.Boolean("AllowMetricUpdate", "accessSettings.isAllowMetricUpdate"),
                FieldSpec.Boolean("AllowUnderlyingData", "accessSettings.isAllowUnderlyingData"),
                FieldSpec.Boolean("AllowCreateDashboardView", "accessSettings.isAllowCreateDashboardView"),
                FieldSpec.Choice("JoinModel", "accessSettings.joinModel", JoinModelSingle, JoinModelMulti),
                // Legacy flag; the docs say to prefer joinModel, but older integrations still send it.
                FieldSpec.Boolean("IsIncrementalJoin", "accessSettings.isIncrementalJoin"),
                FieldSpec.Choice("MetricCreationMode", "accessSettings.metricCreationMode", CreationModeDragDrop, CreationModeChat),
                FieldSpec.Custom("TableTenancySettings", "accessSettings.tableTenancySettings", ConvertTableTenancy)
                    .WithLegacyNames("tableList")
                    .ReadWith(ReadTableTenancy, TableTenancySetting.ToCell),
            },
            identity: new[] { "EmbedId" },
            // What Get-Embed -IncludeAccess and Set-EmbedAccess -PassThru write besides the fields: an exported
            // file carries these columns, and applying it again ignores them.
            readOnly: new[]
            {
                "UpdatedFields", "Name", "EmbedType", "DashboardId", "DashboardName", "MetricId", "MetricName", "DataAppName",
                "CreatedAt", "UpdatedAt", "Access", "AccessError",
            });

        /// <summary>The settable fields, named as the cmdlet's parameters.</summary>
        public static IReadOnlyList<FieldSpec> Fields => Table.Fields;

        private EmbedAccessChange(string embedId, PartialBody body)
        {
            EmbedId = embedId;
            Body = body;
        }

        public string EmbedId { get; }

        /// <summary>The request body: {"embedId": …, "accessSettings": {only what was set}}.</summary>
        public PartialBody Body { get; }

        /// <summary>The access-setting paths being changed, e.g. "accessSettings.joinModel".</summary>
        public IReadOnlyList<string> ChangedPaths => Body.Paths.Where(p => p != "embedId").ToList();

        /// <param name="embedId">The embed to update.</param>
        /// <param name="values">Bound parameter values by parameter name; empty ones count as not set.</param>
        /// <exception cref="EmbedAdminValidationException">A rule is broken; nothing may be sent.</exception>
        public static EmbedAccessChange Create(string? embedId, IReadOnlyDictionary<string, object?> values)
        {
            var problems = new List<ValidationProblem>();
            var body = new PartialBody();
            if (FieldValues.IsUnset(embedId))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingEmbedId, "EmbedId (embedId)", "is required: the id of the embed to update."));
            }
            else
            {
                body.Set("embedId", JsonValue.Create(embedId!.Trim()));
            }

            PartialUpdate.Apply(Fields, values, body, problems);
            if (problems.Count == 0 && body.Paths.Count == 1)
            {
                problems.Add(new ValidationProblem(
                    ErrorIds.NoAccessSettings,
                    "AccessSettings (accessSettings)",
                    "nothing to update: set at least one access setting (empty CSV cells count as not set)."));
            }

            if (problems.Count > 0)
            {
                throw new EmbedAdminValidationException(problems);
            }

            return new EmbedAccessChange(embedId!.Trim(), body);
        }

        /// <summary>
        /// Puts recorded values back (an undo): the values come from the journal, were valid when they were read
        /// from DataBrain, and are sent as they were.
        /// </summary>
        /// <param name="embedId">The embed.</param>
        /// <param name="values">API field name (isAllowEmailReports) and the value to send.</param>
        public static EmbedAccessChange FromRecorded(string embedId, IEnumerable<KeyValuePair<string, JsonNode?>> values)
        {
            var body = new PartialBody().Set("embedId", JsonValue.Create(embedId));
            foreach (var pair in values)
            {
                var spec = Fields.FirstOrDefault(f => string.Equals(f.ApiName, pair.Key, StringComparison.OrdinalIgnoreCase))
                    ?? throw new EmbedAdminValidationException(ErrorIds.NotReversible, pair.Key, "is not an access setting this module can set.");
                body.Set(spec.ApiPath, pair.Value?.DeepClone());
            }

            return new EmbedAccessChange(embedId, body);
        }

        /// <summary>"isAllowEmailReports = false, joinModel = multi": what ShouldProcess shows.</summary>
        public string Describe() => string.Join(
            ", ",
            ChangedPaths.Select(path => path.Substring(path.LastIndexOf('.') + 1) + " = " + Body.Get(path)?.ToJsonString(EmbedAdminJson.Options)));

        public EmbedAccess ToEmbedAccess(string embedId) => Table.ReadInto(
            new EmbedAccess
            {
                EmbedId = embedId,
                UpdatedFields = ChangedPaths.Select(p => p.Substring(p.LastIndexOf('.') + 1)).ToList(),
            },
            Body.Get("accessSettings") as JsonObject ?? new JsonObject());

        private static FieldConversion ConvertTableTenancy(object value)
        {
            IReadOnlyList<TableTenancySetting> settings;
            try
            {
                settings = TableTenancySetting.Parse(value);
            }
            catch (FormatException exception)
            {
                return FieldConversion.Fail(exception.Message);
            }

            var incomplete = settings.FirstOrDefault(s => string.IsNullOrWhiteSpace(s.Name) || string.IsNullOrWhiteSpace(s.ClientColumn));
            if (incomplete is not null)
            {
                return FieldConversion.Fail("each item needs both name and clientColumn.");
            }

            if (settings.Count == 0)
            {
                return FieldConversion.Fail("lists no tables.");
            }

            var array = new JsonArray(settings.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["clientColumn"] = s.ClientColumn }).ToArray());
            return FieldConversion.Ok(array);
        }

        private static object? ReadTableTenancy(JsonNode node) =>
            node is JsonArray array
                ? array.OfType<JsonObject>().Select(o => new TableTenancySetting(
                    o["name"] is JsonValue name && name.TryGetValue<string>(out var n) ? n : string.Empty,
                    o["clientColumn"] is JsonValue column && column.TryGetValue<string>(out var c) ? c : string.Empty)).ToList()
                : null;
    }
}
