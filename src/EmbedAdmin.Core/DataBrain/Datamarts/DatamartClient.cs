using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Listing;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.DataBrain.Datamarts
{
    /// <summary>
    /// Datamart endpoints (docs.usedatabrain.com/api-reference/update-datamart, create-datamart, list-datamarts, delete-datamart). They take the service token: the newest pages say so,
    /// older crawls said the data-app key, and AuthKind.ServiceToken falls back to that key when no token was
    /// given. With -UseLegacyDataBrainPaths, list, create and delete use the older camelCase routes; update has
    /// no older route.
    /// </summary>
    public sealed class DatamartClient
    {
        private readonly EmbedAdminSession session;

        public DatamartClient(EmbedAdminSession session)
        {
            this.session = session;
        }

        private bool Legacy => session.UseLegacyDataBrainPaths;

        /// <summary>Every datamart, all pages read. There is no endpoint for one datamart.</summary>
        public Task<IReadOnlyList<Datamart>> ListAsync(RequestContext context, CancellationToken cancellationToken) =>
            DataBrainPaging.ReadAllAsync(session, page => DatamartRoutes.List(Legacy, page), ReadItem, d => d.Name, context, cancellationToken);

        /// <summary>The datamart with exactly this name (DataBrain names are case-sensitive), or null.</summary>
        public async Task<Datamart?> FindAsync(string name, RequestContext context, CancellationToken cancellationToken) =>
            (await ListAsync(context, cancellationToken).ConfigureAwait(false)).FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));

        /// <exception cref="EmbedAdminApiException">INVALID_DATAMART when there is none; the message names a datamart that differs only in case.</exception>
        public async Task<Datamart> GetAsync(string name, RequestContext context, CancellationToken cancellationToken)
        {
            var all = await ListAsync(context, cancellationToken).ConfigureAwait(false);
            var exact = all.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));
            if (exact is not null)
            {
                return exact;
            }

            var near = all.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));
            var error = NotInList.Datamart(name);
            return near is null
                ? throw error
                : throw new EmbedAdminApiException(error.Service, error.StatusCode, error.ApiCode, error.ApiMessage + $" Did you mean '{near.Name}'?");
        }

        public async Task<string> CreateAsync(DatamartChange change, RequestContext context, CancellationToken cancellationToken)
        {
            return await SendForIdAsync(DatamartRoutes.Create(Legacy).WithJson(change.ToUtf8Json()), change.Name, context, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>PUT; the answer is {"id"} without an error member, as the update page shows.</summary>
        public Task<string> UpdateAsync(DatamartChange change, RequestContext context, CancellationToken cancellationToken) =>
            SendForIdAsync(
                DatamartRoutes.Update().WithJson(change.ToUtf8Json()),
                change.Name,
                context,
                cancellationToken);

        /// <summary>
        /// Deletes the datamart. A refused repeat of a delete whose first attempt got no answer is checked against
        /// the list: a datamart no longer there was deleted by that attempt.
        /// </summary>
        public async Task<string> DeleteAsync(string name, RequestContext context, CancellationToken cancellationToken)
        {
            try
            {
                return await SendForIdAsync(DatamartRoutes.Delete(Legacy, name), name, context, cancellationToken).ConfigureAwait(false);
            }
            catch (EmbedAdminApiException refused) when (refused.EarlierAttemptUnanswered)
            {
                if (await FindAsync(name, context, cancellationToken).ConfigureAwait(false) is not null)
                {
                    throw;
                }

                context.ReportAlreadyDeleted("datamart '" + name + "'");
                return name;
            }
        }


        private static Datamart ReadItem(JsonElement element) =>
            DatamartFields.FromList(System.Text.Json.Nodes.JsonNode.Parse(element.GetRawText()) as System.Text.Json.Nodes.JsonObject ?? new System.Text.Json.Nodes.JsonObject());

        private async Task<string> SendForIdAsync(ApiRequest request, string name, RequestContext context, CancellationToken cancellationToken)
        {
            var response = await session.Api.SendAsync(request, context, cancellationToken).ConfigureAwait(false);
            return DataBrainEnvelope.ReadString(DataBrainEnvelope.Open(response), "id") ?? name;
        }
    }
}
