using System;
using System.Collections.Generic;

namespace EmbedAdmin.Core.Models
{
    /// <summary>
    /// An embed's access settings. From Set-EmbedAccess -PassThru it holds the values that were sent (the
    /// update endpoint answers with the id only); the others are null, and <see cref="UpdatedFields"/> says which.
    /// </summary>
    public sealed class EmbedAccess
    {
        public string EmbedId { get; set; } = string.Empty;

        public string? DatamartName { get; set; }

        public bool? AllowAiPilot { get; set; }

        public bool? AllowEmailReports { get; set; }

        public bool? AllowManageMetrics { get; set; }

        public bool? AllowMetricCreation { get; set; }

        public bool? AllowMetricDeletion { get; set; }

        public bool? AllowMetricLayoutChange { get; set; }

        public bool? AllowMetricUpdate { get; set; }

        public bool? AllowUnderlyingData { get; set; }

        public bool? AllowCreateDashboardView { get; set; }

        public string? JoinModel { get; set; }

        public bool? IsIncrementalJoin { get; set; }

        public string? MetricCreationMode { get; set; }

        public IReadOnlyList<TableTenancySetting>? TableTenancySettings { get; set; }

        /// <summary>The API field names this object's values came from, or were sent to.</summary>
        public IReadOnlyList<string> UpdatedFields { get; set; } = Array.Empty<string>();
    }
}
