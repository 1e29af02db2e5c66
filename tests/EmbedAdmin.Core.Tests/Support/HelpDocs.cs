using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace EmbedAdmin.Core.Tests.Support
{
    /// <summary>The repository's help sources (docs/*.md), read so tests can hold the code to what they promise.</summary>
    public static class HelpDocs
    {
        public static string RepositoryRoot { get; } = FindRoot();

        public static string About => File.ReadAllText(Path.Combine(RepositoryRoot, "docs", "about_EmbedAdmin.md"));

        /// <summary>Each cmdlet page (docs/Verb-Noun.md) by file name; the about topic is not one of them.</summary>
        public static IReadOnlyList<(string File, string Text)> CmdletPages() =>
            Directory.GetFiles(Path.Combine(RepositoryRoot, "docs"), "*-*.md")
                .OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => (Path.GetFileName(p), File.ReadAllText(p)))
                .ToList();

        /// <summary>Markdown prose with line breaks folded to single spaces, so a list item wrapped over lines reads as one.</summary>
        public static string Unwrapped(string text) => Regex.Replace(text, "\\s+", " ");

        /// <summary>The `backticked` words of a stretch of text, in order.</summary>
        public static IReadOnlyList<string> Backticked(string text) =>
            Regex.Matches(text, "`([^`]+)`").Select(m => m.Groups[1].Value).ToList();

        private static string FindRoot()
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "EmbedAdmin.sln")))
                {
                    return folder.FullName;
                }
            }

            throw new DirectoryNotFoundException("No EmbedAdmin.sln above " + AppContext.BaseDirectory);
        }
    }
}
