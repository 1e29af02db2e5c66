using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmbedAdmin.Emulator.State;

internal enum KeyKind
{
    DataApp,
    Service,
}

internal readonly record struct KeyInfo(KeyKind Kind, string? DataAppName);

/// <summary>
/// All emulator state behind one monitor. Critical sections are short (dictionary look-ups and a few
/// assignments), and response bodies are rendered into a thread-local buffer inside the lock, so the
/// network is never touched while holding it.
/// </summary>
internal sealed class Store
{
    public static readonly JsonSerializerOptions FileJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    // The --state file is rewritten on every change, so it skips indentation: about half the bytes to write.
    private static readonly JsonSerializerOptions CompactJson = new(FileJson) { WriteIndented = false };

    private readonly TimeProvider clock;
    private readonly List<(string Kind, string Key, object? Value)> changes = new();
    private ArrayBufferWriter<byte>? journal;

    public Store(StateDocument document, TimeProvider clock)
    {
        this.clock = clock;
        Doc = document;
        Reindex();
    }

    public object Gate { get; } = new();

    public StateDocument Doc { get; private set; }

    // Bumped on every change; the persister writes whenever its last written version is behind.
    public long Version { get; private set; }

    public Dictionary<string, KeyInfo> DataBrainKeys { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, EmbedRecord> EmbedsById { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DataAppRecord> DataApps { get; } = new(StringComparer.Ordinal);

    // Per data app, in creation order: paging is then an index range, not a sort per request.
    public Dictionary<string, List<EmbedRecord>> EmbedsByApp { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, WorkspaceRecord> Workspaces { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DatamartRecord> Datamarts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DatasourceRecord> Datasources { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DashboardRecord> Dashboards { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DatadogDashboardRecord> DdDashboards { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ShareRecord> SharesByToken { get; } = new(StringComparer.Ordinal);

    public HashSet<string> DdApiKeys { get; } = new(StringComparer.Ordinal);

    public HashSet<string> DdAppKeys { get; } = new(StringComparer.Ordinal);

    public static StateDocument LoadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    public static StateDocument Parse(Stream stream, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<StateDocument>(stream, FileJson)
                ?? throw new InvalidDataException($"{what}: the document is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{what}: not a valid state document: {ex.Message}", ex);
        }
    }

    public string Now() => FormatTime(clock.GetUtcNow());

    public static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public DateTimeOffset NowOffset() => clock.GetUtcNow();

    /// <summary>Replaces the whole state (reset). Caller holds <see cref="Gate"/>.</summary>
    public void Replace(StateDocument document)
    {
        Doc = document;
        Reindex();
        RequestSnapshot();
        Touch();
    }

    /// <summary>True when the next persist must write a whole snapshot (after reset or bulk generate).</summary>
    public bool SnapshotRequested { get; private set; }

    /// <summary>Generation stamped on journal lines; the persister moves it on at every snapshot.</summary>
    public long JournalGeneration { get; set; }

    /// <summary>Called by the persister: from now on every Touch renders its changes as one journal line.</summary>
    public void EnableJournal() => journal = new ArrayBufferWriter<byte>(4096);

    /// <summary>Records that an entity was upserted (value) or deleted (null). Caller holds <see cref="Gate"/>.</summary>
    public void Changed(string kind, string key, object? value)
    {
        if (journal is not null)
        {
            changes.Add((kind, key, value));
        }
    }

    public void RequestSnapshot() => SnapshotRequested = true;

    /// <summary>Ends a mutation: bumps the version and, when journaling, renders the recorded changes as one line.</summary>
    public void Touch()
    {
        Version++;
        if (journal is null)
        {
            return;
        }

        if (!SnapshotRequested && changes.Count > 0)
        {
            WriteJournalLine(journal);
        }

        changes.Clear();
    }

    /// <summary>Journal bytes rendered since the last take. Caller holds <see cref="Gate"/>.</summary>
    public byte[]? TakeJournal()
    {
        if (journal is null || journal.WrittenCount == 0)
        {
            return null;
        }

        var bytes = journal.WrittenSpan.ToArray();
        journal.ResetWrittenCount();
        return bytes;
    }

    /// <summary>A compact snapshot stamped with <paramref name="generation"/>; pending journal bytes are dropped because the snapshot holds them.</summary>
    public byte[] TakeSnapshot(long generation)
    {
        SnapshotRequested = false;
        journal?.ResetWrittenCount();
        JournalGeneration = generation;
        Doc.JournalGeneration = generation;
        try
        {
            return Serialize(indented: false);
        }
        finally
        {
            Doc.JournalGeneration = 0;
        }
    }

    /// <summary>
    /// Applies journal lines of the snapshot's generation to <paramref name="doc"/>. Every line holds whole
    /// entity records and absolute counters, so applying one twice is harmless; a torn last line (the
    /// process died mid-write) is skipped. Returns the number of lines applied.
    /// </summary>
    public static int ReplayJournal(StateDocument doc, string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        var generation = doc.JournalGeneration;
        var db = doc.DataBrain;
        var embeds = db.Embeds.ToDictionary(e => e.EmbedId, StringComparer.Ordinal);
        var dashboards = db.Dashboards.ToDictionary(d => d.DashboardId, StringComparer.Ordinal);
        var workspaces = db.Workspaces.ToDictionary(w => w.Name, StringComparer.Ordinal);
        var datamarts = db.Datamarts.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var tokens = db.GuestTokens.ToDictionary(t => t.Token, StringComparer.Ordinal);
        var shares = doc.Datadog.Shares.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var dataApps = db.DataApps.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var datasources = db.Datasources.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var applied = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JournalLine? entry;
            try
            {
                entry = JsonSerializer.Deserialize<JournalLine>(line, FileJson);
            }
            catch (JsonException)
            {
                // Only the tail can be torn: nothing after it was acknowledged.
                break;
            }

            if (entry is null || entry.Gen != generation)
            {
                continue;
            }

            db.NextSequence = Math.Max(db.NextSequence, entry.NextSequence);
            doc.Datadog.NextShareId = Math.Max(doc.Datadog.NextShareId, entry.NextShareId);
            foreach (var c in entry.Changes)
            {
                switch (c.Kind)
                {
                    case Kinds.Embed: Apply(embeds, c); break;
                    case Kinds.Dashboard: Apply(dashboards, c); break;
                    case Kinds.Workspace: Apply(workspaces, c); break;
                    case Kinds.Datamart: Apply(datamarts, c); break;
                    case Kinds.GuestToken: Apply(tokens, c); break;
                    case Kinds.Share: Apply(shares, c); break;
                    case Kinds.DataApp: Apply(dataApps, c); break;
                    case Kinds.Datasource: Apply(datasources, c); break;
                    default: throw new InvalidDataException($"{path}: unknown journal entry kind '{c.Kind}'.");
                }
            }

            applied++;
        }

        db.Embeds = embeds.Values.ToList();
        db.Dashboards = dashboards.Values.ToList();
        db.Workspaces = workspaces.Values.ToList();
        db.Datamarts = datamarts.Values.ToList();
        db.GuestTokens = tokens.Values.ToList();
        doc.Datadog.Shares = shares.Values.ToList();
        db.DataApps = dataApps.Values.ToList();
        db.Datasources = datasources.Values.ToList();
        return applied;
    }

    private static void Apply<T>(Dictionary<string, T> map, JournalChange c)
    {
        if (c.Deleted || c.Value is null)
        {
            map.Remove(c.Key);
            return;
        }

        map[c.Key] = c.Value.Deserialize<T>(FileJson) ?? throw new InvalidDataException($"journal: empty {c.Kind} '{c.Key}'.");
    }

    private void WriteJournalLine(ArrayBufferWriter<byte> target)
    {
        using (var w = new Utf8JsonWriter(target))
        {
            w.WriteStartObject();
            w.WriteNumber("gen", JournalGeneration);
            w.WriteNumber("nextSequence", Doc.DataBrain.NextSequence);
            w.WriteNumber("nextShareId", Doc.Datadog.NextShareId);
            w.WriteStartArray("changes");
            foreach (var (kind, key, value) in changes)
            {
                w.WriteStartObject();
                w.WriteString("kind", kind);
                w.WriteString("key", key);
                if (value is null)
                {
                    w.WriteBoolean("deleted", true);
                }
                else
                {
                    w.WritePropertyName("value");
                    JsonSerializer.Serialize(w, value, value.GetType(), CompactJson);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        target.Write("\n"u8);
    }

    public long NextSequence() => Doc.DataBrain.NextSequence++;

    public void AddEmbed(EmbedRecord embed)
    {
        Doc.DataBrain.Embeds.Add(embed);
        EmbedsById[embed.EmbedId] = embed;
        AppList(embed.DataAppName).Add(embed);
        Changed(Kinds.Embed, embed.EmbedId, embed);
    }

    public void RemoveEmbed(EmbedRecord embed)
    {
        Doc.DataBrain.Embeds.Remove(embed);
        EmbedsById.Remove(embed.EmbedId);
        AppList(embed.DataAppName).Remove(embed);
        Changed(Kinds.Embed, embed.EmbedId, null);
    }

    public List<EmbedRecord> AppList(string dataApp)
    {
        if (!EmbedsByApp.TryGetValue(dataApp, out var list))
        {
            list = new List<EmbedRecord>();
            EmbedsByApp[dataApp] = list;
        }

        return list;
    }

    /// <summary>
    /// Serialises the state with a stable order: collections keyed by name are sorted ordinally,
    /// embeds by their creation sequence (which is also their list order, so it survives a restart).
    /// Caller holds <see cref="Gate"/>.
    /// </summary>
    public byte[] Serialize(bool indented = true)
    {
        var db = Doc.DataBrain;
        db.DataApps.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        db.Datasources.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        db.Datamarts.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        db.Workspaces.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        db.Dashboards.Sort((a, b) => string.CompareOrdinal(a.DashboardId, b.DashboardId));
        db.Embeds.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        db.GuestTokens.Sort((a, b) => string.CompareOrdinal(a.Token, b.Token));
        Doc.Datadog.Dashboards.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        Doc.Datadog.Shares.Sort(static (a, b) => CompareNumericIds(a.Id, b.Id));
        return JsonSerializer.SerializeToUtf8Bytes(Doc, indented ? FileJson : CompactJson);
    }

    private static int CompareNumericIds(string a, string b)
    {
        var byLength = a.Length.CompareTo(b.Length);
        return byLength != 0 ? byLength : string.CompareOrdinal(a, b);
    }

    private void Reindex()
    {
        DataBrainKeys.Clear();
        DataApps.Clear();
        EmbedsById.Clear();
        EmbedsByApp.Clear();
        Workspaces.Clear();
        Datamarts.Clear();
        Datasources.Clear();
        Dashboards.Clear();
        DdDashboards.Clear();
        SharesByToken.Clear();
        DdApiKeys.Clear();
        DdAppKeys.Clear();

        var db = Doc.DataBrain;
        foreach (var token in db.ServiceTokens)
        {
            DataBrainKeys[token] = new KeyInfo(KeyKind.Service, null);
        }

        foreach (var app in db.DataApps)
        {
            DataApps[app.Name] = app;
            EmbedsByApp[app.Name] = new List<EmbedRecord>();
            foreach (var key in app.ApiKeys.Concat(app.ApiTokens.Select(t => t.Key)))
            {
                DataBrainKeys[key] = new KeyInfo(KeyKind.DataApp, app.Name);
            }
        }

        long maxSequence = 0;
        db.Embeds.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        foreach (var embed in db.Embeds)
        {
            EmbedsById[embed.EmbedId] = embed;
            AppList(embed.DataAppName).Add(embed);
            maxSequence = Math.Max(maxSequence, embed.Sequence);
        }

        // A hand-written seed may omit nextSequence; never hand out a sequence that is already taken.
        db.NextSequence = Math.Max(db.NextSequence, maxSequence + 1);
        JournalGeneration = Doc.JournalGeneration;
        Doc.JournalGeneration = 0;

        foreach (var w in db.Workspaces)
        {
            Workspaces[w.Name] = w;
        }

        foreach (var d in db.Datamarts)
        {
            Datamarts[d.Name] = d;
        }

        foreach (var d in db.Datasources)
        {
            Datasources[d.Name] = d;
        }

        foreach (var d in db.Dashboards)
        {
            Dashboards[d.DashboardId] = d;
        }

        var dd = Doc.Datadog;
        foreach (var d in dd.Dashboards)
        {
            DdDashboards[d.Id] = d;
        }

        long maxShare = 0;
        foreach (var s in dd.Shares)
        {
            SharesByToken[s.Token] = s;
            if (long.TryParse(s.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                maxShare = Math.Max(maxShare, n);
            }
        }

        dd.NextShareId = Math.Max(dd.NextShareId, maxShare + 1);
        foreach (var k in dd.ApiKeys)
        {
            DdApiKeys.Add(k);
        }

        foreach (var k in dd.ApplicationKeys)
        {
            DdAppKeys.Add(k);
        }
    }
}

/// <summary>Journal entry kinds: one per keyed collection that API calls change.</summary>
internal static class Kinds
{
    public const string Embed = "embed";
    public const string Dashboard = "dashboard";
    public const string Workspace = "workspace";
    public const string Datamart = "datamart";
    public const string GuestToken = "guestToken";
    public const string Share = "share";
    public const string DataApp = "dataApp";
    public const string Datasource = "datasource";
}

internal sealed class JournalLine
{
    public long Gen { get; set; }

    public long NextSequence { get; set; }

    public long NextShareId { get; set; }

    public List<JournalChange> Changes { get; set; } = new();
}

internal sealed class JournalChange
{
    public string Kind { get; set; } = "";

    public string Key { get; set; } = "";

    public bool Deleted { get; set; }

    public System.Text.Json.Nodes.JsonNode? Value { get; set; }
}
