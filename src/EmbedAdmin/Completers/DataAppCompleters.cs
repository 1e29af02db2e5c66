using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.DataBrain.DataApps;
using EmbedAdmin.Core.DataBrain.Datasources;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Completers
{
    public sealed class DataAppNameCompleter : SessionNameCompleter
    {
        protected override string Kind => "dataAppNames";

        protected override async Task<IReadOnlyList<string>> FetchAsync(EmbedAdminSession session, CancellationToken cancellationToken) =>
            (await new DataAppClient(session).ListAsync(RequestContext.Silent(), cancellationToken).ConfigureAwait(false)).Select(a => a.Name).ToList();
    }

    public sealed class DatasourceNameCompleter : SessionNameCompleter
    {
        protected override string Kind => "datasourceNames";

        protected override async Task<IReadOnlyList<string>> FetchAsync(EmbedAdminSession session, CancellationToken cancellationToken) =>
            (await new DatasourceClient(session).ListAsync(RequestContext.Silent(), cancellationToken).ConfigureAwait(false)).Select(d => d.Name).ToList();
    }

    public sealed class DatasourceTypeCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => DatasourceTypes.Names;
    }
}
