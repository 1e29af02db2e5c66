using System;

namespace EmbedAdmin.Core.Models
{
    /// <summary>
    /// An embed as Get-Embed and New-Embed report it. EmbedId, DashboardId and DataAppName are named so the
    /// object binds into Set-EmbedAccess, Remove-Embed, Export-Embed and New-GuestToken by property name.
    /// </summary>
    public sealed class Embed
    {
        public string EmbedId { get; set; } = string.Empty;

        public string? Name { get; set; }

        /// <summary>dashboard or metric.</summary>
        public string? EmbedType { get; set; }

        public string? DashboardId { get; set; }

        public string? DashboardName { get; set; }

        public string? MetricId { get; set; }

        public string? MetricName { get; set; }

        public string? DataAppName { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        public DateTimeOffset? UpdatedAt { get; set; }

        /// <summary>Current access settings, read through the export endpoint with -IncludeAccess; null otherwise.</summary>
        public EmbedAccess? Access { get; set; }

        /// <summary>Why -IncludeAccess could not read this embed's settings, or null.</summary>
        public string? AccessError { get; set; }

        /// <summary>The embed's datamart, from <see cref="Access"/>; lets "migrate every embed" filter on it.</summary>
        public string? DatamartName => Access?.DatamartName;
    }

    /// <summary>What New-DashboardEmbed created; ClientId and EmbedId bind into New-GuestToken.</summary>
    public sealed class DashboardEmbed
    {
        public string EmbedId { get; set; } = string.Empty;

        public string DashboardId { get; set; } = string.Empty;

        public string? Name { get; set; }

        public string ClientId { get; set; } = string.Empty;

        public string WorkspaceName { get; set; } = string.Empty;

        public string? DatamartName { get; set; }

        public string? TemplateDashboardId { get; set; }
    }

    /// <summary>A guest token. The token is a bearer credential, so it is held as a SecureString unless asked for as text.</summary>
    public sealed class GuestToken
    {
        public string ClientId { get; set; } = string.Empty;

        public string DataAppName { get; set; } = string.Empty;

        public System.Security.SecureString Token { get; set; } = new System.Security.SecureString();

        /// <summary>Null when the token never expires (no -Expiry).</summary>
        public DateTimeOffset? ExpiresAt { get; set; }

        public string[] AllowedEmbeds { get; set; } = Array.Empty<string>();
    }

    /// <summary>An embed written to a file by Export-Embed.</summary>
    public sealed class EmbedExport
    {
        public string EmbedId { get; set; } = string.Empty;

        public string Path { get; set; } = string.Empty;

        public long Length { get; set; }
    }
}
