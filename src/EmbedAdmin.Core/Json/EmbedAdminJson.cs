using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmbedAdmin.Core.Json
{
    /// <summary>The one source of JSON settings for every request and response body.</summary>
    public static class EmbedAdminJson
    {
        /// <summary>
        /// Property names are spelled out with [JsonPropertyName] on the models, because DataBrain speaks
        /// camelCase and Datadog snake_case; one options instance then serves both services.
        /// </summary>
        public static JsonSerializerOptions Options { get; } = Create();

        private static JsonSerializerOptions Create()
        {
            var options = new JsonSerializerOptions
            {
                PropertyNameCaseInsensitive = true,
                DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
                // Bodies go to an API, never into HTML; escaping '+' or '<' in names would only change what is sent.
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                NumberHandling = JsonNumberHandling.AllowReadingFromString,
            };
            options.MakeReadOnly(populateMissingResolver: true);
            return options;
        }
    }
}
