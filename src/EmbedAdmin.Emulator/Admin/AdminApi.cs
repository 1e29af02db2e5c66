using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EmbedAdmin.Emulator.Infrastructure;
using EmbedAdmin.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace EmbedAdmin.Emulator.Admin;

/// <summary>
/// /_emulator/*: no auth, never counted in stats, never faulted or rate limited, so tests can always
/// inspect and steer the emulator even while it is busy failing on purpose.
/// </summary>
internal static class AdminApi
{
    private static readonly JsonSerializerOptions SettingsJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static async Task<int> HandleAsync(EmulatorRuntime emu, HttpContext ctx, string path)
    {
        var method = ctx.Request.Method;
        Reply reply;
        try
        {
            reply = (method, path) switch
            {
                ("GET", "/_emulator/health") => Health(emu),
                ("POST", "/_emulator/reset") => await ResetAsync(emu, ctx).ConfigureAwait(false),
                ("GET", "/_emulator/state") => State(emu),
                ("GET", "/_emulator/stats") => StatsReply(emu),
                ("POST", "/_emulator/stats/reset") => ResetStats(emu),
                ("GET", "/_emulator/faults") => Faults(emu),
                ("PUT", "/_emulator/faults") => await PutFaultsAsync(emu, ctx).ConfigureAwait(false),
                ("GET", "/_emulator/rate-limits") => RateLimits(emu),
                ("PUT", "/_emulator/rate-limits") => await PutRateLimitsAsync(emu, ctx).ConfigureAwait(false),
                ("POST", "/_emulator/embeds/generate") => await GenerateAsync(emu, ctx).ConfigureAwait(false),
                _ => Problem(404, $"No admin endpoint {method} {path}."),
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or NotSupportedException)
        {
            reply = Problem(400, ex.Message);
        }

        await EmulatorRuntime.WriteAsync(ctx, reply).ConfigureAwait(false);
        return reply.Status;
    }

    private static Reply Problem(int status, string message)
    {
        var w = JsonOut.Begin();
        w.WriteStartObject();
        w.WriteString("error", message);
        w.WriteEndObject();
        return JsonOut.Reply(status, w);
    }

    private static Reply Health(EmulatorRuntime emu)
    {
        int embeds;
        long version;
        lock (emu.Store.Gate)
        {
            embeds = emu.Store.EmbedsById.Count;
            version = emu.Store.Version;
        }

        var w = JsonOut.Begin();
        w.WriteStartObject();
        w.WriteString("status", "ok");
        w.WriteNumber("embeds", embeds);
        w.WriteNumber("stateVersion", version);
        w.WriteBoolean("persistent", emu.Persister is not null);
        w.WriteEndObject();
        return JsonOut.Reply(200, w);
    }

    private static async Task<Reply> ResetAsync(EmulatorRuntime emu, HttpContext ctx)
    {
        StateDocument doc;
        var hasBody = ctx.Request.ContentLength is > 0 || (ctx.Request.ContentLength is null && ctx.Request.Headers.TransferEncoding.Count > 0);
        if (hasBody)
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted).ConfigureAwait(false);
            buffer.Position = 0;
            doc = buffer.Length == 0 ? emu.LoadSeed() : Store.Parse(buffer, "reset body");
        }
        else
        {
            doc = emu.LoadSeed();
        }

        lock (emu.Store.Gate)
        {
            emu.Store.Replace(doc);
        }

