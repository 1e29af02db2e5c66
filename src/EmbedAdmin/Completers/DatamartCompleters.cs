using System.Collections.Generic;
using EmbedAdmin.Core.DataBrain.Datamarts;

namespace EmbedAdmin.Completers
{
    public sealed class TenancyLevelCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => DatamartFields.Tenancy.Field("TenancyLevel").Choices;
    }

    public sealed class ClientColumnTypeCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => DatamartFields.Tenancy.Field("ClientColumnType").Choices;
    }
}
