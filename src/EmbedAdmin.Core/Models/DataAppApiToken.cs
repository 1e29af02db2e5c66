using System;
using System.Security;

namespace EmbedAdmin.Core.Models
{
    /// <summary>
    /// A data app's API token. The key is never held in the clear: from New-DataAppApiToken it is a SecureString
    /// (the only time DataBrain hands it out on purpose), and from Get-DataAppApiToken only its last four
    /// characters are kept, shown as "****abcd".
    /// </summary>
    public sealed class DataAppApiToken
    {
        public string DataAppName { get; set; } = string.Empty;

        public string Name { get; set; } = string.Empty;

        public string? Description { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        /// <summary>"****" and the key's last four characters.</summary>
        public string KeyHint { get; set; } = string.Empty;

        /// <summary>The new key, from New-DataAppApiToken only; null in lists. Pass it to Connect-EmbedAdmin -DataBrainApiKey.</summary>
        public SecureString? Key { get; set; }

        /// <summary>Where New-DataAppApiToken -Vault stored the key, or why it could not; null otherwise.</summary>
        public string? KeyNotice { get; set; }

        public override string ToString() => $"{DataAppName}/{Name} {KeyHint}";

        /// <summary>"****" and the last four characters: enough to tell keys apart, far too little to use one.</summary>
        public static string Hint(string? key) =>
            "****" + (key is null || key.Length < 12 ? string.Empty : key.Substring(key.Length - 4));
    }
}
