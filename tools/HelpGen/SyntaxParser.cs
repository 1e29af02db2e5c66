using System;
using System.Collections.Generic;
using System.Linq;

namespace EmbedAdmin.HelpGen
{
    /// <summary>
    /// Reads a syntax line such as <c>Set-EmbedAccess [-EmbedId] &lt;String&gt; [-PassThru] [&lt;CommonParameters&gt;]</c>.
    /// It follows PlatyPS 1.0.3 (CommandHelpMarkdownReader.GetSyntaxParameters) token by token, so that the MAML syntax
    /// items agree with PlatyPS's, including its reading of <c>[-Name] &lt;T&gt;</c> as mandatory and positional and its
    /// numbering of positional parameters 0, 1, ... in the order written rather than from their yaml Position.
    /// </summary>
    public static class SyntaxParser
    {
        public const string Named = "named";

        public static SyntaxBlock Parse(string text)
        {
            var tokens = text.Split(new[] { ' ', '\t', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries);
            var block = new SyntaxBlock
            {
                Text = text,
                CommandName = tokens.Length > 0 ? tokens[0] : string.Empty,
                HasCommonParameters = text.Contains("CommonParameters", StringComparison.OrdinalIgnoreCase),
            };

            var position = 0;
            for (var i = 1; i < tokens.Length; i++)
            {
                var token = tokens[i];
                if (token.Contains("CommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = token.Trim('[', ']', '-');
                if (i + 1 < tokens.Length && tokens[i + 1].StartsWith('<'))
                {
                    var typeToken = tokens[++i];
                    var type = typeToken.EndsWith(']') ? typeToken[..^1] : typeToken;
                    // Only the outer brackets go: the type may itself be generic, <Nullable<Int32>>.
                    var typeName = type.StartsWith('<') && type.EndsWith('>') ? type[1..^1] : type;

                    if (token.StartsWith("[[") && token.EndsWith(']'))
                    {
                        block.Parameters.Add(new SyntaxParameter(name, typeName, false, (position++).ToString(System.Globalization.CultureInfo.InvariantCulture), false));
                    }
                    else if (token.StartsWith('[') && token.EndsWith(']'))
                    {
                        block.Parameters.Add(new SyntaxParameter(name, typeName, true, (position++).ToString(System.Globalization.CultureInfo.InvariantCulture), false));
                    }
                    else if (token.StartsWith('[') && typeToken.EndsWith(']'))
                    {
                        block.Parameters.Add(new SyntaxParameter(name, typeName, false, Named, false));
                    }
                    else if (type.StartsWith('<') && type.EndsWith('>'))
                    {
                        block.Parameters.Add(new SyntaxParameter(name, typeName, true, Named, false));
                    }
                }
                else if (token.StartsWith('-'))
                {
                    block.Parameters.Add(new SyntaxParameter(name, "SwitchParameter", true, Named, true));
                }
                else if (token.StartsWith('[') && token.EndsWith(']'))
                {
                    block.Parameters.Add(new SyntaxParameter(name, "SwitchParameter", false, Named, true));
                }
            }

            return block;
        }

        /// <summary>
        /// The order Get-Command shows and PlatyPS writes (SyntaxItem.SortParameters): positional parameters by
        /// position, then mandatory named ones, then the rest, each group otherwise in the order written.
        /// </summary>
        public static IReadOnlyList<SyntaxParameter> Sorted(IEnumerable<SyntaxParameter> parameters)
        {
            var list = parameters.ToList();
            return list.Where(p => p.IsPositional)
                .OrderBy(p => int.TryParse(p.Position, out var n) ? n : int.MaxValue)
                .Concat(list.Where(p => !p.IsPositional && p.IsMandatory))
                .Concat(list.Where(p => !p.IsPositional && !p.IsMandatory))
                .ToList();
        }
    }
}
