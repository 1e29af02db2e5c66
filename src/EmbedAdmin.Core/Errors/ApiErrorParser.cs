using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace EmbedAdmin.Core.Errors
{
    /// <summary>Turns a failed response body from either service into an <see cref="EmbedAdminApiException"/>.</summary>
    public static class ApiErrorParser
    {
        private const int SnippetLength = 200;

        public static EmbedAdminApiException Parse(
            ApiService service,
            int statusCode,
            ReadOnlyMemory<byte> body,
            string? requestId,
            TimeSpan? retryAfter)
        {
            if (TryParseJson(body, out var root))
            {
                if (TryReadDataBrainError(root, out var code, out var message))
                {
                    return new EmbedAdminApiException(service, statusCode, code, message, requestId, retryAfter);
                }

                if (TryReadDatadogErrors(root, out var details))
                {
                    var text = details.Count > 0 ? string.Join("; ", details) : StatusText(statusCode);
                    return new EmbedAdminApiException(service, statusCode, CodeFromStatus(statusCode), text, requestId, retryAfter, details);
                }
            }

            return new EmbedAdminApiException(service, statusCode, CodeFromStatus(statusCode), Snippet(body, statusCode), requestId, retryAfter);
        }

        /// <summary>
        /// Datadog errors carry no code, and DataBrain bodies sometimes lack one, so a stable code is made from
        /// the status. DataBrain codes always win over this: its docs disagree on statuses for the same code.
        /// </summary>
        public static string CodeFromStatus(int statusCode) => statusCode switch
        {
            400 => "BAD_REQUEST",
            401 => "UNAUTHORIZED",
            403 => "FORBIDDEN",
            404 => "NOT_FOUND",
            408 => "REQUEST_TIMEOUT",
            409 => "CONFLICT",
            413 => "PAYLOAD_TOO_LARGE",
            422 => "UNPROCESSABLE_ENTITY",
            429 => "RATE_LIMITED",
            >= 500 and <= 599 => "SERVER_ERROR",
            _ => "HTTP_" + statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        private static bool TryParseJson(ReadOnlyMemory<byte> body, out JsonElement root)
        {
            root = default;
            if (body.IsEmpty)
            {
                return false;
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                root = document.RootElement.Clone();
                return root.ValueKind == JsonValueKind.Object;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        // DataBrain: {"error":{"code":"EMBED_NOT_FOUND","message":"…","status":404}}. Older pages show the same
        // object without "status", and a few legacy answers put a bare string in "error"; both are tolerated.
        private static bool TryReadDataBrainError(JsonElement root, out string code, out string message)
        {
            code = string.Empty;
            message = string.Empty;
            if (!root.TryGetProperty("error", out var error))
            {
                return false;
            }

            switch (error.ValueKind)
            {
                case JsonValueKind.Object:
                    code = ReadString(error, "code") ?? string.Empty;
                    message = ReadString(error, "message") ?? string.Empty;
                    if (code.Length == 0 && message.Length == 0)
                    {
                        return false;
                    }

                    if (code.Length == 0)
                    {
                        var status = error.TryGetProperty("status", out var s) && s.TryGetInt32(out var n) ? n : 0;
                        code = status > 0 ? CodeFromStatus(status) : "UNKNOWN_ERROR";
                    }

                    return true;
                case JsonValueKind.String:
                    message = error.GetString() ?? string.Empty;
                    code = "UNKNOWN_ERROR";
                    return message.Length > 0;
                default:
                    return false;
            }
        }

        // Datadog: JSON:API {"errors":[{"status","title","detail","source":{"pointer"}}]}, or with 429 (and some
        // generic errors) a plain list of strings: {"errors":["Rate limit of 100 requests in 10 seconds reached…"]}.
        private static bool TryReadDatadogErrors(JsonElement root, out List<string> details)
        {
            details = new List<string>();
            if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var item in errors.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    AddIfPresent(details, item.GetString());
                }
                else if (item.ValueKind == JsonValueKind.Object)
                {
                    var title = ReadString(item, "title");
                    var detail = ReadString(item, "detail");
                    var pointer = item.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object
                        ? ReadString(source, "pointer")
                        : null;
                    var text = detail is { Length: > 0 } && title is { Length: > 0 } ? $"{title}: {detail}" : detail ?? title;
                    AddIfPresent(details, pointer is { Length: > 0 } ? $"{text} ({pointer})" : text);
                }
            }

            return true;
        }

        private static string? ReadString(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static void AddIfPresent(List<string> list, string? text)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                list.Add(text!);
            }
        }

        private static string StatusText(int statusCode) => $"HTTP {statusCode}";

        private static string Snippet(ReadOnlyMemory<byte> body, int statusCode)
        {
            if (body.IsEmpty)
            {
                return StatusText(statusCode);
            }

            var text = Encoding.UTF8.GetString(body.Span.Length > SnippetLength ? body.Span.Slice(0, SnippetLength).ToArray() : body.ToArray());
            return text.Trim();
        }
    }
}
