using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Completers
{
    /// <summary>
    /// Completes a fixed list of values: a choice field's values come from its field table. Enum-like parameters are strings checked in Core rather than
    /// [ValidateSet], because an empty CSV cell must bind as "not set" and ValidateSet would reject it.
    /// </summary>
    public abstract class ChoiceCompleter : IArgumentCompleter
    {
        protected abstract IEnumerable<string> Choices { get; }

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName,
            string parameterName,
            string wordToComplete,
            CommandAst commandAst,
            IDictionary fakeBoundParameters) =>
            Complete(wordToComplete).Select(CompletionText.Result).ToList();

        /// <summary>
        /// The values offered for what was typed. Apart from CompleteArgument so the contract tests can compare them
        /// with the field tables: the PowerShell reference assembly they build against has no working CompletionResult.
        /// </summary>
        internal IReadOnlyList<string> Complete(string? wordToComplete)
        {
            var prefix = CompletionText.Prefix(wordToComplete);
            return Choices.Where(choice => choice.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        }
    }

    /// <summary>How every completer turns a value into what Tab inserts: quoted when PowerShell would misread it.</summary>
    internal static class CompletionText
    {
        public static CompletionResult Result(string value) =>
            new(Quote(value), value, CompletionResultType.ParameterValue, value);

        public static string Prefix(string? wordToComplete) => (wordToComplete ?? string.Empty).Trim('\'', '"');

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',', '@', '#' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;
    }

    public sealed class JoinModelCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => EmbedAccessChange.Table.Field("JoinModel").Choices;
    }

    public sealed class MetricCreationModeCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => EmbedAccessChange.Table.Field("MetricCreationMode").Choices;
    }

    public sealed class DatadogSiteCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => DatadogSites.All;
    }

    public sealed class EmbedTypeCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => EmbedRequest.Table.Field("EmbedType").Choices;
    }

    public sealed class MetricImportModeCompleter : ChoiceCompleter
    {
        protected override IEnumerable<string> Choices => DashboardEmbedRequest.Table.Field("MetricImportMode").Choices;
    }
}
