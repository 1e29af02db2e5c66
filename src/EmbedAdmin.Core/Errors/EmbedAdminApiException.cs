using System;
using System.Collections.Generic;

namespace EmbedAdmin.Core.Errors
{
    /// <summary>
    /// Every failure that came back from (or on the way to) DataBrain or Datadog, in one shape, so the cmdlets
    /// have a single error mapping whichever service answered and whichever error body it used.
    /// </summary>
    public sealed class EmbedAdminApiException : Exception
    {
        public EmbedAdminApiException(
            ApiService service,
            int? statusCode,
            string apiCode,
            string apiMessage,
            string? requestId = null,
            TimeSpan? retryAfter = null,
            IReadOnlyList<string>? details = null,
            Exception? innerException = null)
            : base(FormatMessage(service, statusCode, apiCode, apiMessage, requestId), innerException)
        {
            Service = service;
            StatusCode = statusCode;
            ApiCode = apiCode;
            ApiMessage = apiMessage;
            RequestId = requestId;
            RetryAfter = retryAfter;
            Details = details ?? Array.Empty<string>();
        }

        public ApiService Service { get; }

        /// <summary>The HTTP status, or null when no response arrived (timeout, refused or dropped connection).</summary>
        public int? StatusCode { get; }

        /// <summary>DataBrain's error.code; for Datadog, which sends no code, one derived from the status.</summary>
        public string ApiCode { get; }

        public string ApiMessage { get; }

        public string? RequestId { get; }

        public TimeSpan? RetryAfter { get; }

        public IReadOnlyList<string> Details { get; }

        /// <summary>An earlier attempt of this call got no answer, so the server may have carried it out already.</summary>
        public bool EarlierAttemptUnanswered { get; internal set; }

        private static string FormatMessage(ApiService service, int? status, string code, string message, string? requestId)
        {
            var statusText = status.HasValue ? $"HTTP {status.Value}" : "no response";
            var request = string.IsNullOrEmpty(requestId) ? string.Empty : $" (request id {requestId})";
            return $"{service} {statusText} {code}: {message}{request}";
        }
    }
}
