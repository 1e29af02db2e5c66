using System;
using System.Management.Automation;
using System.Security;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// Stores a new secret (a secure-embed credential, a data-app API key) with SecretManagement's Set-Secret.
    /// Runs on the pipeline thread (a nested pipeline may only run there). Asks once per command whether the
    /// module is installed.
    /// </summary>
    internal sealed class SecretVault
    {
        public const string Module = "Microsoft.PowerShell.SecretManagement";

        private readonly PSCmdlet cmdlet;
        private bool? available;

        public SecretVault(PSCmdlet cmdlet)
        {
            this.cmdlet = cmdlet;
        }

        /// <summary>Why a secret was not stored, as an error record, plus the reason alone for the object's notice.</summary>
        public sealed class Failure
        {
            public Failure(ErrorRecord record, string reason)
            {
                Record = record;
                Reason = reason;
            }

            public ErrorRecord Record { get; }

            public string Reason { get; }
        }

        /// <param name="what">"The key of API token 'x' was not stored as secret 'n' in vault 'v': ", the start of the message.</param>
        /// <param name="kept">What the caller still has, e.g. " The token was created; its key is in the Key property."</param>
        /// <param name="redact">The session's redactor: whatever the vault says passes it first.</param>
        /// <param name="property">The property holding the secret, for the recommended Set-Secret command.</param>
        /// <returns>Null when stored.</returns>
        public Failure? Store(string name, SecureString secret, string? vault, string what, string kept, object target, Func<string, string> redact, string property)
        {
            if (!IsAvailable())
            {
                var reason = $"the {Module} module is not installed.";
                return new Failure(
                    Record(what + reason + kept, ErrorIds.SecretManagementNotInstalled, target, $"Install-PSResource {Module} and a vault extension (e.g. Microsoft.PowerShell.SecretStore), register a vault, then: Set-Secret -Name '{name}' -SecureStringSecret $result.{property}"),
                    reason);
            }

            try
            {
                var script = cmdlet.InvokeCommand.NewScriptBlock(
                    "param($Name, $Secret, $Vault) " +
                    "$arguments = @{ Name = $Name; SecureStringSecret = $Secret; ErrorAction = 'Stop' }; " +
                    "if ($Vault) { $arguments['Vault'] = $Vault }; " +
                    Module + "\\Set-Secret @arguments");
                cmdlet.InvokeCommand.InvokeScript(false, script, null, name, secret, vault);
                return null;
            }
            catch (Exception exception) when (exception is not PipelineStoppedException and not OperationCanceledException)
            {
                var reason = redact(exception.Message);
                return new Failure(
                    Record(what + reason + kept, ErrorIds.SecretStoreFailed, target, $"Check the vault (Get-SecretVault), then: Set-Secret -Name '{name}' -SecureStringSecret $result.{property}"),
                    reason);
            }
        }

        /// <summary>Get-Module sees what is installed on $env:PSModulePath now.</summary>
        private bool IsAvailable()
        {
            if (available is null)
            {
                var found = cmdlet.InvokeCommand.InvokeScript(
                    "@(Get-Module -Name " + Module + ") + @(Get-Module -ListAvailable -Name " + Module + ") | Select-Object -First 1");
                available = found.Count > 0 && found[0] is not null;
            }

            return available.Value;
        }

        private static ErrorRecord Record(string message, string errorId, object target, string recommendedAction) =>
            ErrorRecords.Create(new InvalidOperationException(message), errorId, target, recommendedAction);
    }
}
