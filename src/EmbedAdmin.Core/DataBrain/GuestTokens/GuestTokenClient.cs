using System.Security;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.DataBrain.GuestTokens
{
    /// <summary>Issues DataBrain guest tokens over a session's HTTP pipeline.</summary>
    public sealed class GuestTokenClient
    {
        private readonly EmbedAdminSession session;

        public GuestTokenClient(EmbedAdminSession session)
        {
            this.session = session;
        }

        public async Task<GuestToken> CreateAsync(GuestTokenRequest request, RequestContext context, CancellationToken cancellationToken)
        {
            var response = await session.Api.SendAsync(GuestTokenRoutes.Create().WithJson(request.ToJsonBytes()), context, cancellationToken).ConfigureAwait(false);
            var root = DataBrainEnvelope.Open(response);
            var text = DataBrainEnvelope.ReadString(root, "token") ?? throw response.Unexpected("no token in the answer");
            // From here on the token is a secret of this session: it is masked wherever the module prints text.
            session.Redactor.AddKnownSecret(text);
            var token = new SecureString();
            foreach (var c in text)
            {
                token.AppendChar(c);
            }

            token.MakeReadOnly();
            return request.ToGuestToken(token, session.Clock.UtcNow);
        }
    }
}
