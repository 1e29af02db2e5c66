using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Listing;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Lists DataBrain datamarts (every page) as typed objects: tables with their columns, tenancy and
    /// relationships, ready to edit and pipe back to Update-Datamart. DataBrain has no endpoint for one datamart,
    /// so names and datasources are filtered here.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Datamart")]
    [OutputType(typeof(Datamart), typeof(DatamartColumnRow))]
    public sealed class GetDatamartCommand : EmbedAdminApiCmdlet
    {
        private Lazy<Task<IReadOnlyList<Datamart>>>? listing;

        /// <summary>Names or wildcard patterns; a plain name that matches nothing is an error.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DatamartName")]
        [SupportsWildcards]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(DatamartNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Only datamarts reading these datasources (wildcards allowed).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [AllowEmptyString]
        [AllowNull]
        public string[]? DatasourceName { get; set; }

        /// <summary>One flat row per table column instead, for Export-Csv and Update-Datamart -ColumnsPath.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter AsColumnRows { get; set; }

        /// <summary>The whole pipeline object, kept as the error record's TargetObject.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override object? InputRow => InputObject;

        protected override void ProcessRecord()
        {
            var row = RowOr(Name is null ? null : string.Join(",", Name));
            var names = NamePatterns.From(Name);
            var datasources = NamePatterns.From(DatasourceName);
            var asRows = AsColumnRows.IsPresent;
            if (listing is null)
            {
                var client = new DatamartClient(ActiveSession);
                var context = Runner.Context;
                var token = Runner.CancellationToken;
                listing = new Lazy<Task<IReadOnlyList<Datamart>>>(() => client.ListAsync(context, token));
            }

            var all = listing;
            Pump(Runner.Submit(row, "datamarts", async cancellationToken =>
            {
                var datamarts = await all.Value.ConfigureAwait(false);
                var selected = datasources.Select(names.Select(datamarts, d => d.Name).Matches, d => d.DatasourceName).Matches;
                return asRows ? selected.SelectMany(ColumnsCsv.Rows).Cast<object>().ToList() : selected.Cast<object>().ToList();
            }));

            foreach (var plain in (Name ?? Array.Empty<string>()).Where(n => !string.IsNullOrWhiteSpace(n) && !WildcardPattern.ContainsWildcardCharacters(n.Trim())).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var single = NamePatterns.From(new[] { plain });
                Pump(Runner.Submit(row, plain, async cancellationToken =>
                {
                    var missing = single.Select(await all.Value.ConfigureAwait(false), d => d.Name).Missing;
                    return missing.Count > 0 ? throw NotInList.Datamart(missing[0]) : Array.Empty<object>();
                }));
            }
        }
    }
}
