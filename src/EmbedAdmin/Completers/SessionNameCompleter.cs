using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Sessions;
using EmbedAdmin.Core.DataBrain.Workspaces;

namespace EmbedAdmin.Completers
{
    /// <summary>
    /// Completes names that live in the service (embeds, dashboards, workspaces) from the session's completion
    /// cache. It waits at most 150 ms for the service, so Tab answers within 200 ms; it never throws.
    /// </summary>
    public abstract class SessionNameCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(150);

        protected abstract string Kind { get; }

        protected abstract Task<IReadOnlyList<string>> FetchAsync(EmbedAdminSession session, CancellationToken cancellationToken);

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName,
            string parameterName,
            string wordToComplete,
            CommandAst commandAst,
            IDictionary fakeBoundParameters)
        {
            try
            {
                var given = fakeBoundParameters?["Session"];
                var session = (given is PSObject wrapped ? wrapped.BaseObject : given) as EmbedAdminSession ?? SessionStore.Current;
                if (session is null || session.IsDisposed)
                {
                    return Array.Empty<CompletionResult>();
                }

                var prefix = CompletionText.Prefix(wordToComplete);
                return session.Completions.Get(Kind, token => FetchAsync(session, token), Wait)
                    .Where(name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    .Distinct(StringComparer.Ordinal)
                    .OrderBy(name => name, StringComparer.OrdinalIgnoreCase)
                    .Select(CompletionText.Result)
                    .ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        protected static async Task<IReadOnlyList<string>> Embeds(EmbedAdminSession session, Func<Core.Models.Embed, string?> select, CancellationToken cancellationToken)
        {
            var embeds = await new EmbedClient(session).ListEmbedsAsync(_ => true, false, 1, RequestContext.Silent(), cancellationToken).ConfigureAwait(false);
            return embeds.Select(select).Where(value => !string.IsNullOrEmpty(value)).Select(value => value!).ToList();
        }
    }

    public sealed class EmbedIdCompleter : SessionNameCompleter
    {
        protected override string Kind => "embedIds";

        protected override Task<IReadOnlyList<string>> FetchAsync(EmbedAdminSession session, CancellationToken cancellationToken) =>
            Embeds(session, embed => embed.EmbedId, cancellationToken);
    }

    public sealed class EmbedNameCompleter : SessionNameCompleter
    {
        protected override string Kind => "embedNames";

        protected override Task<IReadOnlyList<string>> FetchAsync(EmbedAdminSession session, CancellationToken cancellationToken) =>
            Embeds(session, embed => embed.Name, cancellationToken);
    }

    /// <summary>Dashboards known through the data app's embeds: the only dashboards a data-app key can list.</summary>
    public sealed class DashboardIdCompleter : SessionNameCompleter
    {
        protected override string Kind => "dashboardIds";

        protected override Task<IReadOnlyList<string>> FetchAsync(EmbedAdminSession session, CancellationToken cancellationToken) =>
            Embeds(session, embed => embed.DashboardId, cancellationToken);
    }

    public sealed class WorkspaceNameCompleter : SessionNameCompleter
    {
        protected override string Kind => "workspaceNames";

        protected override async Task<IReadOnlyList<string>> FetchAsync(EmbedAdminSession session, CancellationToken cancellationToken) =>
            (await new WorkspaceClient(session).ListAsync(RequestContext.Silent(), cancellationToken).ConfigureAwait(false)).Select(w => w.Name).ToList();
    }

    public sealed class DatamartNameCompleter : SessionNameCompleter
    {
        protected override string Kind => "datamartNames";

        protected override async Task<IReadOnlyList<string>> FetchAsync(EmbedAdminSession session, CancellationToken cancellationToken) =>
            (await new DatamartClient(session).ListAsync(RequestContext.Silent(), cancellationToken).ConfigureAwait(false)).Select(d => d.Name).ToList();
    }
}
