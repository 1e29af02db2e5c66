using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace EmbedAdmin.Core.Journal
{
    /// <summary>
    /// The change journal: JSON Lines, one file per UTC day (yyyy-MM-dd.jsonl) in one folder. Every append opens
    /// the day file exclusively (FileShare.None: an exclusive lock on Windows and a flock on Unix, so another
    /// process's writer and readers wait), writes the whole line in one Write and flushes it to the operating
    /// system before returning. A process killed mid-run therefore leaves whole lines, at worst one torn last
    /// line, which the reader skips. Writers in one process queue on a monitor instead of spinning on the lock.
    /// </summary>
    public sealed class ChangeJournal
    {
        public const int DefaultRetentionDays = 90;
        public const string EnvironmentVariable = "EMBEDADMIN_JOURNAL_PATH";
        private const string Extension = ".jsonl";
        private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);
        private readonly object gate = new();

        public ChangeJournal(string folder)
        {
            Folder = Path.GetFullPath(folder);
        }

        public string Folder { get; }

        /// <summary>
        /// $EMBEDADMIN_JOURNAL_PATH when set (tests and runbooks point it elsewhere); else %LOCALAPPDATA%\EmbedAdmin\journal
        /// on Windows, $XDG_DATA_HOME/EmbedAdmin/journal or ~/.local/share/EmbedAdmin/journal elsewhere.
        /// </summary>
        public static string DefaultFolder(Func<string, string?>? environment = null)
        {
            environment ??= Environment.GetEnvironmentVariable;
            var given = environment(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(given))
            {
                return given!;
            }

            string root;
            if (Path.DirectorySeparatorChar == '\\')
            {
                root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            }
            else
            {
                var xdg = environment("XDG_DATA_HOME");
                root = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
                    ? xdg!
                    : Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }

            return Path.Combine(root, "EmbedAdmin", "journal");
        }

        public string FileFor(DateTimeOffset time) =>
            Path.Combine(Folder, time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + Extension);

        /// <summary>Appends the entry as one line; returns once it is in the file.</summary>
        public void Append(JournalEntry entry)
        {
            var bytes = Encoding.UTF8.GetBytes(entry.ToJsonLine() + "\n");
            var file = FileFor(entry.Time);
            lock (gate)
            {
                Directory.CreateDirectory(Folder);
                using var stream = OpenExclusive(file, FileMode.Append, FileAccess.Write);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush();
            }
        }

        /// <summary>Every whole entry in the folder, oldest file first, in file order; torn or foreign lines are skipped.</summary>
        public IEnumerable<JournalEntry> ReadAll(DateTimeOffset? after = null, DateTimeOffset? before = null)
        {
            foreach (var file in DayFiles())
            {
                if (after is not null && file.Day.AddDays(1) <= after.Value.UtcDateTime.Date)
                {
                    continue;
                }

                if (before is not null && file.Day > before.Value.UtcDateTime)
                {
                    continue;
                }

                string text;
                using (var stream = OpenExclusive(file.Path, FileMode.Open, FileAccess.Read))
                using (var reader = new StreamReader(stream, Encoding.UTF8))
                {
                    text = reader.ReadToEnd();
                }

                var number = 0;
                foreach (var line in text.Split('\n'))
                {
                    number++;
                    var entry = JournalEntry.TryParse(line);
                    if (entry is not null)
                    {
                        entry.Source = file.Path + ":" + number.ToString(CultureInfo.InvariantCulture);
                        yield return entry;
                    }
                }
            }
        }

        /// <summary>Deletes day files older than the given number of days; returns how many.</summary>
        public int Prune(int retentionDays, DateTimeOffset now)
        {
            var oldest = now.UtcDateTime.Date.AddDays(-retentionDays);
            var removed = 0;
            foreach (var file in DayFiles().Where(f => f.Day < oldest))
            {
                try
                {
                    File.Delete(file.Path);
                    removed++;
                }
                catch (IOException)
                {
                    // Held by another process right now; the next connect prunes it.
                }
            }

            return removed;
        }

        private IEnumerable<(string Path, DateTime Day)> DayFiles()
        {
            if (!Directory.Exists(Folder))
            {
                return Enumerable.Empty<(string, DateTime)>();
            }

            return Directory.GetFiles(Folder, "*" + Extension)
                .Select(path => (Path: path, Ok: DateTime.TryParseExact(Path.GetFileNameWithoutExtension(path), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day), Day: day))
                .Where(f => f.Ok)
                .OrderBy(f => f.Day)
                .Select(f => (f.Path, f.Day))
                .ToList();
        }

        /// <summary>
        /// Another process holding the file makes the open fail at once (a sharing violation, or EWOULDBLOCK from
        /// flock on Unix); it holds it only for one line, so the open is retried for a while.
        /// </summary>
        private static FileStream OpenExclusive(string path, FileMode mode, FileAccess access)
        {
            var started = DateTime.UtcNow;
            var delay = 1;
            while (true)
            {
                try
                {
                    return new FileStream(path, mode, access, FileShare.None, bufferSize: 1);
                }
                catch (IOException) when (DateTime.UtcNow - started < LockWait && !(mode == FileMode.Open && !File.Exists(path)))
                {
                    Thread.Sleep(delay);
                    delay = Math.Min(delay * 2, 20);
                }
            }
        }
    }
}
