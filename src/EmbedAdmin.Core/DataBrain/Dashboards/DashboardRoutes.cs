using System.Net.Http;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Core.DataBrain.Dashboards
{
    /// <summary>
    /// Dashboard export and import (docs.usedatabrain.com/api-reference/export-dashboard, import-dashboard).
    /// Export "requires a service token (company-level), not a data app API key"; the import page names no token
    /// and sits beside it, so it is sent with the service token too.
    /// </summary>
    internal static class DashboardRoutes
    {
        public static ApiRequest Export() => DataBrainRequest.Service(HttpMethod.Post, "api/v2/data-app/export-dashboard");

        public static ApiRequest Import() => DataBrainRequest.Service(HttpMethod.Post, "api/v2/data-app/import-dashboard");
    }
}
