using System.IO;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Core.DataBrain.Embeds
{
    /// <summary>Export-Embed's file: the export payload as the API gave it, indented, written whole or not at all.</summary>
    public static class EmbedExportFile
    {
        public static EmbedExport Write(string embedId, JsonObject export, string path)
        {
            var length = JsonFile.Write(export, path);
            return new EmbedExport { EmbedId = embedId, Path = Path.GetFullPath(path), Length = length };
        }

        /// <summary>
        /// Where an embed's export goes: into an existing folder as &lt;EmbedId&gt;.json, else to the file named.
        /// An existing file is kept unless overwriting was asked for.
        /// </summary>
        public static (string EmbedId, string Path) Target(string embedId, string folderOrFile, bool overwrite) =>
            (embedId, JsonFile.Target(embedId, folderOrFile, overwrite));
    }
}
