using System.Collections.Generic;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Json;

namespace EmbedAdmin.Core.DataBrain.Datamarts
{
    /// <summary>
    /// Datamart endpoints (docs.usedatabrain.com/api-reference/create-datamart, update-datamart, list-datamarts,
    /// delete-datamart). With -UseLegacyDataBrainPaths, list, create and delete use the older camelCase routes;
    /// update has no older route.
    /// </summary>
    internal static class DatamartRoutes
    {
        public static ApiRequest Create(bool legacy) => legacy
            ? DataBrainRequest.Service(HttpMethod.Post, "api/v2/dataApp/datamart/create")
            : DataBrainRequest.Service(HttpMethod.Post, "api/v2/data-app/datamarts");

        public static ApiRequest Update() => DataBrainRequest.Service(HttpMethod.Put, "api/v2/data-app/datamarts");

        /// <summary>DELETE on the singular "datamart" path, as the delete-datamart page shows.</summary>
        public static ApiRequest Delete(bool legacy, string name) => legacy
            ? DataBrainRequest.Service(HttpMethod.Post, "api/v2/dataApp/datamart/delete")
                .WithJson(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["datamartName"] = name }, EmbedAdminJson.Options))
            : DataBrainRequest.Service(HttpMethod.Delete, "api/v2/data-app/datamart").WithQuery("datamartName", name);

        public static ApiRequest List(bool legacy, int page)
        {
            if (legacy)
            {
                var body = "{\"isPagination\":true,\"pageNumber\":" + page.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";

                // A read, so safe to repeat even though it is a POST.
                var read = DataBrainRequest.Service(HttpMethod.Post, "api/v2/dataApp/datamart/list");
                read.Idempotent = true;
                return read.WithJson(Encoding.UTF8.GetBytes(body));
            }

            return DataBrainRequest.Service(HttpMethod.Get, "api/v2/data-app/datamarts")
                .WithQuery("isPagination", "true")
                .WithQuery("pageNumber", DataBrainPaging.PageNumber(page));
        }
    }
}
