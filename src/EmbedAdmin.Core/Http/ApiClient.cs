using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Core.Http
{
    /// <summary>The one way a request leaves the module: credentials checked, handlers run, errors parsed.</summary>
    public sealed class ApiClient
    {
        private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");
        private static readonly string[] RequestIdHeaders = { "X-Request-Id", "x-request-id", "X-Datadog-Request-Id", "X-Amzn-RequestId" };
        private readonly Func<HttpClient> clientFactory;
        private readonly ApiClientOptions options;

        internal ApiClient(Func<HttpClient> clientFactory, ApiClientOptions options)
        {
            this.clientFactory = clientFactory;
            this.options = options;
        }

        /// <summary>
        /// Builds the handler chain and compiles the JSON paths every request takes, without sending anything;
        /// see <see cref="Sessions.EmbedAdminSession.PrepareInBackground"/>.
        /// </summary>
        internal void Prepare()
        {
            clientFactory();
            var body = new System.Text.Json.Nodes.JsonObject { ["prepared"] = true };
            _ = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, Json.EmbedAdminJson.Options));
        }

        public async Task<ApiResponse> SendAsync(ApiRequest request, RequestContext context, CancellationToken cancellationToken)
        {
            // Checked before the request exists, so a missing key never costs a round trip.
            options.Credentials.EnsureAvailable(request.Auth);
            var uri = request.BuildUri(options.BaseUriFor(request.Service));
            EndpointRules.RequireSecureOrLoopback(uri, "RequestUri");

            using var message = new HttpRequestMessage(request.Method, uri) { Content = request.CreateContent() };
            message.Headers.Accept.Add(AcceptJson);
            var properties = new RequestProperties(request.Service, request.Auth, request.Idempotent, context);
            properties.AttachTo(message);

            HttpResponseMessage response;
            try
            {
                response = await clientFactory().SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (ResponseTooLargeException exception)
            {
                throw new EmbedAdminApiException(
                    request.Service,
                    null,
                    "RESPONSE_TOO_LARGE",
                    exception.Message + " Nothing of it was used. If the answer is expected to be that large, connect with a larger -MaximumResponseSize.",
                    innerException: exception);
            }
            catch (TimeoutException exception)
            {
                throw new EmbedAdminApiException(request.Service, null, "REQUEST_TIMEOUT", options.Redactor.RedactText(exception.Message), innerException: exception);
            }
            catch (Exception exception) when (exception is HttpRequestException or System.IO.IOException or OperationCanceledException)
            {
                throw new EmbedAdminApiException(request.Service, null, "CONNECTION_FAILED", options.Redactor.RedactText(Innermost(exception).Message), innerException: exception);
            }

            using (response)
            {
                // Already read by the pipeline, under the attempt's timeout and the size cap.
                var body = response.Content is null ? Array.Empty<byte>() : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                var requestId = RequestIdOf(response);
                context.Saw(requestId);
                var status = (int)response.StatusCode;
                if (status >= 200 && status <= 299)
                {
                    return new ApiResponse(request.Service, status, body, requestId);
                }

                if (status >= 300 && status <= 399)
                {
                    throw Redirected(request.Service, response, requestId);
                }

                var retryAfter = RetryPolicy.ServerRequestedDelay(response, options.Clock.UtcNow);
                if ((status == 429 || status == 503) && retryAfter is { } asked && !options.RetryPolicy.Allows(asked))
                {
                    throw WaitTooLong(request.Service, status, asked, requestId);
                }

                var parsed = ApiErrorParser.Parse(request.Service, status, body, requestId, retryAfter);
                // The service's message may echo what was sent; it is shown to the user, so it is redacted too, and
                // cut to a few KB (redacted first, so a cut never leaves part of a secret).
                throw new EmbedAdminApiException(
                    parsed.Service,
                    parsed.StatusCode,
                    parsed.ApiCode,
                    MessageText.Cut(options.Redactor.RedactText(parsed.ApiMessage)),
                    parsed.RequestId,
                    parsed.RetryAfter,
                    parsed.Details.Take(20).Select(d => MessageText.Cut(options.Redactor.RedactText(d))).ToArray())
                {
                    EarlierAttemptUnanswered = properties.EarlierAttemptUnanswered,
                };
            }
        }

        /// <summary>
        /// Redirects are never followed: the keys travel in headers, and the place a redirect points to is not the
        /// endpoint the user connected to. The error names both the status and where it pointed.
        /// </summary>
        private EmbedAdminApiException Redirected(ApiService service, HttpResponseMessage response, string? requestId)
        {
            var status = (int)response.StatusCode;
            var location = response.Headers.Location is { } target ? options.Redactor.RedactText(target.OriginalString) : "(no Location header)";
            return new EmbedAdminApiException(
                service,
                status,
                "UNEXPECTED_REDIRECT",
                string.Format(
                    CultureInfo.InvariantCulture,
                    "The service answered {0} {1} pointing to '{2}'. Redirects are not followed, because the keys would travel with the request; check the address given to Connect-EmbedAdmin.",
                    status,
                    response.ReasonPhrase,
                    location),
                requestId);
        }

        private EmbedAdminApiException WaitTooLong(ApiService service, int status, TimeSpan asked, string? requestId) => new(
            service,
            status,
            "RETRY_AFTER_TOO_LONG",
            string.Format(
                CultureInfo.InvariantCulture,
                "{0} asked to wait {1:0} s before trying again, longer than this session's maximum wait of {2:0} s (Connect-EmbedAdmin -MaximumRetryWaitSec). The call was not repeated: run it again after the wait, or connect with -MaximumRetryWaitSec {3} to wait it out.",
                service,
                Math.Ceiling(asked.TotalSeconds),
                options.RetryPolicy.MaximumServerWait.TotalSeconds,
                (int)Math.Ceiling(asked.TotalSeconds)),
            requestId,
            asked);

        private static string? RequestIdOf(HttpResponseMessage response)
        {
            foreach (var name in RequestIdHeaders)
            {
                if (response.Headers.TryGetValues(name, out var values))
                {
                    return values.FirstOrDefault();
                }
            }

            return null;
        }

        private static Exception Innermost(Exception exception)
        {
            while (exception.InnerException is not null)
            {
                exception = exception.InnerException;
            }

            return exception;
        }
    }
}
