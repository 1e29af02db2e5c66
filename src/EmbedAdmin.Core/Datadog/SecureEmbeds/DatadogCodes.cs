namespace EmbedAdmin.Core.Datadog.SecureEmbeds
{
    /// <summary>The codes EmbedAdmin gives Datadog errors from their route and status (Datadog sends none).</summary>
    public static class DatadogCodes
    {
        public const string DashboardNotFound = "DASHBOARD_NOT_FOUND";
        public const string SecureEmbedNotFound = "SECURE_EMBED_NOT_FOUND";
        public const string ShareLimitReached = "SHARE_LIMIT_REACHED";
    }
}
