using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Core.Http
{
    /// <summary>
    /// Retries 429 for every method (the server did not act on it), and 500/502/503/504, timeouts and connection
    /// failures only for idempotent calls, where a second attempt cannot apply a change twice. A call that is not
    /// idempotent is never repeated once it may have reached the server. Redirects are answers, not retried.
    /// </summary>
    internal sealed class RetryHandler : DelegatingHandler
    {
        private readonly RetryPolicy policy;
        private readonly IClock clock;
        private readonly Func<ApiService, RateLimitGate> gateFor;

        public RetryHandler(RetryPolicy policy, IClock clock, Func<ApiService, RateLimitGate> gateFor)
        {
            this.policy = policy;
            this.clock = clock;
            this.gateFor = gateFor;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var properties = RequestProperties.From(request);
            var gate = gateFor(properties.Service);
            var stats = properties.Context.Stats;
            var log = properties.Context.Log;

            // Content is buffered once so every attempt sends the same bytes on a fresh message.
            var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var attempt = 0;
            var uncountedThrottles = 0;
            var current = request;
            while (true)
            {
                var ticket = await gate.AcquireAsync(cancellationToken).ConfigureAwait(false);
                stats.CountRequest();
                HttpResponseMessage response;
                bool explained;
                try
                {
                    response = await base.SendAsync(current, cancellationToken).ConfigureAwait(false);
                    explained = gate.Observe(ticket, response);
                }
                catch (Exception exception) when (IsTransient(exception, cancellationToken) && properties.Idempotent && attempt < policy.MaximumRetryCount)
                {
                    gate.Release(ticket);
                    var delay = policy.Backoff(attempt);
                    properties.EarlierAttemptUnanswered = true;
                    Report(log, properties.Service, TransientReason(exception), attempt, delay, counted: true);
                    stats.CountRetry();
                    await clock.Delay(delay, cancellationToken).ConfigureAwait(false);
                    attempt++;
                    current = Clone(request, body);
                    continue;
                }
                catch
                {
                    gate.Release(ticket);
                    throw;
                }

                gate.Release(ticket);
                var status = (int)response.StatusCode;
                var throttled = status == 429;
                var retryable = throttled || (RetryPolicy.IsRetryableStatus(status) && properties.Idempotent);
                if (!retryable || policy.MaximumRetryCount == 0)
                {
                    return response;
                }

                var serverDelay = RetryPolicy.ServerRequestedDelay(response, clock.UtcNow);
                if (serverDelay is { } asked && !policy.Allows(asked))
                {
                    // Not shortened: retrying before the time the service named only meets the same refusal.
                    return response;
                }

                // A 429 while other requests of the pool succeed says "your turn comes later", not "this request
                // fails": it does not use up the row's retries (within a generous bound).
                var counted = !throttled || gate.Successes == ticket.SuccessesAtStart;
                if (counted ? attempt >= policy.MaximumRetryCount : uncountedThrottles >= policy.MaximumRetryCount * UncountedThrottlesPerRetry)
                {
                    return response;
                }

                var wait = serverDelay.HasValue ? policy.ServerDelayWithJitter(serverDelay.Value) : policy.Backoff(attempt);
                response.Dispose();
                stats.CountRetry();
                if (throttled)
                {
                    stats.CountThrottled();
                    if (!explained)
                    {
                        // The whole pool waits at the gate, this request included, on the next turn of the loop.
                        gate.PauseFor(wait);
                    }

                    Report(log, properties.Service, "HTTP 429", attempt, explained ? TimeSpan.Zero : wait, counted);
                }
                else
                {
                    Report(log, properties.Service, "HTTP " + status.ToString(CultureInfo.InvariantCulture), attempt, wait, counted);
                    await clock.Delay(wait, cancellationToken).ConfigureAwait(false);
                }

                if (counted)
                {
                    attempt++;
                }
                else
                {
                    uncountedThrottles++;
                }

                current = Clone(request, body);
            }
        }

        private const int UncountedThrottlesPerRetry = 20;

        private void Report(IRequestLog log, ApiService service, string reason, int attempt, TimeSpan wait, bool counted)
        {
            if (log.VerboseEnabled)
            {
                log.Verbose(counted
                    ? string.Format(CultureInfo.InvariantCulture, "{0} answered {1}; retry {2} of {3} in {4:0.0} s.", service, reason, attempt + 1, policy.MaximumRetryCount, wait.TotalSeconds)
                    : string.Format(CultureInfo.InvariantCulture, "{0} answered {1}; retried at the pool's pace, not counted as a retry while other requests succeed.", service, reason));
            }
        }

        private static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
        {
            HttpRequestException => true,
            IOException => true,
            TimeoutException => true,
            OperationCanceledException => !cancellationToken.IsCancellationRequested,
            _ => false,
        };

        private static string TransientReason(Exception exception) =>
            exception is TimeoutException ? "no response in time" : "a connection failure";

        private static HttpRequestMessage Clone(HttpRequestMessage original, byte[]? body)
        {
            var clone = new HttpRequestMessage(original.Method, original.RequestUri) { Version = original.Version };
            foreach (var header in original.Headers)
            {
                clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (body is not null && original.Content is not null)
            {
                clone.Content = new ByteArrayContent(body);
                foreach (var header in original.Content.Headers)
                {
                    clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

#pragma warning disable CS0618 // netstandard2.0 has only Properties
            foreach (var property in original.Properties)
            {
                clone.Properties[property.Key] = property.Value;
            }
#pragma warning restore CS0618

            return clone;
        }
    }
}
