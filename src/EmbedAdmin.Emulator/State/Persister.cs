namespace EmbedAdmin.Emulator.State;

/// <summary>
/// Writes the whole state to a temporary file and renames it over the --state file, so a reader or a
/// restart sees either the old or the new document, never half of one. Callers await it before the
/// response goes out, which is what makes a kill right after a 200 lose nothing. Concurrent mutations
/// share one write (group commit): whoever gets the semaphore serialises the latest state, and every
/// waiter whose version that covers returns without writing again.
/// </summary>
internal sealed class Persister : IDisposable
{
    private readonly string path;
    private readonly string tempPath;
    private readonly Store store;
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private long writtenVersion = -1;

    public Persister(string path, Store store)
    {
        this.path = Path.GetFullPath(path);
        tempPath = this.path + ".tmp";
        this.store = store;
        var dir = Path.GetDirectoryName(this.path);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }
    }

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

            byte[] bytes;
            long snapshotVersion;
            lock (store.Gate)
            {
                bytes = store.Serialize(indented: false);
                snapshotVersion = store.Version;
            }

            await using (var stream = new FileStream(tempPath, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(bytes).ConfigureAwait(false);
            }

            File.Move(tempPath, path, overwrite: true);
            Volatile.Write(ref writtenVersion, snapshotVersion);
        }
        finally
        {
            writeGate.Release();
        }
    }

    public void Dispose() => writeGate.Dispose();
}
