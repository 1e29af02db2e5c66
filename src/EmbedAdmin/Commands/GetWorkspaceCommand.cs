using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.Listing;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.DataBrain.Workspaces;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Lists DataBrain workspaces (every page), optionally filtered by name with wildcards. DataBrain's list
    /// returns names only.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Workspace")]
    [OutputType(typeof(Workspace))]
    public sealed class GetWorkspaceCommand : EmbedAdminApiCmdlet
    {
        private Lazy<Task<IReadOnlyList<Workspace>>>? listing;

        /// <summary>Names or wildcard patterns; a plain name that matches nothing is an error.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkspaceName")]
        [SupportsWildcards]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(WorkspaceNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>The whole pipeline object, kept as the error record's TargetObject.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override object? InputRow => InputObject;

        protected override void ProcessRecord()
        {
            var row = RowOr(Name is null ? null : string.Join(",", Name));
            var filter = NamePatterns.From(Name);

            // Read once per command, however many names come down the pipeline.
            if (listing is null)
            {
                var client = new WorkspaceClient(ActiveSession);
                var context = Runner.Context;
                var token = Runner.CancellationToken;
                listing = new Lazy<Task<IReadOnlyList<Workspace>>>(() => client.ListAsync(context, token));
            }

            var all = listing;
            Pump(Runner.Submit(row, "workspaces", async cancellationToken =>
            {
                var selection = filter.Select(await all.Value.ConfigureAwait(false), w => w.Name);
                return selection.Matches.Cast<object>().ToList();
            }));

            // One error per plain name that matched nothing, after the matches, so the others still come out.
            foreach (var plain in PlainNames(Name))
            {
                var single = NamePatterns.From(new[] { plain });
                Pump(Runner.Submit(row, plain, async cancellationToken =>
                {
                    var missing = single.Select(await all.Value.ConfigureAwait(false), w => w.Name).Missing;
                    return missing.Count > 0 ? throw NotInList.Workspace(missing[0]) : Array.Empty<object>();
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
