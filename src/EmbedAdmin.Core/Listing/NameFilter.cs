using System;
using System.Collections.Generic;
using System.Linq;

namespace EmbedAdmin.Core.Listing
{
    /// <summary>
    /// One -Name value. The cmdlet layer builds the match from PowerShell's WildcardPattern, so names are
    /// matched exactly as other PowerShell commands match them; Core only decides what the results mean.
    /// </summary>
    public sealed class NamePattern
    {
        public NamePattern(string text, bool isWildcard, Func<string, bool> isMatch)
        {
            Text = text;
            IsWildcard = isWildcard;
            IsMatch = isMatch;
        }

        public string Text { get; }

        /// <summary>A wildcard that matches nothing is not an error; a plain name that matches nothing is.</summary>
        public bool IsWildcard { get; }

        public Func<string, bool> IsMatch { get; }
    }

    public sealed class NameSelection<T>
    {
        public NameSelection(IReadOnlyList<T> matches, IReadOnlyList<string> missing)
        {
            Matches = matches;
            Missing = missing;
        }

        /// <summary>Items that match any pattern, each once, in the order the service listed them.</summary>
        public IReadOnlyList<T> Matches { get; }

        /// <summary>Plain (non-wildcard) names that matched nothing, in the order they were given.</summary>
        public IReadOnlyList<string> Missing { get; }
    }

    /// <summary>Client-side filtering of list endpoints, which DataBrain does not filter by name itself.</summary>
    public sealed class NameFilter
    {
        private readonly IReadOnlyList<NamePattern> patterns;

        public NameFilter(IEnumerable<NamePattern>? patterns)
        {
            this.patterns = (patterns ?? Enumerable.Empty<NamePattern>()).Where(p => !string.IsNullOrWhiteSpace(p.Text)).ToList();
        }

        public static NameFilter All { get; } = new NameFilter(null);

        /// <summary>No pattern (or only empty ones) selects everything.</summary>
        public bool SelectsAll => patterns.Count == 0;

        public NameSelection<T> Select<T>(IEnumerable<T> items, Func<T, string?> nameOf)
        {
            var list = items.ToList();
            if (SelectsAll)
            {
                return new NameSelection<T>(list, Array.Empty<string>());
            }

            var matched = new bool[patterns.Count];
            var result = new List<T>();
            foreach (var item in list)
            {
                var name = nameOf(item) ?? string.Empty;
                var any = false;
                for (var i = 0; i < patterns.Count; i++)
                {
                    if (patterns[i].IsMatch(name))
                    {
                        matched[i] = true;
                        any = true;
                    }
                }

                if (any)
                {
                    result.Add(item);
                }
            }

            var missing = patterns.Where((p, i) => !matched[i] && !p.IsWildcard).Select(p => p.Text).Distinct(StringComparer.Ordinal).ToList();
            return new NameSelection<T>(result, missing);
        }
    }
}
