using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace EmbedAdmin.Contract.Tests
{
    /// <summary>Files of the repository the tests check against the built assembly.</summary>
    public static class Repository
    {
        public static string Root { get; } = FindRoot();

        public static string Manifest => File.ReadAllText(Path.Combine(Root, "EmbedAdmin.psd1"));

        /// <summary>A string-array entry of the manifest, e.g. CmdletsToExport = @('A', 'B').</summary>
        public static IReadOnlyList<string> ManifestList(string key)
        {
            var match = Regex.Match(Manifest, key + @"\s*=\s*@\((?<items>[^)]*)\)", RegexOptions.Singleline);
            if (!match.Success)
            {
                throw new InvalidOperationException($"EmbedAdmin.psd1 has no {key} list.");
            }

            return Regex.Matches(match.Groups["items"].Value, "'([^']*)'").Select(m => m.Groups[1].Value).ToList();
        }

        public static string? ManifestValue(string key)
        {
            var match = Regex.Match(Manifest, "^\\s*" + key + "\\s*=\\s*'([^']*)'", RegexOptions.Multiline);
            return match.Success ? match.Groups[1].Value : null;
        }

        private static string FindRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "EmbedAdmin.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("The repository root (with EmbedAdmin.sln) is not above " + AppContext.BaseDirectory);
        }
    }
}
