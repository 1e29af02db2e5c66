using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Lists the data app's embeds, all pages, filtered by name (wildcards), id or type; with -IncludeAccess
    /// each embed's current access settings are read too.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Embed")]
    [OutputType(typeof(Embed))]
    public sealed class GetEmbedCommand : EmbedAdminBulkCmdlet
    {
        private readonly List<Func<Embed, bool>> rowFilters = new();
        private int rowsWithoutFilter;

        /// <summary>Embed names; wildcards allowed.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(EmbedNameCompleter))]
        public string[]? Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EmbedIdCompleter))]
        public string[]? EmbedId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(EmbedTypeCompleter))]
        public string? EmbedType { get; set; }

        /// <summary>Also read each embed's access settings (one export request per embed).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter IncludeAccess { get; set; }

        // Each input row is a filter of its own (its ids, names and type); the pages are walked once in
        // EndProcessing for all of them. A row that names nothing selects nothing: a piped file of empty rows
        // must never turn into "every embed", least of all in front of Remove-Embed.
        protected override void ProcessRecord()
        {
            if (!MyInvocation.ExpectingInput)
            {
                return;
            }

            var ids = (EmbedId ?? Array.Empty<string>()).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()).ToList();
            var names = Patterns(Name);
            if (ids.Count == 0 && names.Count == 0)
            {
                rowsWithoutFilter++;
                return;
            }

            rowFilters.Add(Filter(ids, names, EmbedType));
        }

        protected override void EndProcessing()
        {
            Func<Embed, bool> keep;
            if (MyInvocation.ExpectingInput)
            {
                if (rowsWithoutFilter > 0)
                {
                    WriteWarning($"{rowsWithoutFilter} input row(s) gave neither EmbedId nor Name and selected no embed.");
                }

                var filters = rowFilters.ToList();
                keep = embed => filters.Any(f => f(embed));
                if (filters.Count == 0)
                {
                    base.EndProcessing();
                    return;
                }
            }
            else
            {
                keep = Filter(
                    (EmbedId ?? Array.Empty<string>()).Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()).ToList(),
                    Patterns(Name),
                    EmbedType);
            }

            var client = new EmbedClient(ActiveSession);
            var context = Runner.Context;
            var includeAccess = IncludeAccess.IsPresent;
            var throttle = ThrottleLimit;
            Pump(Runner.Submit(null, "embeds", async cancellationToken =>
                (await client.ListEmbedsAsync(keep, includeAccess, throttle, context, cancellationToken).ConfigureAwait(false)).Cast<object>().ToList()));
            base.EndProcessing();
        }

        protected override void WriteRowOutput(object output)
        {
            if (output is Embed { AccessError: { } problem } failed)
            {
                WriteWarning($"Embed '{failed.EmbedId}': its access settings could not be read ({problem}).");
            }

            if (IncludeAccess.IsPresent && output is Embed embed)
            {
                base.WriteRowOutput(WithAccessColumns(embed));
                return;
            }

            base.WriteRowOutput(output);
        }

        /// <summary>
        /// The embed with its access settings as flat properties named like the API fields (isAllowEmailReports,
        /// tableTenancySettings as "customers:tenant_id;orders:tenant_id"), from the embed-access field table: so
        /// Export-Csv writes columns that Set-EmbedAccess binds back unchanged. Every embed gets every column, even
        /// without settings, because Export-Csv takes its header from the first object.
        /// </summary>
        private static PSObject WithAccessColumns(Embed embed)
        {
            var wrapped = PSObject.AsPSObject(embed);
            var access = embed.Access ?? new EmbedAccess { EmbedId = embed.EmbedId };
            foreach (var column in EmbedAccessChange.Table.Columns(access))
            {
                // The embed's own DatamartName already is that column, under the parameter's name.
                if (wrapped.Properties[column.Key] is null)
                {
                    wrapped.Properties.Add(new PSNoteProperty(column.Key, column.Value));
                }
            }

            return wrapped;
        }

        private static List<WildcardPattern> Patterns(string[]? names) =>
            (names ?? Array.Empty<string>()).Where(n => !string.IsNullOrWhiteSpace(n))
                .Select(n => new WildcardPattern(n.Trim(), WildcardOptions.IgnoreCase)).ToList();

        private static Func<Embed, bool> Filter(IReadOnlyCollection<string> ids, IReadOnlyCollection<WildcardPattern> names, string? embedType)
        {
            var idSet = new HashSet<string>(ids, StringComparer.Ordinal);
            var type = string.IsNullOrWhiteSpace(embedType) ? null : embedType!.Trim();
            return embed =>
                (names.Count == 0 || names.Any(p => p.IsMatch(embed.Name ?? string.Empty)))
                && (idSet.Count == 0 || idSet.Contains(embed.EmbedId))
                && (type is null || string.Equals(embed.EmbedType, type, StringComparison.OrdinalIgnoreCase));
        }
    }
}
