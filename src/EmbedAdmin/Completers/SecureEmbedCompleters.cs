using System.Collections.Generic;
using EmbedAdmin.Core.Datadog.SecureEmbeds;

namespace EmbedAdmin.Completers
{
    public sealed class LiveSpanCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => SecureEmbedFields.LiveSpans;
    }

    public sealed class SecureEmbedStatusCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => SecureEmbedFields.Statuses;
    }

    public sealed class SecureEmbedThemeCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => SecureEmbedFields.Themes;
    }
}
