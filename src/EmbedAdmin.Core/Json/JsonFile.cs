using System;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Core.Json
{
    /// <summary>Export files: a JSON document written indented, whole or not at all, and read back.</summary>
    public static class JsonFile
    {
        private static readonly JsonSerializerOptions Indented = new(EmbedAdminJson.Options) { WriteIndented = true };

        /// <summary>Writes through a temporary file, so a failure half-way never leaves a truncated file behind. Returns the length.</summary>
        public static long Write(JsonNode document, string path)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);

            // Unique per write: several documents may be written at once.
            var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            File.WriteAllText(temporary, document.ToJsonString(Indented));
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            File.Move(temporary, path);
            return new FileInfo(path).Length;
        }

        /// <summary>
        /// Where a document goes: into an existing folder (or a path ending in a separator) as &lt;id&gt;.json, else to
        /// the file named. An existing file is kept unless overwriting was asked for.
        /// </summary>
        /// <exception cref="Errors.EmbedAdminValidationException">ExportFileExists.</exception>
        public static string Target(string id, string folderOrFile, bool overwrite)
        {
            var isFolder = Directory.Exists(folderOrFile)
                || folderOrFile.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)
                || folderOrFile.EndsWith(Path.AltDirectorySeparatorChar.ToString(), StringComparison.Ordinal);
            var path = isFolder ? Path.Combine(folderOrFile, SafeFileName(id) + ".json") : folderOrFile;
            if (File.Exists(path) && !overwrite)
            {
                throw new Errors.EmbedAdminValidationException(ErrorIds.ExportFileExists, "Path", $"'{path}' exists; add -Force to overwrite it.");
            }

            return path;
        }

        /// <summary>An id as a file name: characters a file system refuses become '_'.</summary>
        public static string SafeFileName(string id)
        {
            var invalid = Path.GetInvalidFileNameChars();
            var chars = id.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (Array.IndexOf(invalid, chars[i]) >= 0)
                {
                    chars[i] = '_';
                }
            }

            return new string(chars);
        }
    }
}
