using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.DataBrain
{
    /// <summary>
    /// Reads every page of a DataBrain list endpoint. The list pages document 10 items per page, with
    /// isPagination and pageNumber sent as strings; the last page is the first one with fewer than 10 items.
    /// </summary>
    internal static class DataBrainPaging
    {
        public const int PageSize = 10;

        // A runaway guard only: 100,000 pages is a million objects, far beyond any organisation.
        private const int MaximumPages = 100_000;

        /// <param name="pageRequest">Builds the request for a 1-based page number.</param>
        /// <param name="readItem">Reads one element of the page's "data" array.</param>
        /// <param name="keyOf">Identifies an item, so a server that ignores pageNumber cannot make the loop run forever.</param>
        public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
            EmbedAdminSession session,
            Func<int, ApiRequest> pageRequest,
            Func<JsonElement, T> readItem,
            Func<T, string> keyOf,
            RequestContext context,
            CancellationToken cancellationToken)
        {
            var all = new List<T>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var page = 1; page <= MaximumPages; page++)
            {
                var response = await session.Api.SendAsync(pageRequest(page), context, cancellationToken).ConfigureAwait(false);
                var root = DataBrainEnvelope.Open(response);
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
                {
                    throw response.Unexpected("the list has no \"data\" array");
                }

                var fresh = 0;
                var count = 0;
                foreach (var element in data.EnumerateArray())
                {
                    count++;
                    T item;
                    try
                    {
                        item = readItem(element);
                    }
                    catch (JsonException exception)
                    {
                        throw response.Unexpected("a list item has an unexpected shape: " + exception.Message, exception);
                    }

                    if (seen.Add(keyOf(item)))
                    {
                        all.Add(item);
                        fresh++;
                    }
                }

                // Fewer than a page: the last one. More than a page: the server ignored paging and sent
                // everything. Nothing new: the server ignored pageNumber and repeated a page.
                if (count < PageSize || count > PageSize || fresh == 0)
                {
                    break;
                }
            }

            return all;
        }

        public static string PageNumber(int page) => page.ToString(CultureInfo.InvariantCulture);
    }
}
