using System.Collections.Generic;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.Datadog.SecureEmbeds
{
    /// <summary>Datadog dashboard secure-embed operations over a session's HTTP pipeline.</summary>
    public sealed class SecureEmbedClient
    {
        private readonly EmbedAdminSession session;

        public SecureEmbedClient(EmbedAdminSession session)
        {
            this.session = session;
        }

        /// <summary>
        /// Creates the secure embed. The credential of the answer is registered with the session's redactor before
        /// anything else is done with it, and handed out only as a read-only SecureString.
        /// </summary>
        public async Task<SecureEmbed> CreateAsync(SecureEmbedCreation creation, RequestContext context, CancellationToken cancellationToken)
        {
            var request = SecureEmbedRoutes.Create(creation.DashboardId).WithJson(creation.Body.ToUtf8Bytes());
            var response = await SendAsync(request, Operation.Create, context, cancellationToken).ConfigureAwait(false);
            var data = SecureEmbedReader.Data(response);
            var credential = SecureEmbedReader.Credential(data);
            session.Redactor.AddKnownSecret(credential);
            var embed = SecureEmbedReader.Read(data, creation.DashboardId);
            if (string.IsNullOrEmpty(credential))
            {
                embed.CredentialNotice = CredentialNotice.NoneReturned;
                return embed;
            }

            embed.Credential = ToSecureString(credential!);
            embed.CredentialSuffix ??= credential!.Length > 8 ? credential.Substring(credential.Length - 4) : "0000";
            embed.CredentialNotice = CredentialNotice.InCredentialProperty;
            return embed;
        }

        public async Task<SecureEmbed> GetAsync(SecureEmbedReference target, RequestContext context, CancellationToken cancellationToken)
        {
            var response = await SendAsync(SecureEmbedRoutes.Get(target.DashboardId, target.Token!), Operation.OneEmbed, context, cancellationToken).ConfigureAwait(false);
            return SecureEmbedReader.Read(SecureEmbedReader.Data(response), target.DashboardId);
        }

        /// <summary>Every secure embed of the dashboard, read from the list of all its shares.</summary>
        public async Task<IReadOnlyList<SecureEmbed>> ListAsync(string dashboardId, RequestContext context, CancellationToken cancellationToken)
        {
            var response = await SendAsync(SecureEmbedRoutes.ListShared(dashboardId), Operation.Dashboard, context, cancellationToken).ConfigureAwait(false);
            return SecureEmbedReader.SecureEmbedsOf(response, dashboardId);
        }

        public async Task<SecureEmbed> UpdateAsync(SecureEmbedChange change, RequestContext context, CancellationToken cancellationToken)
        {
            var request = SecureEmbedRoutes.Update(change.DashboardId, change.Token).WithJson(change.Body.ToUtf8Bytes());
            var response = await SendAsync(request, Operation.OneEmbed, context, cancellationToken).ConfigureAwait(false);
            return SecureEmbedReader.Read(SecureEmbedReader.Data(response), change.DashboardId);
        }

        /// <summary>
        /// Deletes the secure embed; Datadog answers 204 with no body. A 404 to a repeat whose first attempt got no
        /// answer means the first attempt removed it: the delete is done.
        /// </summary>
        public async Task DeleteAsync(SecureEmbedReference target, RequestContext context, CancellationToken cancellationToken)
        {
            try
            {
                await SendAsync(SecureEmbedRoutes.Delete(target.DashboardId, target.Token!), Operation.OneEmbed, context, cancellationToken).ConfigureAwait(false);
            }
            catch (EmbedAdminApiException gone) when (gone.EarlierAttemptUnanswered && gone.ApiCode == DatadogCodes.SecureEmbedNotFound)
            {
                context.ReportAlreadyDeleted(target.Describe());
            }
        }

        /// <summary>Text for the user (e.g. a vault's error message) with every secret the session knows removed.</summary>
        public string Redact(string? text) => session.Redactor.RedactText(text);

        private async Task<ApiResponse> SendAsync(ApiRequest request, Operation operation, RequestContext context, CancellationToken cancellationToken)
        {
            try
            {
                return await session.Api.SendAsync(request, context, cancellationToken).ConfigureAwait(false);
            }
            catch (EmbedAdminApiException exception) when (exception.Service == ApiService.Datadog && ContextCode(operation, exception.StatusCode) is { } code)
            {
                throw new EmbedAdminApiException(
                    exception.Service,
                    exception.StatusCode,
                    code,
                    exception.ApiMessage,
                    exception.RequestId,
                    exception.RetryAfter,
                    exception.Details,
                    exception)
                {
                    EarlierAttemptUnanswered = exception.EarlierAttemptUnanswered,
                };
            }
        }

        /// <summary>
        /// Datadog's errors carry no code, only a status, and a 404 means different things on different routes.
        /// The route decides: the create and list routes name only a dashboard, so their 404 is the dashboard;
        /// on the token routes it is the secure embed (a missing dashboard reads the same to the caller: that
        /// embed is not there). A 409 exists only on create: the dashboard's 1,000 shares are used up.
        /// ErrorClassifier maps these codes to error ids.
        /// </summary>
        private static string? ContextCode(Operation operation, int? status) => (operation, status) switch
        {
            (Operation.Create, 404) => DatadogCodes.DashboardNotFound,
            (Operation.Dashboard, 404) => DatadogCodes.DashboardNotFound,
            (Operation.OneEmbed, 404) => DatadogCodes.SecureEmbedNotFound,
            (Operation.Create, 409) => DatadogCodes.ShareLimitReached,
            _ => null,
        };

        private static SecureString ToSecureString(string text)
        {
            var secure = new SecureString();
            foreach (var c in text)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }

        private enum Operation
        {
            Create,
            Dashboard,
            OneEmbed,
        }
    }
}
