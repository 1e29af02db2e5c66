using System;
using System.Management.Automation;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// Whether a cmdlet's verbose and debug streams are wanted, and verbose lines that never turn into prompts.
    /// With the -Debug switch and without -Verbose, PowerShell raises a compiled cmdlet's VerbosePreference (and its
    /// WarningPreference) to Inquire, so every WriteVerbose asks "Continue?", and a non-interactive runbook fails on
    /// the question ("PowerShell is in NonInteractive mode"). So verbose lines are written only when -Verbose is given,
    /// or when $VerbosePreference asks for them and -Debug is not given; -Debug -Verbose shows both.
    /// </summary>
    public static class CmdletStreams
    {
        /// <summary>The verbose stream is wanted and writing to it will not prompt.</summary>
        public static bool WantsVerbose(this PSCmdlet cmdlet) =>
            Switch(cmdlet, "Verbose") ?? (Switch(cmdlet, "Debug") != true && PreferenceEnabled(cmdlet, "VerbosePreference"));

        public static bool WantsDebug(this PSCmdlet cmdlet) =>
            Switch(cmdlet, "Debug") ?? PreferenceEnabled(cmdlet, "DebugPreference");

        /// <summary>WriteVerbose when <see cref="WantsVerbose"/>; every cmdlet of the module writes its verbose lines through here.</summary>
        public static void WriteVerboseIfWanted(this PSCmdlet cmdlet, string text)
        {
            if (cmdlet.WantsVerbose())
            {
                cmdlet.WriteVerbose(text);
            }
        }

        private static bool? Switch(PSCmdlet cmdlet, string name) =>
            cmdlet.MyInvocation.BoundParameters.TryGetValue(name, out var bound) && bound is SwitchParameter flag ? flag.IsPresent : null;

        private static bool PreferenceEnabled(PSCmdlet cmdlet, string variable)
        {
            var preference = cmdlet.GetVariableValue(variable);
            return preference is ActionPreference value
                ? value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore
                : preference is string text && !text.Equals("SilentlyContinue", StringComparison.OrdinalIgnoreCase) && !text.Equals("Ignore", StringComparison.OrdinalIgnoreCase);
        }
    }
}
