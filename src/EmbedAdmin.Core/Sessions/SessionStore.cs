namespace EmbedAdmin.Core.Sessions
{
    /// <summary>
    /// The process-wide default session that cmdlets use when -Session is not given. Runspaces share it, as
    /// Connect-MgGraph's does, so Start-ThreadJob blocks see the connection; pass -Session to keep them apart.
    /// </summary>
    public static class SessionStore
    {
        private static readonly object Sync = new();
        private static EmbedAdminSession? current;

        public static EmbedAdminSession? Current
        {
            get
            {
                lock (Sync)
                {
                    return current is { IsDisposed: false } ? current : null;
                }
            }
        }

        /// <summary>Makes <paramref name="session"/> the default and returns the one it replaced.</summary>
        public static EmbedAdminSession? Replace(EmbedAdminSession? session)
        {
            lock (Sync)
            {
                var previous = current;
                current = session;
                return previous;
            }
        }

        /// <summary>Clears the default if it is <paramref name="session"/>; returns whether it was.</summary>
        public static bool ClearIf(EmbedAdminSession session)
        {
            lock (Sync)
            {
                if (!ReferenceEquals(current, session))
                {
                    return false;
                }

                current = null;
                return true;
            }
        }
    }
}
