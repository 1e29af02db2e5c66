using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace EmbedAdmin.Emulator.Infrastructure;

/// <summary>Counters for API traffic (admin calls excluded), so tests can prove what was or was not sent.</summary>
internal sealed class Stats
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> byRoute = new(StringComparer.Ordinal);
    private long[] byStatus = new long[600];
    private long total;
    private long mutations;
    private long dropped;
    private long lostReplies;
    private long injectedErrors;
    private long storms;
    private long rateLimited;

    public void Received(string route)
    {
        Interlocked.Increment(ref total);
        var box = byRoute.GetOrAdd(route, static _ => new StrongBox<long>());
        Interlocked.Increment(ref box.Value);
    }

    public void Completed(int status)
    {
        var arr = Volatile.Read(ref byStatus);
        if ((uint)status < (uint)arr.Length)
        {
            Interlocked.Increment(ref arr[status]);
        }
    }

    public void Mutated() => Interlocked.Increment(ref mutations);

    public void Dropped() => Interlocked.Increment(ref dropped);

    public void LostReply() => Interlocked.Increment(ref lostReplies);

    public void InjectedError() => Interlocked.Increment(ref injectedErrors);

    public void Storm() => Interlocked.Increment(ref storms);

    public void RateLimited() => Interlocked.Increment(ref rateLimited);

    public void Reset()
    {
        byRoute.Clear();
        Volatile.Write(ref byStatus, new long[600]);
        Interlocked.Exchange(ref total, 0);
        Interlocked.Exchange(ref mutations, 0);
        Interlocked.Exchange(ref dropped, 0);
        Interlocked.Exchange(ref lostReplies, 0);
        Interlocked.Exchange(ref injectedErrors, 0);
        Interlocked.Exchange(ref storms, 0);
        Interlocked.Exchange(ref rateLimited, 0);
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("totalRequests", Interlocked.Read(ref total));
        w.WriteNumber("mutations", Interlocked.Read(ref mutations));
        w.WriteStartObject("byRoute");
        foreach (var kv in byRoute.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(kv.Key, Interlocked.Read(ref kv.Value.Value));
        }

        w.WriteEndObject();
        w.WriteStartObject("byStatus");
        var arr = Volatile.Read(ref byStatus);
        for (var i = 0; i < arr.Length; i++)
        {
            var n = Interlocked.Read(ref arr[i]);
            if (n > 0)
            {
                w.WriteNumber(i.ToString(System.Globalization.CultureInfo.InvariantCulture), n);
            }
        }

        w.WriteEndObject();
        w.WriteNumber("dropped", Interlocked.Read(ref dropped));
        w.WriteNumber("lostReplies", Interlocked.Read(ref lostReplies));
        w.WriteNumber("injectedErrors", Interlocked.Read(ref injectedErrors));
        w.WriteNumber("storm429", Interlocked.Read(ref storms));
        w.WriteNumber("rateLimited429", Interlocked.Read(ref rateLimited));
        w.WriteEndObject();
    }
}
