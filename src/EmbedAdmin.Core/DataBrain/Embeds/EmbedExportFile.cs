using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Core.DataBrain.Embeds
{
    /// <summary>Export-Embed's file: the export payload as the API gave it, indented, written whole or not at all.</summary>
    public static class EmbedExportFile
    {
        private static readonly JsonSerializerOptions Indented = new(EmbedAdminJson.Options) { WriteIndented = true };

        public static EmbedExport Write(string embedId, JsonObject export, string path)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);
            // Through a temporary file, so a failure half-way never leaves a truncated export behind.
            // Unique per write: several embeds may be exported at once.
            var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + System.Guid.NewGuid().ToString("N") + ".tmp");
            File.WriteAllText(temporary, export.ToJsonString(Indented));
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            File.Move(temporary, path);
            return new EmbedExport { EmbedId = embedId, Path = Path.GetFullPath(path), Length = new FileInfo(path).Length };
        }

        /// <summary>
        /// Where an embed's export goes: into an existing folder as &lt;EmbedId&gt;.json, else to the file named.
        /// An existing file is kept unless overwriting was asked for.
        /// </summary>
        public static (string EmbedId, string Path) Target(string embedId, string folderOrFile, bool overwrite)
        {
            var isFolder = Directory.Exists(folderOrFile)
                || folderOrFile.EndsWith(Path.DirectorySeparatorChar.ToString(), System.StringComparison.Ordinal)
                || folderOrFile.EndsWith(Path.AltDirectorySeparatorChar.ToString(), System.StringComparison.Ordinal);
            var path = isFolder ? Path.Combine(folderOrFile, SafeFileName(embedId) + ".json") : folderOrFile;
            if (File.Exists(path) && !overwrite)
            {
                throw new Errors.EmbedAdminValidationException("ExportFileExists", "Path", $"'{path}' exists; add -Force to overwrite it.");
            }

            return (embedId, path);
        }

        /// <summary>An embed id as a file name: characters a file system refuses become '_'.</summary>
        public static string SafeFileName(string embedId) =>
            new string(embedId.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c).ToArray());
    }
}
