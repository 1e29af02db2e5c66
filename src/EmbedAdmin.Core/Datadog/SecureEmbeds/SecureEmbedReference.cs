using System.Collections.Generic;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.Datadog.SecureEmbeds
{
    /// <summary>Which secure embed a call is about: a dashboard, and the share token (required unless listing).</summary>
    public sealed class SecureEmbedReference
    {
        private SecureEmbedReference(string dashboardId, string? token)
        {
            DashboardId = dashboardId;
            Token = token;
        }

        public string DashboardId { get; }

        /// <summary>Null when every secure embed of the dashboard is meant.</summary>
        public string? Token { get; }

        /// <summary>"secure embed 'tok' of dashboard 'abc'": the ShouldProcess target.</summary>
        public string Describe() => Token is null
            ? $"the secure embeds of dashboard '{DashboardId}'"
            : $"secure embed '{Token}' of dashboard '{DashboardId}'";

        /// <exception cref="EmbedAdminValidationException">The dashboard id is empty, or the token is empty when required.</exception>
        public static SecureEmbedReference Create(string? dashboardId, string? token, bool tokenRequired)
        {
            var problems = new List<ValidationProblem>();
            Check(dashboardId, token, tokenRequired, problems);
            if (problems.Count > 0)
            {
                throw new EmbedAdminValidationException(problems);
            }

            return new SecureEmbedReference(dashboardId!.Trim(), FieldValues.IsUnset(token) ? null : token!.Trim());
        }

        internal static void Check(string? dashboardId, string? token, bool tokenRequired, List<ValidationProblem> problems)
        {
            if (FieldValues.IsUnset(dashboardId))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingDashboardId, "DashboardId (dashboard_id)", "is required: the id of the Datadog dashboard, e.g. abc-def-ghi."));
            }

            if (tokenRequired && FieldValues.IsUnset(token))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingToken, "Token (token)", "is required: the share token of the secure embed (Get-SecureEmbed -DashboardId lists them)."));
            }

            // The ids become path segments; the ShouldProcess target and the request must name the same object.
            if (!FieldValues.IsUnset(dashboardId) && PathSegment.Check(dashboardId!.Trim(), SecureEmbedRoutes.DashboardIdField) is { } badDashboard)
            {
                problems.Add(badDashboard);
            }

            if (!FieldValues.IsUnset(token) && PathSegment.Check(token!.Trim(), SecureEmbedRoutes.TokenField) is { } badToken)
            {
                problems.Add(badToken);
            }
        }
    }
}
