using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.Datadog.SecureEmbeds
{
    /// <summary>
    /// A validated "Create a secure embed" request: all six attributes, each either given or defaulted
    /// (<see cref="SecureEmbedFields.CreateDefaults"/>), in {"data":{"type":"secure_embed_request","attributes":{…}}}.
    /// </summary>
    public sealed class SecureEmbedCreation
    {
        private SecureEmbedCreation(string dashboardId, string title, PartialBody body)
        {
            DashboardId = dashboardId;
            Title = title;
            Body = body;
        }

        public string DashboardId { get; }

        public string Title { get; }

        public PartialBody Body { get; }

        /// <param name="dashboardId">The dashboard to share.</param>
        /// <param name="values">Bound parameter values by parameter name; empty ones count as not set.</param>
        /// <param name="row">The input row's columns, for tv_&lt;name&gt; template-variable columns; may be null.</param>
        /// <exception cref="EmbedAdminValidationException">A rule is broken; nothing may be sent.</exception>
        public static SecureEmbedCreation Create(string? dashboardId, IReadOnlyDictionary<string, object?> values, IReadOnlyDictionary<string, object?>? row = null)
        {
            var problems = new List<ValidationProblem>();
            SecureEmbedReference.Check(dashboardId, null, tokenRequired: false, problems);
            var body = new PartialBody().Set("data.type", JsonValue.Create("secure_embed_request"));
            PartialUpdate.Apply(SecureEmbedFields.Fields, SecureEmbedFields.WithColumnVariables(values, row, problems), body, problems);
            if (!body.Contains(SecureEmbedFields.TitlePath))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingTitle, "Title (title)", "is required: the title viewers of the embedded dashboard see."));
            }

            if (problems.Count > 0)
            {
                throw new EmbedAdminValidationException(problems);
            }

            foreach (var fallback in SecureEmbedFields.CreateDefaults.Where(d => !body.Contains(d.Key)))
            {
                body.Set(fallback.Key, fallback.Value());
            }

            return new SecureEmbedCreation(dashboardId!.Trim(), body.Get(SecureEmbedFields.TitlePath)!.GetValue<string>(), body);
        }

        /// <summary>A secure embed created again from the attributes recorded when it was removed (an undo).</summary>
        public static SecureEmbedCreation FromRecorded(string dashboardId, JsonObject attributes)
        {
            var body = new PartialBody().Set("data.type", JsonValue.Create("secure_embed_request"));
            foreach (var spec in SecureEmbedFields.Fields)
            {
                var relative = spec.ApiPath.Substring(SecureEmbedFields.AttributesPrefix.Length);
                var value = SecureEmbedFields.At(attributes, relative);
                if (value is not null)
                {
                    body.Set(spec.ApiPath, value.DeepClone());
                }
            }

            foreach (var fallback in SecureEmbedFields.CreateDefaults.Where(d => !body.Contains(d.Key)))
            {
                body.Set(fallback.Key, fallback.Value());
            }

            return new SecureEmbedCreation(dashboardId, body.Get(SecureEmbedFields.TitlePath)?.GetValue<string>() ?? string.Empty, body);
        }

        /// <summary>Every attribute that will be sent, given or defaulted: what ShouldProcess shows.</summary>
        public string Describe() => SecureEmbedFields.Describe(Body);
    }
}
