namespace EmbedAdmin.Core.Datadog.SecureEmbeds
{
    /// <summary>What a new secure embed says about its credential, which Datadog hands out in the create answer only.</summary>
    public static class CredentialNotice
    {
        public const string Once =
            "Datadog returns the signing credential only once, when the secure embed is created; it cannot be fetched again.";

        public const string InCredentialProperty = Once + " It is in the Credential property (a SecureString): store it now, e.g. with -Vault.";

        public const string NoneReturned = "Datadog's answer held no credential; the secure embed was created without one.";

        /// <summary>"vault 'Prod'", or "the default vault" when none was named.</summary>
        public static string VaultText(string? vault) => string.IsNullOrWhiteSpace(vault) ? "the default vault" : $"vault '{vault!.Trim()}'";

        public static string Stored(string secretName, string? vault) =>
            Once + $" It was stored as secret '{secretName}' in {VaultText(vault)}, and is also in the Credential property (a SecureString).";

        public static string NotStored(string secretName, string? vault, string reason) =>
            InCredentialProperty + $" It was NOT stored as secret '{secretName}' in {VaultText(vault)}: {reason}";
    }
}
