namespace EmbedAdmin.Emulator.State;

/// <summary>
/// --state persistence as a snapshot plus an append-only journal, so the cost of a change is the size of
/// the change, not the size of the state (100,000 embeds would otherwise mean rewriting tens of MB per
/// request).
/// <list type="bullet">
/// <item>Every mutation renders its changed entities (whole records, absolute counters) as one line; the
/// line is appended and flushed to the OS before the response is sent, so a killed process loses nothing
/// it acknowledged. Concurrent mutations share one append (group commit).</item>
/// <item>A snapshot is written to a temporary file and renamed over FILE (atomic), at start, after a reset
/// or bulk generate, and whenever the journal has grown past the snapshot's size. Only then is the journal
/// deleted.</item>
/// <item>Each snapshot carries a new generation and journal lines carry theirs: if the process dies between
/// the rename and the journal delete, the stale lines are skipped instead of being replayed over newer
/// state.</item>
/// </list>
/// There is no fsync: this survives a process kill, not a power cut.
/// </summary>
internal sealed class Persister : IDisposable
{
    private const long MinimumCompactBytes = 4 * 1024 * 1024;

    private readonly string path;
    private readonly string tempPath;
    private readonly Store store;
    private readonly long? compactAfterBytes;
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private FileStream? journalStream;
    private long journalBytes;
    private long snapshotBytes;
    private long writtenVersion = -1;

    public Persister(string path, Store store, long? compactAfterBytes = null)
    {
        this.path = Path.GetFullPath(path);
        tempPath = this.path + ".tmp";
        JournalPath = JournalPathFor(this.path);
        this.store = store;
        this.compactAfterBytes = compactAfterBytes;
        var dir = Path.GetDirectoryName(this.path);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        store.EnableJournal();
    }

    public string JournalPath { get; }

    public static string JournalPathFor(string statePath) => Path.GetFullPath(statePath) + ".journal";

    public async ValueTask EnsurePersistedAsync(long version)
    {
        if (Volatile.Read(ref writtenVersion) >= version)
        {
            return;
        }

        await writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (writtenVersion >= version)
            {
                return;
            }

            byte[]? snapshot = null;
            byte[]? chunk = null;
            long snapshotVersion;
            lock (store.Gate)
            {
                snapshotVersion = store.Version;
                var threshold = compactAfterBytes ?? Math.Max(MinimumCompactBytes, snapshotBytes);
                if (store.SnapshotRequested || journalBytes >= threshold)
                {
                    snapshot = store.TakeSnapshot(store.JournalGeneration + 1);
                }
                else
                {
                    chunk = store.TakeJournal();
                }
            }

            if (snapshot is not null)
            {
                await WriteSnapshotAsync(snapshot).ConfigureAwait(false);
            }
            else if (chunk is not null)
            {
                journalStream ??= new FileStream(JournalPath, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous);
                await journalStream.WriteAsync(chunk).ConfigureAwait(false);
                await journalStream.FlushAsync().ConfigureAwait(false);
                journalBytes += chunk.Length;
            }

            Volatile.Write(ref writtenVersion, snapshotVersion);
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>Writes a fresh snapshot now and drops the journal (used at start).</summary>
    public async ValueTask CompactAsync()
    {
        lock (store.Gate)
        {
            store.RequestSnapshot();
            store.Touch();
        }

        long version;
        lock (store.Gate)
        {
            version = store.Version;
        }

        await EnsurePersistedAsync(version).ConfigureAwait(false);
    }

    public void Dispose()
    {
        journalStream?.Dispose();
        writeGate.Dispose();
    }

    private async Task WriteSnapshotAsync(byte[] snapshot)
    {
        await using (var stream = new FileStream(tempPath, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(snapshot).ConfigureAwait(false);
        }

        File.Move(tempPath, path, overwrite: true);

        // Only after the rename: until then the journal is what holds the acknowledged changes.
        if (journalStream is not null)
        {
            await journalStream.DisposeAsync().ConfigureAwait(false);
            journalStream = null;
        }

        File.Delete(JournalPath);
        journalBytes = 0;
        snapshotBytes = snapshot.Length;
    }
}
