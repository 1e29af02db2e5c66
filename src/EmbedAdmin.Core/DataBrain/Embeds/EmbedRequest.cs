using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain.Embeds
{
    /// <summary>A validated "Create embed" request: embed a pre-built dashboard or one of its metrics.</summary>
    public sealed class EmbedRequest
    {
        public const string TypeDashboard = "dashboard";
        public const string TypeMetric = "metric";

        /// <summary>The create-embed fields (docs.usedatabrain.com/api-reference/create-embed) besides the access settings.</summary>
        private static readonly FieldSpec[] Own =
        {
            FieldSpec.Text("DashboardId", "dashboardId"),
            FieldSpec.Choice("EmbedType", "embedType", TypeDashboard, TypeMetric),
            FieldSpec.Text("MetricId", "metricId"),
            // The Embed New-Embed writes has no workspace: Get-Embed's list does not name one either.
            FieldSpec.Text("WorkspaceName", "workspaceName").WriteOnly(),
            FieldSpec.Text("Name", "name"),
        };

        /// <summary>
        /// Everything New-Embed binds: its own fields and the embed-access fields (declared once, in
        /// <see cref="EmbedAccessChange.Table"/>). The access settings are read back into Embed.Access, through the
        /// access table, rather than into properties of the Embed.
        /// </summary>
        public static FieldTable Table { get; } = new(
            "embed",
            typeof(Embed),
            Own.Concat(EmbedAccessChange.Fields.Select(f => f.WriteOnly())).ToList(),
            // What Get-Embed writes besides the fields: a list exported from it and fed back ignores these.
            readOnly: new[] { "EmbedId", "DashboardName", "MetricName", "DataAppName", "CreatedAt", "UpdatedAt", "Access", "AccessError", "DatamartName" });

        public static IReadOnlyList<FieldSpec> Fields => Table.Fields;

        private EmbedRequest(JsonObject body, IReadOnlyList<string> defaulted)
        {
            Body = body;
            Defaulted = defaulted;
        }

        public JsonObject Body { get; }

        public IReadOnlyList<string> Defaulted { get; }

        public string DashboardId => Body["dashboardId"]!.GetValue<string>();

        public string EmbedType => Body["embedType"]!.GetValue<string>();

        public static EmbedRequest Create(IReadOnlyDictionary<string, object?> values)
        {
            var problems = new List<ValidationProblem>();
            var body = new PartialBody();
            PartialUpdate.Apply(Own, values, body, problems);
            if (!body.Contains("dashboardId"))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingDashboardId, "DashboardId (dashboardId)", "is required: the pre-built dashboard to embed."));
            }

            // Left out, the type follows from what was given: a metric id means a metric embed.
            if (!body.Contains("embedType") && !problems.Any(p => p.ErrorId == ErrorIds.InvalidEmbedType))
            {
                body.Set("embedType", body.Contains("metricId") ? TypeMetric : TypeDashboard);
            }

            if (body.Get("embedType")?.GetValue<string>() == TypeMetric && !body.Contains("metricId"))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingMetricId, "MetricId (metricId)", "is required when EmbedType is metric."));
            }

            var (settings, defaulted) = AccessSettings.ForCreate(values, problems);
            if (problems.Count > 0)
            {
                throw new EmbedAdminValidationException(problems);
            }

            var json = (JsonObject)JsonNode.Parse(body.ToJsonString())!;
            json["accessSettings"] = settings;
            return new EmbedRequest(json, defaulted);
        }

        public string Describe() =>
            $"Embed {EmbedType} '{Body["metricId"]?.GetValue<string>() ?? DashboardId}'; access: "
            + string.Join(", ", ((JsonObject)Body["accessSettings"]!).Select(p => p.Key + " = " + p.Value?.ToJsonString(EmbedAdminJson.Options) + (Defaulted.Contains(p.Key) ? " (default)" : string.Empty)));

        /// <summary>What New-Embed writes: what was sent, read back through the tables, with the id DataBrain gave.</summary>
        public Embed ToEmbed(string? embedId)
        {
            var embed = Table.ReadBody(new Embed { EmbedId = embedId ?? string.Empty }, Body);
            // The create page: the name defaults to the embed id.
            embed.Name ??= embedId;
            embed.Access = AccessSettings.Read(embed.EmbedId, (JsonObject)Body["accessSettings"]!);
            return embed;
        }

        public byte[] ToJsonBytes() => Encoding.UTF8.GetBytes(Body.ToJsonString(EmbedAdminJson.Options));
    }
}
