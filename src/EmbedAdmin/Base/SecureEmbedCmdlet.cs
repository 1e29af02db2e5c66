using System.Collections.Generic;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// What the Datadog secure-embed cmdlets share: their requests count against the Datadog rate-limit gate, and
    /// each says with -Verbose that the endpoints are in preview.
    /// </summary>
    public abstract class SecureEmbedCmdlet : EmbedAdminBulkCmdlet
    {
        private SecureEmbedClient? client;

        protected override ApiService RunService => ApiService.Datadog;

        protected SecureEmbedClient Client => client ??= new SecureEmbedClient(ActiveSession);

        /// <summary>The input row's columns (a CSV row), for its tv_&lt;name&gt; template-variable columns; null for other input.</summary>
        protected IReadOnlyDictionary<string, object?>? RowColumns => PSValues.Unwrap(InputRow) as IReadOnlyDictionary<string, object?>;

        protected override IEnumerable<string> ReadOnlyColumns => SecureEmbedFields.Table.ReadOnlyColumns;

        /// <summary>tv_&lt;name&gt; columns set template variables; SecureEmbedChange reads them from the row itself.</summary>
        protected override bool ReadsColumn(string column) => column.StartsWith(TemplateVariableInput.ColumnPrefix, System.StringComparison.OrdinalIgnoreCase);

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // Verbose, not a warning: under -Debug PowerShell turns a compiled cmdlet's warnings into prompts, which stop
            // a runbook, and the preview status asks nothing of the user; the help says it too.
            this.WriteVerboseIfWanted(SecureEmbedPreview.Notice);
        }
    }
}
