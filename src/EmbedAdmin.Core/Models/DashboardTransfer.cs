namespace EmbedAdmin.Core.Models
{
    /// <summary>What Export-Dashboard wrote: the dashboard, where from, and the file. Binds into Import-Dashboard by Path.</summary>
    public sealed class DashboardExport
    {
        public string DashboardId { get; set; } = string.Empty;

        /// <summary>The workspace the dashboard was exported from.</summary>
        public string SourceWorkspaceName { get; set; } = string.Empty;

        public string Path { get; set; } = string.Empty;

        public long Length { get; set; }

        public override string ToString() => Path;
    }

    /// <summary>A dashboard Import-Dashboard created from an export.</summary>
    public sealed class ImportedDashboard
    {
        public string DashboardId { get; set; } = string.Empty;

        public string? DashboardName { get; set; }

        public string WorkspaceName { get; set; } = string.Empty;

        public string? Message { get; set; }

        public override string ToString() => DashboardId;
    }
}
