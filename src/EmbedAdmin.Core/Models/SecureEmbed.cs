using System;
using System.Security;

namespace EmbedAdmin.Core.Models
{
    /// <summary>
    /// A Datadog dashboard secure embed. DashboardId and Token identify it, and are the names Set-SecureEmbed and
    /// Remove-SecureEmbed bind by, so Get-SecureEmbed's output pipes straight into them.
    /// </summary>
    public sealed class SecureEmbed
    {
        public string DashboardId { get; set; } = string.Empty;

        /// <summary>The share token: the public part of the embed URL, and its identity in every later call.</summary>
        public string Token { get; set; } = string.Empty;

        /// <summary>Datadog's internal share id.</summary>
        public string? Id { get; set; }

        public string? Title { get; set; }

        /// <summary>active or paused.</summary>
        public string? Status { get; set; }

        /// <summary>The default time range: 15m, 1h, 4h, 1d, 2d, 1w, 1mo or 3mo.</summary>
        public string? LiveSpan { get; set; }

        public bool? GlobalTimeSelectable { get; set; }

        public bool? HighDensity { get; set; }

        /// <summary>system, light or dark.</summary>
        public string? Theme { get; set; }

        public SecureEmbedTemplateVariables TemplateVariables { get; set; } = SecureEmbedTemplateVariables.Empty;

        public string? Url { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        /// <summary>The last four characters of the signing credential, as Datadog shows them ("0000" when unknown).</summary>
        public string? CredentialSuffix { get; set; }

        /// <summary>
        /// The HMAC signing credential. Only New-SecureEmbed fills it, because Datadog returns it only in the
        /// answer to the create call; it cannot be fetched again. Its text never appears in any output.
        /// </summary>
        public SecureString? Credential { get; set; }

        /// <summary>On a newly created embed: that the credential is returned only now, and where it was stored if it was.</summary>
        public string? CredentialNotice { get; set; }

        public override string ToString() => $"{DashboardId}/{Token}";
    }
}
