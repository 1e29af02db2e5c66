using System;
using System.Text.Json;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;

namespace EmbedAdmin.Core.Http
{
    public sealed class ApiResponse
    {
        public ApiResponse(ApiService service, int statusCode, byte[] body, string? requestId)
        {
            Service = service;
            StatusCode = statusCode;
            Body = body;
            RequestId = requestId;
        }

        public ApiService Service { get; }

        public int StatusCode { get; }

        public byte[] Body { get; }

        public string? RequestId { get; }

        public T Read<T>()
            where T : class
        {
            try
            {
                return JsonSerializer.Deserialize<T>(Body, EmbedAdminJson.Options) ?? throw Unexpected("an empty body");
            }
            catch (JsonException exception)
            {
                throw Unexpected(exception.Message, exception);
            }
        }

        public JsonElement ReadRoot()
        {
            try
            {
                using var document = JsonDocument.Parse(Body);
                return document.RootElement.Clone();
            }
            catch (JsonException exception)
            {
                throw Unexpected(exception.Message, exception);
            }
        }

        public EmbedAdminApiException Unexpected(string what, Exception? inner = null) =>
            new(Service, StatusCode, "UNEXPECTED_RESPONSE", "The response could not be read: " + what, RequestId, innerException: inner);
    }
}
