using System;
using System.IO;
using EmbedAdmin.HelpGen.Markdown;

namespace EmbedAdmin.HelpGen
{
    public static class Program
    {
        public const string Usage = """
            Usage: HelpGen <command> <docsDir> <outDir>
              all    write the MAML help (<external help file> of each page) and the about topics into <outDir>
              about  write only the about topics (about_*.md -> about_*.help.txt) into <outDir>
              check  exit 1, listing the differences, unless <outDir> holds what <docsDir> produces
                     (MAML compared by content, about topics line by line)
            """;

        public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        /// <summary>Exit codes: 0 done (or en-US current), 1 en-US out of date, 2 bad arguments or unreadable docs.</summary>
        public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
        {
            if (args.Length != 3 || args[0] is not ("all" or "about" or "check"))
            {
                stderr.WriteLine(Usage);
                return 2;
            }

            var (command, docs, output) = (args[0], Path.GetFullPath(args[1]), Path.GetFullPath(args[2]));
            if (!Directory.Exists(docs))
            {
                stderr.WriteLine($"HelpGen: docs folder '{docs}' does not exist.");
                return 2;
            }

            try
            {
                switch (command)
                {
                    case "all":
                        foreach (var file in HelpBuild.WriteAll(docs, output))
                        {
                            stdout.WriteLine($"Wrote {file}");
                        }

                        return 0;
                    case "about":
                        foreach (var file in HelpBuild.WriteAbout(docs, output))
                        {
                            stdout.WriteLine($"Wrote {file}");
                        }

                        return 0;
                    default:
                        var problems = HelpBuild.Check(docs, output);
                        if (problems.Count == 0)
                        {
                            stdout.WriteLine($"{output} is up to date with {docs}.");
                            return 0;
                        }

                        stdout.WriteLine($"{output} is out of date with {docs} ({problems.Count} problem(s)):");
                        foreach (var problem in problems)
                        {
                            stdout.WriteLine("  " + problem);
                        }

                        stdout.WriteLine("Regenerate it with: ./build.ps1 Help");
                        return 1;
                }
            }
            catch (HelpFormatException e)
            {
                stderr.WriteLine("HelpGen: " + e.Message);
                return 2;
            }
        }
    }
}
