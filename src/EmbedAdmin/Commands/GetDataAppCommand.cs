using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.DataApps;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Listing;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Lists DataBrain data apps with their embeds and embed counts (GET /api/v2/data-app, service token),
    /// optionally filtered by name with wildcards.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DataApp")]
    [OutputType(typeof(DataApp))]
    public sealed class GetDataAppCommand : NameListCmdlet<DataApp>
    {
        /// <summary>Names or wildcard patterns; a plain name that matches nothing is an error.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DataAppName")]
        [SupportsWildcards]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(DataAppNameCompleter))]
        public string[]? Name { get; set; }

        protected override string[]? Names => Name;

        protected override string ListKind => "data apps";

        protected override Task<IReadOnlyList<DataApp>> ListAsync(RequestContext context, CancellationToken cancellationToken) =>
            new DataAppClient(ActiveSession).ListAsync(context, cancellationToken);

        protected override string NameOf(DataApp item) => item.Name;

        protected override Exception NotFound(string name) => NotInList.DataApp(name);
    }
}
