using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Core.Sessions
{
    /// <summary>
    /// Names for tab completion (embed ids, workspaces, …), kept per session for a short time. A Tab press waits
    /// for a fetch only briefly: a slow service gives the last names known (or none) at once, and the fetch
    /// goes on to serve the next press. Nothing here throws: completion must never break the prompt.
    /// </summary>
    public sealed class CompletionCache
    {
        public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(60);

        private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
        private readonly IClock clock;
        private readonly TimeSpan lifetime;

        public CompletionCache(IClock clock, TimeSpan? lifetime = null)
        {
            this.clock = clock;
            this.lifetime = lifetime ?? DefaultLifetime;
        }

        /// <param name="kind">What the names are, e.g. "embedIds".</param>
        /// <param name="fetch">Reads the names from the service.</param>
        /// <param name="wait">How long a Tab press may wait for a fetch in progress.</param>
        public IReadOnlyList<string> Get(string kind, Func<CancellationToken, Task<IReadOnlyList<string>>> fetch, TimeSpan wait)
        {
            try
            {
                var entry = entries.GetOrAdd(kind, _ => new Entry());
                Task pending;
                lock (entry)
                {
                    if (entry.Values is not null && clock.UtcNow - entry.FetchedAt < lifetime)
                    {
                        return entry.Values;
                    }

                    pending = entry.Pending ??= Task.Run(() => RefreshAsync(entry, fetch));
                }

                pending.Wait(wait);
                lock (entry)
                {
                    return entry.Values ?? Array.Empty<string>();
                }
            }
            catch (Exception)
            {
                return Array.Empty<string>();
            }
        }

        /// <summary>Forgets what was fetched, e.g. after a cmdlet created or removed something.</summary>
        public void Invalidate(string kind) => entries.TryRemove(kind, out _);

        private async Task RefreshAsync(Entry entry, Func<CancellationToken, Task<IReadOnlyList<string>>> fetch)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                var values = await fetch(timeout.Token).ConfigureAwait(false);
                lock (entry)
                {
                    entry.Values = values;
                    entry.FetchedAt = clock.UtcNow;
                }
            }
            catch (Exception)
            {
                // A failed fetch leaves the old names (or none); the next Tab press tries again.
            }
            finally
            {
                lock (entry)
                {
                    entry.Pending = null;
                }
            }
        }

        private sealed class Entry
        {
            public IReadOnlyList<string>? Values { get; set; }

            public DateTimeOffset FetchedAt { get; set; }

            public Task? Pending { get; set; }
        }
    }
}
