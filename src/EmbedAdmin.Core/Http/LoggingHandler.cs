using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EmbedAdmin.Core.Http
{
    /// <summary>
    /// The one log hook: a line per attempt on -Verbose, headers and bodies on -Debug, everything passed
    /// through the redactor first. It sits innermost, so it sees the headers exactly as sent.
    /// </summary>
    internal sealed class LoggingHandler : DelegatingHandler
    {
        // Bodies beyond this are described, not printed; what is printed is cut to a few KB.
        private const int PrintedBodyLimit = 1024 * 1024;
        private readonly Redactor redactor;
        private readonly long maximumResponseBytes;

        public LoggingHandler(Redactor redactor, long maximumResponseBytes = ApiClientOptions.DefaultMaximumResponseSize)
        {
            this.redactor = redactor;
            this.maximumResponseBytes = maximumResponseBytes;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var log = RequestProperties.From(request).Context.Log;
            if (!log.VerboseEnabled && !log.DebugEnabled)
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            var target = redactor.RedactText(request.Method.Method + " " + request.RequestUri);
            if (log.VerboseEnabled)
            {
                log.Verbose(target);
            }

            if (log.DebugEnabled)
            {
                var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                log.Debug(Describe("Request " + target, request.Headers.Concat(ContentHeaders(request.Content)), body, request.Content?.Headers.ContentType?.MediaType));
            }

            var stopwatch = Stopwatch.StartNew();
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            stopwatch.Stop();
            var outcome = string.Format(
                CultureInfo.InvariantCulture,
                "{0} {1} from {2} in {3} ms",
                (int)response.StatusCode,
                response.ReasonPhrase,
                target,
                stopwatch.ElapsedMilliseconds);
            if (log.VerboseEnabled)
            {
                log.Verbose(outcome);
            }

            if (log.DebugEnabled)
            {
                byte[] body;
                try
                {
                    // Read under the attempt's timeout and the run's cancellation, and within the size cap: logging
                    // must never be what keeps a request alive.
                    body = await BodyReader.BufferAsync(response, maximumResponseBytes, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    response.Dispose();
                    throw;
                }

                log.Debug(Describe("Response " + outcome, response.Headers.Concat(ContentHeaders(response.Content)), body, response.Content?.Headers.ContentType?.MediaType));
            }

            return response;
        }

        private static IEnumerable<KeyValuePair<string, IEnumerable<string>>> ContentHeaders(HttpContent? content) =>
            content is null
                ? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()
                : content.Headers;

        private string Describe(
            string title,
            IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers,
            byte[]? body,
            string? mediaType)
        {
            var text = new StringBuilder(title);
            foreach (var header in headers)
            {
                text.Append(Environment.NewLine).Append("  ").Append(header.Key).Append(": ")
                    .Append(redactor.HeaderValue(header.Key, string.Join(", ", header.Value)));
            }

            var redactedBody = body is { Length: > PrintedBodyLimit }
                ? $"<body of {body.Length} bytes, not shown>"
                : MessageText.Cut(redactor.RedactBody(body, mediaType));
            if (redactedBody.Length > 0)
            {
                text.Append(Environment.NewLine).Append("  ").Append(redactedBody);
            }

            return text.ToString();
        }
    }
}
