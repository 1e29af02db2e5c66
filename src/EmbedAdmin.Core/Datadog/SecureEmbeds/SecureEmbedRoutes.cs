using System;
using System.Net.Http;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Core.Datadog.SecureEmbeds
{
    /// <summary>
    /// The Dashboard Secure Embed endpoints (docs.datadoghq.com/api/latest/dashboard-secure-embed), all "in preview and subject to change", plus the
    /// sibling ListSharedDashboardsByDashboardId, the only way to enumerate a dashboard's secure embeds.
    /// </summary>
    internal static class SecureEmbedRoutes
    {
        private static readonly HttpMethod Patch = new("PATCH");

        /// <summary>
        /// POST: not repeated after a 5xx or a lost connection (the method rule), and rightly so: a second attempt
        /// would make a second secure embed with a second credential. A 429 is still retried: nothing was made.
        /// </summary>
        public static ApiRequest Create(string dashboardId) =>
            new(ApiService.Datadog, AuthKind.DatadogKeys, HttpMethod.Post, Dashboard(dashboardId) + "/shared/secure-embed");

        public static ApiRequest Get(string dashboardId, string token) =>
            new(ApiService.Datadog, AuthKind.DatadogKeys, HttpMethod.Get, Embed(dashboardId, token));

        /// <summary>
        /// PATCH keeps the pipeline's method rule: not repeated after a 5xx or a lost connection. The body sets
        /// absolute values, so a repeat would do no harm here; but the rule stays uniform across the module, a
        /// failed row reports exactly what happened, and it replays from its error's TargetObject.
        /// </summary>
        public static ApiRequest Update(string dashboardId, string token) =>
            new(ApiService.Datadog, AuthKind.DatadogKeys, Patch, Embed(dashboardId, token));

        public static ApiRequest Delete(string dashboardId, string token) =>
            new(ApiService.Datadog, AuthKind.DatadogKeys, HttpMethod.Delete, Embed(dashboardId, token));

        public static ApiRequest ListShared(string dashboardId) =>
            new(ApiService.Datadog, AuthKind.DatadogKeys, HttpMethod.Get, Dashboard(dashboardId) + "/shared");

        private static string Dashboard(string dashboardId) => "api/v2/dashboard/" + PathSegment.Escape(dashboardId, DashboardIdField);

        private static string Embed(string dashboardId, string token) =>
            Dashboard(dashboardId) + "/shared/secure-embed/" + PathSegment.Escape(token, TokenField);

        internal const string DashboardIdField = "DashboardId (dashboard_id)";

        internal const string TokenField = "Token (token)";
    }
}