        await emu.PersistAsync().ConfigureAwait(false);
        return Health(emu);
    }

    private static Reply State(EmulatorRuntime emu)
    {
        byte[] bytes;
        lock (emu.Store.Gate)
        {
            bytes = emu.Store.Serialize();
        }

        return new Reply(200, bytes);
    }

    private static Reply StatsReply(EmulatorRuntime emu)
    {
        var w = JsonOut.Begin();
        emu.Stats.Write(w);
        return JsonOut.Reply(200, w);
    }

    private static Reply ResetStats(EmulatorRuntime emu)
    {
        emu.Stats.Reset();
        return StatsReply(emu);
    }

    private static Reply Faults(EmulatorRuntime emu) =>
        new(200, JsonSerializer.SerializeToUtf8Bytes(emu.Faults.Settings, SettingsJson));

    private static async Task<Reply> PutFaultsAsync(EmulatorRuntime emu, HttpContext ctx)
    {
        var settings = await JsonSerializer.DeserializeAsync<FaultSettings>(ctx.Request.Body, SettingsJson, ctx.RequestAborted).ConfigureAwait(false)
            ?? new FaultSettings();
        if (settings.Validate() is { } error)
        {
            return Problem(400, error);
        }

        emu.Faults.Apply(settings);
        return Faults(emu);
    }

    private static Reply RateLimits(EmulatorRuntime emu) =>
        new(200, JsonSerializer.SerializeToUtf8Bytes(new RateLimitsDocument { DataBrain = emu.DataBrainLimiter.Settings, DataBrainWindow = emu.DataBrainWindow.Settings, Datadog = emu.DatadogLimiter.Settings }, SettingsJson));

    /// <summary>Replaces both limits (an absent or null service means unlimited) and forgets all buckets.</summary>
    private static async Task<Reply> PutRateLimitsAsync(EmulatorRuntime emu, HttpContext ctx)
    {
        var doc = await JsonSerializer.DeserializeAsync<RateLimitsDocument>(ctx.Request.Body, SettingsJson, ctx.RequestAborted).ConfigureAwait(false)
            ?? new RateLimitsDocument();
        foreach (var s in new[] { doc.DataBrain, doc.Datadog })
        {
            if (s is not null && (!(s.RequestsPerSecond > 0) || double.IsInfinity(s.RequestsPerSecond) || s.Burst < 1))
            {
                return Problem(400, "requestsPerSecond must be > 0 and burst >= 1.");
            }
        }

        if (doc.DataBrainWindow is { } window && (window.Count < 1 || window.Seconds < 1))
        {
            return Problem(400, "dataBrainWindow: count and seconds must be >= 1.");
        }

        emu.DataBrainLimiter.Apply(doc.DataBrain);
        emu.DataBrainWindow.Apply(doc.DataBrainWindow);
        emu.DatadogLimiter.Apply(doc.Datadog);
        return RateLimits(emu);
    }

    /// <summary>
    /// Bulk rows for paging and benchmark tests: {prefix}_000001 .. {prefix}_{count}, every field a pure
    /// function of the index, so two runs generate identical state. Existing ids are replaced.
    /// </summary>
    private static async Task<Reply> GenerateAsync(EmulatorRuntime emu, HttpContext ctx)
    {
        var request = await JsonSerializer.DeserializeAsync<GenerateRequest>(ctx.Request.Body, SettingsJson, ctx.RequestAborted).ConfigureAwait(false)
            ?? new GenerateRequest();
        if (request.Count is < 1 or > 1_000_000)
        {
            return Problem(400, "count must be between 1 and 1000000.");
        }

        var prefix = request.Prefix ?? "bulk";
        if (prefix.Length == 0 || prefix.Length > 64 || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
        {
            return Problem(400, "prefix must be 1-64 characters of [A-Za-z0-9_-].");
        }

        var app = request.DataAppName ?? DevKeys.DemoAppName;
        var store = emu.Store;
        lock (store.Gate)
        {
            if (!store.Doc.DataBrain.DataApps.Exists(a => a.Name == app))
            {
                return Problem(400, $"Unknown data app '{app}'.");
            }

            var now = store.Now();
            for (var i = 1; i <= request.Count; i++)
            {
                var id = prefix + "_" + i.ToString("D6", CultureInfo.InvariantCulture);
                if (store.EmbedsById.TryGetValue(id, out var existing))
                {
                    store.RemoveEmbed(existing);
                }

                var isMetric = i % 4 == 0;
                store.AddEmbed(new EmbedRecord
                {
                    EmbedId = id,
                    Sequence = store.NextSequence(),
                    DataAppName = app,
                    Name = $"{prefix} customer {i}",
                    EmbedType = isMetric ? "metric" : "dashboard",
                    DashboardId = isMetric ? "sales-overview" : (i % 3 == 0 ? "customer-health" : "sales-overview"),
                    MetricId = isMetric ? "m-sales-total" : null,
                    WorkspaceName = "analytics-workspace",
                    CreatedAt = now,
                    UpdatedAt = now,
                    AccessSettings = new AccessSettingsRecord
                    {
                        DatamartName = i % 2 == 0 ? "sales-datamart" : "customer-analytics",
                        IsAllowAiPilot = (i & 1) != 0,
                        IsAllowEmailReports = (i & 2) != 0,
                        IsAllowManageMetrics = (i & 4) != 0,
                        IsAllowCreateDashboardView = (i & 8) != 0,
                        IsAllowMetricCreation = (i & 16) != 0,
                        IsAllowMetricDeletion = false,
                        IsAllowMetricLayoutChange = (i & 32) != 0,
                        IsAllowMetricUpdate = (i & 64) != 0,
                        IsAllowUnderlyingData = (i & 128) != 0,
                        JoinModel = i % 5 == 0 ? "single" : "multi",
                        IsIncrementalJoin = i % 5 != 0,
                        MetricCreationMode = i % 7 == 0 ? "CHAT" : "DRAG_DROP",
                    },
                });
            }

            // One snapshot beats a journal line per generated row.
            store.RequestSnapshot();
            store.Touch();
        }

        await emu.PersistAsync().ConfigureAwait(false);
        var w = JsonOut.Begin();
        w.WriteStartObject();
        w.WriteNumber("generated", request.Count);
        w.WriteString("first", prefix + "_000001");
        w.WriteString("last", prefix + "_" + request.Count.ToString("D6", CultureInfo.InvariantCulture));
        w.WriteEndObject();
        return JsonOut.Reply(200, w);
    }

    private sealed class RateLimitsDocument
    {
        public RateLimitSettings? DataBrain { get; set; }

        public WindowLimitSettings? DataBrainWindow { get; set; }

        public RateLimitSettings? Datadog { get; set; }
    }

    private sealed class GenerateRequest
    {
        public int Count { get; set; }

        public string? Prefix { get; set; }

        public string? DataAppName { get; set; }
    }
}
