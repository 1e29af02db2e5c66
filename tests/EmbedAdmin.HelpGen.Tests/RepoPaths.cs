using System;
using System.IO;

namespace EmbedAdmin.HelpGen.Tests
{
    /// <summary>The repository the tests read from: the folder above the test assembly that holds EmbedAdmin.sln.</summary>
    internal static class RepoPaths
    {
        public static string Root { get; } = FindRoot();

        public static string Docs => Path.Combine(Root, "docs");

        public static string EnUs => Path.Combine(Root, "en-US");

        public static string Manifest => Path.Combine(Root, "EmbedAdmin.psd1");

        public static string Sample => Path.Combine(Root, "tests", "EmbedAdmin.HelpGen.Tests", "Samples", "platyps-1.0.3");

        public static string SampleDocs => Path.Combine(Sample, "docs");

        public static string SampleMaml => Path.Combine(Sample, "EmbedAdmin.dll-Help.xml");

        private static string FindRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "EmbedAdmin.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No EmbedAdmin.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>A scratch folder, deleted when the test ends.</summary>
    internal sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "helpgen-tests-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Combine(params string[] parts) => System.IO.Path.Combine(Path, System.IO.Path.Combine(parts));

        public string CopyDirectory(string source, string name)
        {
            var target = Combine(name);
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
            }

            return target;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A leftover scratch folder in the temp directory is harmless.
            }
        }
    }
}
