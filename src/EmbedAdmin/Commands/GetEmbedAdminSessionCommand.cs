using System;
using System.Management.Automation;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Commands
{
    /// <summary>Shows the connected session: endpoints, masked keys, retry and timeout settings, the last bulk run.</summary>
    [Cmdlet(VerbsCommon.Get, "EmbedAdminSession")]
    [OutputType(typeof(EmbedAdminSession))]
    public sealed class GetEmbedAdminSessionCommand : PSCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = SessionStore.Current;
            if (session is null)
            {
                WriteError(new ErrorRecord(
                    new InvalidOperationException("There is no EmbedAdmin session. Run Connect-EmbedAdmin first."),
                    "NoSession",
                    ErrorCategory.ObjectNotFound,
                    null));
                return;
            }

            WriteObject(session);
        }
    }
}
