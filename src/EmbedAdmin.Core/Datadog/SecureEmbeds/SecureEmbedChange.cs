using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.Datadog.SecureEmbeds
{
    /// <summary>
    /// A validated "Update a secure embed" request (docs.datadoghq.com/api/latest/dashboard-secure-embed): PATCH semantics, so the body's attributes hold only
    /// what the caller set; Datadog keeps everything else. Nested objects merge on Datadog's side
    /// (viewing_preferences.theme alone leaves high_density as it is); the template-variable list is replaced whole.
    /// </summary>
    public sealed class SecureEmbedChange
    {
        private SecureEmbedChange(SecureEmbedReference target, PartialBody body)
        {
            Target = target;
            Body = body;
        }

        public SecureEmbedReference Target { get; }

        public string DashboardId => Target.DashboardId;

        public string Token => Target.Token!;

        public PartialBody Body { get; }

        /// <summary>The attribute paths being changed, e.g. "data.attributes.viewing_preferences.theme".</summary>
        public IReadOnlyList<string> ChangedPaths => Body.Paths.Where(p => p != "data.type").ToList();

        /// <exception cref="EmbedAdminValidationException">A rule is broken, or nothing is set; nothing may be sent.</exception>
        public static SecureEmbedChange Create(string? dashboardId, string? token, IReadOnlyDictionary<string, object?> values, IReadOnlyDictionary<string, object?>? row = null)
        {
            var problems = new List<ValidationProblem>();
            SecureEmbedReference.Check(dashboardId, token, tokenRequired: true, problems);
            var body = new PartialBody().Set("data.type", JsonValue.Create("secure_embed_update_request"));
            PartialUpdate.Apply(SecureEmbedFields.Fields, SecureEmbedFields.WithColumnVariables(values, row, problems), body, problems);
            if (problems.Count == 0 && body.Paths.Count == 1)
            {
                problems.Add(new ValidationProblem(
                    ErrorIds.NoSecureEmbedSettings,
                    "Attributes (data.attributes)",
                    "nothing to update: set at least one of Title, Status, LiveSpan, GlobalTimeSelectable, SelectableTemplateVariables, HighDensity, Theme (empty CSV cells count as not set)."));
            }

            if (problems.Count > 0)
            {
                throw new EmbedAdminValidationException(problems);
            }

            return new SecureEmbedChange(SecureEmbedReference.Create(dashboardId, token, tokenRequired: true), body);
        }

        /// <summary>Puts recorded attribute values back (an undo); paths are relative to data.attributes ("viewing_preferences.theme").</summary>
        public static SecureEmbedChange FromRecorded(string dashboardId, string token, IEnumerable<KeyValuePair<string, JsonNode?>> attributes)
        {
            var body = new PartialBody().Set("data.type", JsonValue.Create("secure_embed_update_request"));
            foreach (var pair in attributes)
            {
                body.Set(SecureEmbedFields.AttributesPrefix + pair.Key, pair.Value?.DeepClone());
            }

            return new SecureEmbedChange(SecureEmbedReference.Create(dashboardId, token, tokenRequired: true), body);
        }

        /// <summary>"status = "paused", theme = "dark"": what ShouldProcess shows.</summary>
        public string Describe() => SecureEmbedFields.Describe(Body);
    }
}
