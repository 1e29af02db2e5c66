using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Core.DataBrain.Datamarts
{
    /// <summary>
    /// Backups of datamart definitions, taken before every update (and removal): JSON in the update request's
    /// own shape, so Restore-Datamart can send it back as it is and Update-Datamart -Path can read it.
    /// </summary>
    public sealed class DatamartBackup
    {
        private DatamartBackup(string folder)
        {
            Folder = folder;
        }

        public string Folder { get; }

        /// <summary>LocalApplicationData/EmbedAdmin/backups (on Linux ~/.local/share or $XDG_DATA_HOME).</summary>
        public static string DefaultFolder
        {
            get
            {
                // DoNotVerify: the default (None) answers "" when the folder does not exist yet, as on a fresh account.
                var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
                return Path.Combine(string.IsNullOrEmpty(data) ? FallbackRoot : data, "EmbedAdmin", "backups");
            }
        }

        private static string FallbackRoot => Path.GetTempPath();

        /// <summary>
        /// Checks, before anything is sent, that backups can be written: the folder is created and a probe file
        /// written and deleted. The default folder falls back to the temp folder (a locked-down profile, a
        /// container without a home); a folder the caller chose does not, because they asked for that place.
        /// </summary>
        /// <exception cref="EmbedAdminValidationException">BackupFailed: the chosen folder cannot be written.</exception>
        public static DatamartBackup Open(string? folder)
        {
            if (!string.IsNullOrWhiteSpace(folder))
            {
                var problem = Probe(folder!);
                return problem is null
                    ? new DatamartBackup(Path.GetFullPath(folder!))
                    : throw new EmbedAdminValidationException(ErrorIds.BackupFailed, "BackupPath", $"cannot write backups to '{folder}': {problem} Nothing was sent.");
            }

            var preferred = DefaultFolder;
            if (Probe(preferred) is null)
            {
                return new DatamartBackup(preferred);
            }

            var fallback = Path.Combine(FallbackRoot, "EmbedAdmin", "backups");
            var fallbackProblem = Probe(fallback);
            return fallbackProblem is null
                ? new DatamartBackup(fallback)
                : throw new EmbedAdminValidationException(ErrorIds.BackupFailed, "BackupPath", $"cannot write backups to '{preferred}' or '{fallback}': {fallbackProblem} Give a writable folder with -BackupPath. Nothing was sent.");
        }

        /// <summary>Writes the definition to a new file (name and UTC time), atomically: a reader never sees half a file.</summary>
        /// <returns>The full path of the backup.</returns>
        public string Write(Datamart datamart, DateTimeOffset now)
        {
            var json = DatamartChange.ToDefinitionJson(DatamartFields.UpdateBody(datamart));
            var stem = SafeName(datamart.Name) + "_" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
            for (var attempt = 1; ; attempt++)
            {
                var path = Path.Combine(Folder, stem + (attempt == 1 ? string.Empty : "_" + attempt.ToString(CultureInfo.InvariantCulture)) + ".json");
                if (File.Exists(path))
                {
                    continue;
                }

                var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                try
                {
                    File.WriteAllText(temporary, json, new UTF8Encoding(false));

                    // File.Move never overwrites: if another run took the name meanwhile, try the next one.
                    File.Move(temporary, path);
                    return path;
                }
                catch (IOException) when (File.Exists(path) && attempt < 100)
                {
                    TryDelete(temporary);
                }
                catch
                {
                    TryDelete(temporary);
                    throw;
                }
            }
        }

        private static string? Probe(string folder)
        {
            try
            {
                Directory.CreateDirectory(folder);
                var probe = Path.Combine(folder, ".write-test-" + Guid.NewGuid().ToString("N"));
                File.WriteAllText(probe, string.Empty);
                File.Delete(probe);
                return null;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return exception.Message;
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }
        }

        private static string SafeName(string name)
        {
            var invalid = Path.GetInvalidFileNameChars().Concat(new[] { '/', '\\', ':', '*', '?', '"', '<', '>', '|' }).ToArray();
            var safe = new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim('.', ' ');
            return safe.Length == 0 ? "datamart" : safe;
        }
    }
}
