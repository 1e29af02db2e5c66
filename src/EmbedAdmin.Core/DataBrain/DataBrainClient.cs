using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.DataBrain
{
    /// <summary>DataBrain operations over a session's HTTP pipeline.</summary>
    public sealed class DataBrainClient
    {
        private readonly EmbedAdminSession session;

        public DataBrainClient(EmbedAdminSession session)
        {
            this.session = session;
        }

        public async Task<EmbedAccess> UpdateEmbedAccessAsync(EmbedAccessChange change, RequestContext context, CancellationToken cancellationToken)
        {
            var request = DataBrainRoutes.UpdateEmbed(session.UseLegacyDataBrainPaths).WithJson(change.Body.ToUtf8Bytes());
            var response = await session.Api.SendAsync(request, context, cancellationToken).ConfigureAwait(false);
            var root = DataBrainEnvelope.Open(response);
            return change.ToEmbedAccess(DataBrainEnvelope.ReadString(root, "id") ?? change.EmbedId);
        }
    }
}
