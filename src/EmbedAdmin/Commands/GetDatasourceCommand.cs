using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Datasources;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Listing;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Lists DataBrain datasources (GET /api/v2/datasource, every page, service token), optionally filtered by
    /// name with wildcards. DataBrain's list returns names only.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Datasource")]
    [OutputType(typeof(Datasource))]
    public sealed class GetDatasourceCommand : NameListCmdlet<Datasource>
    {
        /// <summary>Names or wildcard patterns; a plain name that matches nothing is an error.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DatasourceName")]
        [SupportsWildcards]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(DatasourceNameCompleter))]
        public string[]? Name { get; set; }

        protected override string[]? Names => Name;

        protected override string ListKind => "datasources";

        protected override Task<IReadOnlyList<Datasource>> ListAsync(RequestContext context, CancellationToken cancellationToken) =>
            new DatasourceClient(ActiveSession).ListAsync(context, cancellationToken);

        protected override string NameOf(Datasource item) => item.Name;

        protected override Exception NotFound(string name) => NotInList.Datasource(name);
    }
}
