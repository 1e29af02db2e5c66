namespace EmbedAdmin.Core.Datadog.SecureEmbeds
{
    /// <summary>
    /// Datadog marks every secure-embed endpoint "in preview and subject to change"
    /// (docs.datadoghq.com/api/latest/dashboard-secure-embed). The cmdlets say so with -Verbose and in their help.
    /// </summary>
    public static class SecureEmbedPreview
    {
        public const string Notice =
            "The Datadog dashboard secure-embed endpoints are in preview and subject to change. " +
            "If a call fails in a way these cmdlets do not expect, check Datadog's API reference for changes.";
    }
}
