using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Commands
{
    /// <summary>Forgets a session and wipes its keys from memory; by default the connected one.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "EmbedAdmin")]
    public sealed class DisconnectEmbedAdminCommand : PSCmdlet
    {
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public EmbedAdminSession? Session { get; set; }

        protected override void ProcessRecord()
        {
            var session = Session ?? SessionStore.Current;
            if (session is null)
            {
                this.WriteVerboseIfWanted("There is no EmbedAdmin session to disconnect.");
                return;
            }

            SessionStore.ClearIf(session);
            session.Dispose();
            this.WriteVerboseIfWanted($"Disconnected EmbedAdmin session {session.Id}.");
        }
    }
}
