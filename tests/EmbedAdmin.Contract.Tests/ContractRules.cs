using System;
using System.Collections.Generic;
using System.Linq;

namespace EmbedAdmin.Contract.Tests
{
    /// <summary>The rules every EmbedAdmin cmdlet keeps, as a list of violations (empty when all hold).</summary>
    public static class ContractRules
    {
        /// <summary>Verbs that change state somewhere, so the cmdlet must offer -WhatIf and -Confirm.</summary>
        public static readonly IReadOnlySet<string> ChangingVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Add", "Clear", "Copy", "Disable", "Enable", "Export", "Grant", "Import", "Install", "Move", "New", "Publish",
            "Register", "Remove", "Rename", "Reset", "Restore", "Revoke", "Set", "Start", "Stop", "Uninstall",
            "Unregister", "Update",
        };

        /// <summary>Verbs that destroy or revoke: they must ask by default (ConfirmImpact High).</summary>
        public static readonly IReadOnlySet<string> DestructiveVerbs = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Remove", "Clear", "Revoke", "Uninstall" };

        /// <summary>
        /// Parameters that steer the command rather than describe a row, and so do not bind by property name:
        /// a CSV column called "Session" or "PassThru" must not change how the run behaves, and an irreversible
        /// choice (DeleteDashboard) or a secret's form (AsPlainText) is made on the command line, never by a file.
        /// </summary>
        public static readonly IReadOnlySet<string> ControlParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Session", "PassThru", "ThrottleLimit", "Force", "InputObject", "DeleteDashboard", "AsPlainText", "IgnoreColumn",
        };

        public static IReadOnlyList<string> Violations(IEnumerable<CmdletContract> cmdlets, IReadOnlyCollection<string> approvedVerbs)
        {
            var violations = new List<string>();
            foreach (var cmdlet in cmdlets)
            {
                if (!approvedVerbs.Contains(cmdlet.Verb, StringComparer.Ordinal))
                {
                    violations.Add($"{cmdlet.Name}: '{cmdlet.Verb}' is not an approved verb.");
                }

                if (cmdlet.ClassName != cmdlet.Verb + cmdlet.Noun + "Command")
                {
                    violations.Add($"{cmdlet.Name}: class {cmdlet.ClassName} should be named {cmdlet.Verb}{cmdlet.Noun}Command.");
                }

                if (ChangingVerbs.Contains(cmdlet.Verb) && !cmdlet.SupportsShouldProcess)
                {
                    violations.Add($"{cmdlet.Name}: changes something but lacks SupportsShouldProcess.");
                }

                if (DestructiveVerbs.Contains(cmdlet.Verb) && cmdlet.ConfirmImpact != "High")
                {
                    violations.Add($"{cmdlet.Name}: is destructive but its ConfirmImpact is {cmdlet.ConfirmImpact}, not High.");
                }

                foreach (var parameter in cmdlet.Parameters)
                {
                    if (parameter.Name == "InputObject")
                    {
                        if (!parameter.ByValue || !parameter.DontShow)
                        {
                            violations.Add($"{cmdlet.Name}: InputObject must be a hidden ValueFromPipeline parameter that keeps the row.");
                        }
                    }
                    else if (!ControlParameters.Contains(parameter.Name) && !parameter.ByPropertyName)
                    {
                        violations.Add($"{cmdlet.Name}: parameter -{parameter.Name} is not pipeline-bindable by property name.");
                    }
                }
            }

            return violations;
        }
    }
}
