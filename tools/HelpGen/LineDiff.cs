using System;
using System.Collections.Generic;

namespace EmbedAdmin.HelpGen
{
    /// <summary>A minimal line diff (longest common subsequence), enough to show what changed in an about topic.</summary>
    public static class LineDiff
    {
        /// <summary>Changed lines as "-N: old" / "+N: new" (N the line number in that text), at most <paramref name="maxLines"/>.</summary>
        public static IReadOnlyList<string> Describe(string oldText, string newText, int maxLines = 20)
        {
            var a = oldText.Split('\n');
            var b = newText.Split('\n');
            var lcs = new int[a.Length + 1, b.Length + 1];
            for (var i = a.Length - 1; i >= 0; i--)
            {
                for (var j = b.Length - 1; j >= 0; j--)
                {
                    lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }

            var result = new List<string>();
            int x = 0, y = 0;
            while ((x < a.Length || y < b.Length) && result.Count < maxLines)
            {
                if (x < a.Length && y < b.Length && a[x] == b[y])
                {
                    x++;
                    y++;
                }
                else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
                {
                    result.Add($"-{x + 1}: {a[x]}");
                    x++;
                }
                else
                {
                    result.Add($"+{y + 1}: {b[y]}");
                    y++;
                }
            }

            if (result.Count == maxLines && (x < a.Length || y < b.Length))
            {
                result.Add("...");
            }

            return result;
        }
    }
}
