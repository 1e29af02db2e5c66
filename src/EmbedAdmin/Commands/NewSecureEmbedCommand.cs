using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Transforms;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Creates Datadog dashboard secure embeds: one from parameters, or one per row of a CSV (typically one per
    /// customer, from template-variable columns). Datadog returns each one's signing credential only in this
    /// answer; it is handed out as a SecureString and, with -Vault or -SecretName, stored with SecretManagement.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SecureEmbed", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SecureEmbed))]
    public sealed class NewSecureEmbedCommand : SecureEmbedParametersCmdlet
    {
        private bool runStarted;
        private SecretVault? vault;
        private bool unstoredNoticeShown;

        /// <summary>The title viewers see; required.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Title { get; set; } = string.Empty;

        /// <summary>The SecretManagement vault to store each new credential in.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? Vault { get; set; }

        /// <summary>The secret's name; may hold {DashboardId}, {Token}, {Id}, {Title}. Default SecureEmbed-{DashboardId}-{Token}.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? SecretName { get; set; }

        protected override void ProcessRecord()
        {
            runStarted = true;
            var row = RowOr(DashboardId);
            var target = (string.IsNullOrWhiteSpace(DashboardId) ? "(no DashboardId)" : DashboardId.Trim()) + ": " + (Title ?? string.Empty).Trim();
            SecureEmbedCreation creation;
            try
            {
                creation = SecureEmbedCreation.Create(DashboardId, BoundValues(SecureEmbedFields.Fields), RowColumns);
                SecureEmbedSecretName.Validate(SecretName);
            }
            catch (EmbedAdminValidationException exception)
            {
                Pump(Store(Runner.Reject(row, target, exception)));
                return;
            }

            if (!ShouldProcess($"dashboard '{creation.DashboardId}'", "Create secure embed: " + creation.Describe()))
            {
                return;
            }

            var client = Client;
            var context = Runner.Context;
            var storage = string.IsNullOrWhiteSpace(Vault) && string.IsNullOrWhiteSpace(SecretName)
                ? null
                : new VaultTarget(string.IsNullOrWhiteSpace(Vault) ? null : Vault!.Trim(), SecretName);
            Pump(Store(Runner.Submit(row, creation.DashboardId + ": " + creation.Title, async cancellationToken =>
            {
                var embed = await client.CreateAsync(creation, context, cancellationToken).ConfigureAwait(false);
                return new object[] { new CreatedEmbed(embed, storage) };
            })));
        }

        /// <summary>
        /// Rows come back from the runner here too, so their credentials are stored before the object is written;
        /// the base class would write them without that step.
        /// </summary>
        protected override void EndProcessing()
        {
            if (!runStarted)
            {
                base.EndProcessing();
                return;
            }

            Pump(Store(Runner.Complete()));
            ActiveSession.RecordRun(Runner.Summary!);
        }

        /// <summary>
        /// On the pipeline thread, after a row's result is back: stores its credential with SecretManagement when
        /// asked (a nested pipeline may only run here), writes the object, then any error of the storing. A failed
        /// store never loses the credential: the object is written all the same, with it inside.
        /// </summary>
        private IEnumerable<BulkEvent> Store(IEnumerable<BulkEvent> events)
        {
            foreach (var item in events)
            {
                if (item is not RowSucceeded success || success.Outputs.FirstOrDefault() is not CreatedEmbed created)
                {
                    yield return item;
                    continue;
                }

                var embed = created.Embed;
                var failure = created.Storage is null || embed.Credential is null ? null : StoreCredential(embed, created.Storage, success.Row);
                if ((created.Storage is null || failure is not null) && embed.Credential is not null && !unstoredNoticeShown)
                {
                    unstoredNoticeShown = true;
                    // Verbose, not a warning: without -Vault this is every normal run, and under -Debug PowerShell turns a
                    // compiled cmdlet's warnings into prompts, which stop a runbook. A vault that fails writes an error.
                    this.WriteVerboseIfWanted(
                        "Datadog returns a secure embed's signing credential only once, when it is created; it cannot be fetched again. " +
                        "It is in the Credential property (a SecureString) of the objects this command writes: keep them " +
                        "($embeds = ... | New-SecureEmbed), or pass -Vault to store each credential with SecretManagement.");
                }

                yield return new RowSucceeded(success.Sequence, success.Row, success.Target, new object[] { embed });
                if (failure is not null)
                {
                    WriteError(failure);
                }
            }
        }

        private ErrorRecord? StoreCredential(SecureEmbed embed, VaultTarget storage, object? row)
        {
            var name = SecureEmbedSecretName.Expand(storage.SecretName, embed);
            var where = CredentialNotice.VaultText(storage.Vault);
            var failure = (vault ??= new SecretVault(this)).Store(
                name,
                embed.Credential!,
                storage.Vault,
                $"The credential of secure embed '{embed.Token}' (dashboard '{embed.DashboardId}') was not stored as secret '{name}' in {where}: ",
                " The secure embed was created; its credential is in the Credential property of the object written.",
                row ?? embed,
                Client.Redact,
                "Credential");
            embed.CredentialNotice = failure is null ? CredentialNotice.Stored(name, storage.Vault) : CredentialNotice.NotStored(name, storage.Vault, failure.Reason);
            return failure?.Record;
        }

        /// <summary>Where a row asked its credential to go.</summary>
        private sealed class VaultTarget
        {
            public VaultTarget(string? vault, string? secretName)
            {
                Vault = vault;
                SecretName = secretName;
            }

            public string? Vault { get; }

            public string? SecretName { get; }
        }

        /// <summary>A row's result on its way from the worker to the pipeline thread, with where its credential goes.</summary>
        private sealed class CreatedEmbed
        {
            public CreatedEmbed(SecureEmbed embed, VaultTarget? storage)
            {
                Embed = embed;
                Storage = storage;
            }

            public SecureEmbed Embed { get; }

            public VaultTarget? Storage { get; }
        }
    }
}
