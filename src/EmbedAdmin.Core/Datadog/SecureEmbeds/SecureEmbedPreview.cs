using System.Runtime.CompilerServices;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.Datadog.SecureEmbeds
{
    /// <summary>
    /// Datadog marks every secure-embed endpoint "in preview and subject to change". Users are told once per
    /// session, not on every call. The flag hangs off the session object itself (a weak table, so it goes when the
    /// session goes) without the session type having to know about Datadog's preview programme.
    /// </summary>
    public static class SecureEmbedPreview
    {
        public const string Notice =
            "The Datadog dashboard secure-embed endpoints are in preview and subject to change. " +
            "If a call fails in a way these cmdlets do not expect, check Datadog's API reference for changes.";

        private static readonly ConditionalWeakTable<EmbedAdminSession, object> Noticed = new();
        private static readonly object Sync = new();

        /// <summary>True the first time it is asked for a session, false ever after.</summary>
        public static bool ClaimNotice(EmbedAdminSession session)
        {
            lock (Sync)
            {
                if (Noticed.TryGetValue(session, out _))
                {
                    return false;
                }

                Noticed.Add(session, Sync);
                return true;
            }
        }
    }
}
