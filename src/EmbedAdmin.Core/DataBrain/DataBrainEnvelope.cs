using System.Text.Json;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Core.DataBrain
{
    /// <summary>DataBrain answers {"id"|"data": …, "error": null}; a non-null error in a 2xx answer is still an error.</summary>
    internal static class DataBrainEnvelope
    {
        public static JsonElement Open(ApiResponse response)
        {
            var root = response.ReadRoot();
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("error", out var error)
                && error.ValueKind is not JsonValueKind.Null and not JsonValueKind.Undefined)
            {
                throw ApiErrorParser.Parse(ApiService.DataBrain, response.StatusCode, response.Body, response.RequestId, null);
            }

            return root;
        }

        public static string? ReadString(JsonElement root, string name) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
    }
}
