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
        Touch();
    }

    public void Touch() => Version++;

    public long NextSequence() => Doc.DataBrain.NextSequence++;

    public void AddEmbed(EmbedRecord embed)
    {
        Doc.DataBrain.Embeds.Add(embed);
        EmbedsById[embed.EmbedId] = embed;
        AppList(embed.DataAppName).Add(embed);
    }

    public void RemoveEmbed(EmbedRecord embed)
    {
        Doc.DataBrain.Embeds.Remove(embed);
        EmbedsById.Remove(embed.EmbedId);
        AppList(embed.DataAppName).Remove(embed);
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
            EmbedsByApp[app.Name] = new List<EmbedRecord>();
            foreach (var key in app.ApiKeys)
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
