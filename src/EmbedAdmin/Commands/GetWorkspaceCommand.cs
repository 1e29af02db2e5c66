using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Workspaces;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Listing;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Lists DataBrain workspaces (every page), optionally filtered by name with wildcards. DataBrain's list
    /// returns names only.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "Workspace")]
    [OutputType(typeof(Workspace))]
    public sealed class GetWorkspaceCommand : NameListCmdlet<Workspace>
    {
        /// <summary>Names or wildcard patterns; a plain name that matches nothing is an error.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("WorkspaceName")]
        [SupportsWildcards]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(WorkspaceNameCompleter))]
        public string[]? Name { get; set; }

        protected override string[]? Names => Name;

        protected override string ListKind => "workspaces";

        protected override Task<IReadOnlyList<Workspace>> ListAsync(RequestContext context, CancellationToken cancellationToken) =>
            new WorkspaceClient(ActiveSession).ListAsync(context, cancellationToken);

        protected override string NameOf(Workspace item) => item.Name;

        protected override Exception NotFound(string name) => NotInList.Workspace(name);
    }
}
