using System.Collections.Generic;
using EmbedAdmin.Core.Datadog.SecureEmbeds;

namespace EmbedAdmin.Completers
{
    public sealed class LiveSpanCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => SecureEmbedFields.Table.Field("LiveSpan").Choices;
    }

    public sealed class SecureEmbedStatusCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => SecureEmbedFields.Table.Field("Status").Choices;
    }

    public sealed class SecureEmbedThemeCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => SecureEmbedFields.Table.Field("Theme").Choices;
    }
}
