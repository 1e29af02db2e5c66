using System;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Core.Sessions;
using EmbedAdmin.Core.Errors;

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
                WriteError(ErrorRecords.Create(new InvalidOperationException("There is no EmbedAdmin session. Run Connect-EmbedAdmin first."), ErrorIds.NoSession, null));
                return;
            }

            WriteObject(session);
        }
    }
}
