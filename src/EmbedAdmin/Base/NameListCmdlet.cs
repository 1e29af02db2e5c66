using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// A Get-* over a DataBrain list that has no "get one" endpoint: the list is read once per command, however
    /// many -Name values come down the pipeline, filtered with PowerShell's wildcards; a plain name that matches
    /// nothing is an error in its row's place, after the matches, so the others still come out.
    /// </summary>
    public abstract class NameListCmdlet<T> : EmbedAdminApiCmdlet
    {
        private Lazy<Task<IReadOnlyList<T>>>? listing;

        /// <summary>The whole pipeline object, kept as the error record's TargetObject.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override object? InputRow => InputObject;

        /// <summary>The -Name values of the current row; the subclass declares the parameter.</summary>
        protected abstract string[]? Names { get; }

        /// <summary>What the list is of, for the run summary: "data apps".</summary>
        protected abstract string ListKind { get; }

        protected abstract Task<IReadOnlyList<T>> ListAsync(RequestContext context, CancellationToken cancellationToken);

        protected abstract string NameOf(T item);

        /// <summary>The error for a plain name the list does not hold, with the service's own code for "not found".</summary>
        protected abstract Exception NotFound(string name);

        protected override void ProcessRecord()
        {
            var names = Names;
            var row = RowOr(names is null ? null : string.Join(",", names));
            var filter = NamePatterns.From(names);
            if (listing is null)
            {
                var context = Runner.Context;
                var token = Runner.CancellationToken;
                listing = new Lazy<Task<IReadOnlyList<T>>>(() => ListAsync(context, token));
            }

            var all = listing;
            Pump(Runner.Submit(row, ListKind, async cancellationToken =>
            {
                var selection = filter.Select(await all.Value.ConfigureAwait(false), NameOf);
                return selection.Matches.Cast<object>().ToList();
            }));

            foreach (var plain in PlainNames(names))
            {
                var single = NamePatterns.From(new[] { plain });
                Pump(Runner.Submit(row, plain, async cancellationToken =>
                {
                    var missing = single.Select(await all.Value.ConfigureAwait(false), NameOf).Missing;
                    return missing.Count > 0 ? throw NotFound(missing[0]) : Array.Empty<object>();
                }));
            }
        }

        private static IEnumerable<string> PlainNames(IEnumerable<string>? names) =>
            (names ?? Enumerable.Empty<string>())
                .Where(n => !string.IsNullOrWhiteSpace(n) && !WildcardPattern.ContainsWildcardCharacters(n.Trim()))
                .Select(n => n.Trim())
                .Distinct(StringComparer.OrdinalIgnoreCase);
    }
}
