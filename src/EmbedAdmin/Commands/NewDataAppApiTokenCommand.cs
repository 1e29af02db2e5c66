using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.DataBrain.DataApps;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Creates an API token (key) for DataBrain data apps (POST /api/v2/data-app/api-tokens, service token). The
    /// key is handed out as a SecureString in the Key property and, with -Vault or -SecretName, stored with
    /// SecretManagement; it is never written as text.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "DataAppApiToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(DataAppApiToken))]
    public sealed class NewDataAppApiTokenCommand : EmbedAdminBulkCmdlet
    {
        private const string DefaultSecretName = "DataAppApiToken-{DataAppName}-{TokenName}";
        private static readonly string[] Placeholders = { "{DataAppName}", "{TokenName}" };
        private SecretVault? vault;
        private bool noticeShown;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(DataAppNameCompleter))]
        public string DataAppName { get; set; } = string.Empty;

        /// <summary>The token's name (the API's "name"), e.g. "rotation-2026-03".</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string TokenName { get; set; } = string.Empty;

        /// <summary>The SecretManagement vault to store each new key in.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Vault { get; set; }

        /// <summary>The secret's name; may hold {DataAppName} and {TokenName}. Default DataAppApiToken-{DataAppName}-{TokenName}.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? SecretName { get; set; }

        protected override void ProcessRecord()
        {
            var client = new DataAppClient(ActiveSession);
            var vaultName = string.IsNullOrWhiteSpace(Vault) ? null : Vault!.Trim();
            var secretName = string.IsNullOrWhiteSpace(SecretName) ? null : SecretName!.Trim();
            var store = vaultName is not null || secretName is not null;
            var row = RowOr(DataAppName);
            ProcessChange(
                row,
                KeyOf(DataAppName, nameof(DataAppName)),
                () =>
                {
                    var app = DataAppInput.Required(DataAppName, ErrorIds.MissingDataAppName, "DataAppName (dataAppName)", "the data app the key is for");
                    var name = DataAppInput.Required(TokenName, ErrorIds.MissingTokenName, "TokenName (name)", "a name for the new API token");
                    if (secretName is not null && System.Text.RegularExpressions.Regex.Matches(secretName, "\\{[^}]*\\}").Cast<System.Text.RegularExpressions.Match>().Any(m => !Placeholders.Contains(m.Value, StringComparer.OrdinalIgnoreCase)))
                    {
                        throw new EmbedAdminValidationException(ErrorIds.InvalidSecretName, "SecretName", "may hold only the placeholders {DataAppName} and {TokenName}.");
                    }

                    var action = $"Create API token '{name}'" + (store ? $" and store its key as secret '{Expand(secretName, app, name)}'" : string.Empty);
                    return DataAppRowChanges.CreateApiToken(client, app, name, action, created => (Token: created, Row: row));
                });
        }

        /// <summary>
        /// On the pipeline thread (a nested pipeline may only run here): stores the key when asked, then writes the
        /// object. A failed store never loses the key: the object is written all the same, key inside.
        /// </summary>
        protected override void WriteRowOutput(object output)
        {
            // The row rides along with its token, so a vault failure names that row whatever else is in flight.
            if (output is not ValueTuple<DataAppApiToken, object?> result)
            {
                base.WriteRowOutput(output);
                return;
            }

            var created = result.Item1;
            var vaultName = string.IsNullOrWhiteSpace(Vault) ? null : Vault!.Trim();
            if (created.Key is null || (vaultName is null && string.IsNullOrWhiteSpace(SecretName)))
            {
                if (!noticeShown)
                {
                    noticeShown = true;
                    // Verbose, not a warning: without -Vault this is every normal run, and under -Debug PowerShell turns a
                    // compiled cmdlet's warnings into prompts, which stop a runbook. A vault that fails writes an error.
                    this.WriteVerboseIfWanted("The new key is in the Key property (a SecureString) of the object written: keep it ($token = New-DataAppApiToken ...) or pass -Vault to store it with SecretManagement. It is never shown as text.");
                }

                base.WriteRowOutput(created);
                return;
            }

            var name = Expand(SecretName, created.DataAppName, created.Name);
            var where = vaultName is null ? "the default vault" : $"vault '{vaultName}'";
            var failure = (vault ??= new SecretVault(this)).Store(
                name,
                created.Key,
                vaultName,
                $"The key of API token '{created.Name}' (data app '{created.DataAppName}') was not stored as secret '{name}' in {where}: ",
                " The token was created; its key is in the Key property (a SecureString) of the object written.",
                result.Item2 ?? created,
                new DataAppClient(ActiveSession).Redact,
                "Key");
            created.KeyNotice = failure is null ? $"Stored as secret '{name}' in {where}." : $"NOT stored as secret '{name}' in {where}: {failure.Reason}";
            base.WriteRowOutput(created);
            if (failure is not null)
            {
                WriteError(failure.Record);
            }
        }

        private static string Expand(string? pattern, string dataApp, string tokenName) =>
            System.Text.RegularExpressions.Regex.Replace(
                string.IsNullOrWhiteSpace(pattern) ? DefaultSecretName : pattern!.Trim(),
                "\\{(DataAppName|TokenName)\\}",
                m => m.Groups[1].Value.Equals("DataAppName", StringComparison.OrdinalIgnoreCase) ? dataApp : tokenName,
                System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }
}
