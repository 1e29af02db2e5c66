using System;
using System.Collections.Generic;
using System.Linq;

namespace EmbedAdmin.HelpGen
{
    /// <summary>
    /// Help that is missing or still platyPS's placeholder text. Whether docs/ covers every cmdlet and parameter the
    /// module really has is checked against the built assembly by EmbedAdmin.Contract.Tests; this checks that what the
    /// pages declare (in SYNTAX and PARAMETERS) is described.
    /// </summary>
    public static class HelpCoverage
    {
        public static IReadOnlyList<string> Problems(IEnumerable<CommandHelp> commands)
        {
            var problems = new List<string>();
            foreach (var command in commands)
            {
                void Need(string what, string text)
                {
                    if (text.Trim().Length == 0)
                    {
                        problems.Add($"{command.Name}: {what} is empty");
                    }
                    else if (text.Contains("{{", StringComparison.Ordinal) && text.Contains("}}", StringComparison.Ordinal))
                    {
                        problems.Add($"{command.Name}: {what} still has platyPS placeholder text");
                    }
                }

                Need("SYNOPSIS", command.Synopsis);
                Need("DESCRIPTION", command.Description);
                if (command.Syntax.Count == 0)
                {
                    problems.Add($"{command.Name}: SYNTAX has no code block");
                }

                if (command.Examples.Count == 0)
                {
                    problems.Add($"{command.Name}: EXAMPLES has no example");
                }

                foreach (var example in command.Examples)
                {
                    Need($"example '{example.Title}'", example.Body);
                }

                var inSyntax = command.Syntax.SelectMany(s => s.Parameters).Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                foreach (var name in inSyntax.Where(n => !command.Parameters.Any(p => p.Name.Equals(n, StringComparison.OrdinalIgnoreCase))))
                {
                    problems.Add($"{command.Name}: -{name} is in SYNTAX but has no '### -{name}' under PARAMETERS");
                }

                foreach (var parameter in command.Parameters)
                {
                    Need($"parameter -{parameter.Name}", parameter.Description);
                    if (parameter.Type.Length == 0)
                    {
                        problems.Add($"{command.Name}: parameter -{parameter.Name} has no Type");
                    }

                    if (!inSyntax.Contains(parameter.Name, StringComparer.OrdinalIgnoreCase))
                    {
                        problems.Add($"{command.Name}: parameter -{parameter.Name} is under PARAMETERS but in no SYNTAX block");
                    }
                }

                if (command.Syntax.Any(s => s.HasCommonParameters) && !command.HasCommonParameters)
                {
                    problems.Add($"{command.Name}: SYNTAX shows <CommonParameters> but PARAMETERS has no '### CommonParameters'");
                }
            }

            return problems;
        }
    }
}
