using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Core.Datadog.SecureEmbeds
{
    /// <summary>Maps Datadog's JSON:API resources (secure-embed responses and shared-dashboard list items) to <see cref="SecureEmbed"/>.</summary>
    internal static class SecureEmbedReader
    {
        /// <summary>
        /// The two spellings of a secure embed's share_type. The secure-embed schema (SecureEmbedShareType) says
        /// "secure_embed"; the shared-dashboards list schema says "secure-embed". The docs disagree, so both count.
        /// </summary>
        private static readonly string[] SecureEmbedShareTypes = { "secure-embed", "secure_embed" };

        public static bool IsSecureEmbedShareType(string? shareType) =>
            shareType is not null && SecureEmbedShareTypes.Contains(shareType.Trim(), StringComparer.OrdinalIgnoreCase);

        /// <summary>The "data" object of a single-resource answer.</summary>
        public static JsonElement Data(ApiResponse response)
        {
            var root = response.ReadRoot();
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw response.Unexpected("no \"data\" object in the answer");
            }

            return data;
        }

        /// <summary>The secure embeds among a ListSharedDashboardsResponse's items; other share types are skipped.</summary>
        public static IReadOnlyList<SecureEmbed> SecureEmbedsOf(ApiResponse response, string dashboardId)
        {
            var root = response.ReadRoot();
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw response.Unexpected("no \"data\" list in the answer");
            }

            var result = new List<SecureEmbed>();
            foreach (var item in data.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && IsSecureEmbedShareType(String(Attributes(item), "share_type")))
                {
                    result.Add(Read(item, dashboardId));
                }
            }

            return result;
        }

        /// <summary>A secure-embed resource, or a shared-dashboard list item, as a SecureEmbed.</summary>
        public static SecureEmbed Read(JsonElement resource, string requestedDashboardId)
        {
            var attributes = Attributes(resource);
            var globalTime = Object(attributes, "global_time");
            var viewing = Object(attributes, "viewing_preferences");
            return new SecureEmbed
            {
                // List items carry the dashboard only in relationships; the secure-embed answers in attributes.
                DashboardId = String(attributes, "dashboard_id")
                    ?? String(Object(Object(Object(resource, "relationships"), "dashboard"), "data"), "id")
                    ?? requestedDashboardId,
                Token = String(attributes, "token") ?? string.Empty,
                Id = String(resource, "id") ?? String(attributes, "id"),
                Title = String(attributes, "title"),
                Status = String(attributes, "status"),
                LiveSpan = String(globalTime, "live_span"),
                GlobalTimeSelectable = Boolean(attributes, "global_time_selectable"),
                HighDensity = Boolean(viewing, "high_density"),
                Theme = String(viewing, "theme"),
                TemplateVariables = TemplateVariables(attributes),
                Url = String(attributes, "url"),
                CreatedAt = Timestamp(String(attributes, "created_at")),
                CredentialSuffix = String(attributes, "credential_suffix"),
            };
        }

        /// <summary>The credential of a create answer; it exists nowhere else.</summary>
        public static string? Credential(JsonElement resource) => String(Attributes(resource), "credential");

        private static SecureEmbedTemplateVariables TemplateVariables(JsonElement attributes)
        {
            if (!attributes.TryGetProperty("selectable_template_vars", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return SecureEmbedTemplateVariables.Empty;
            }

            // List items add allow_any_value and type; they are not settable through the secure-embed endpoints.
            var variables = list.EnumerateArray()
                .Where(v => v.ValueKind == JsonValueKind.Object)
                .Select(v => new SecureEmbedTemplateVariable(
                    String(v, "name") ?? String(v, "prefix") ?? string.Empty,
                    String(v, "prefix"),
                    Strings(v, "default_values"),
                    Strings(v, "visible_tags")))
                .ToList();
            return new SecureEmbedTemplateVariables(variables);
        }

        /// <summary>Datadog writes "2026-03-11T18:30:00.000000" without a zone; it is UTC.</summary>
        private static DateTimeOffset? Timestamp(string? text) =>
            text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
                ? value
                : null;

        private static JsonElement Attributes(JsonElement resource) => Object(resource, "attributes");

        private static JsonElement Object(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
                ? value
                : default;

        private static string? String(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        private static bool? Boolean(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? value.GetBoolean()
                : null;

        private static IReadOnlyList<string>? Strings(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
                : null;
    }
}
