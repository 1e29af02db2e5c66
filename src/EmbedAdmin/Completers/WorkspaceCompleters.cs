using System.Collections.Generic;
using EmbedAdmin.Core.DataBrain.Workspaces;

namespace EmbedAdmin.Completers
{
    public sealed class ConnectionTypeCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => WorkspaceChange.Table.Field("ConnectionType").Choices;
    }

    public sealed class SummaryTypeCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => WorkspaceChange.Table.Field("SummaryType").Choices;
    }
}
