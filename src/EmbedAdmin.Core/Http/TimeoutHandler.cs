using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace EmbedAdmin.Core.Http
{
    /// <summary>
    /// A timeout per attempt, not per call: HttpClient.Timeout would also cover the retries and their waits.
    /// The body is read inside the window too, so a server that stalls mid-body is cut off, and never beyond
    /// the session's size cap.
    /// </summary>
    internal sealed class TimeoutHandler : DelegatingHandler
    {
        private readonly TimeSpan timeout;
        private readonly long maximumResponseBytes;

        public TimeoutHandler(TimeSpan timeout, long maximumResponseBytes)
        {
            this.timeout = timeout;
            this.maximumResponseBytes = maximumResponseBytes;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
            {
                window.CancelAfter(timeout);
            }

            HttpResponseMessage? response = null;
            try
            {
                response = await base.SendAsync(request, window.Token).ConfigureAwait(false);
                await BodyReader.BufferAsync(response, maximumResponseBytes, window.Token).ConfigureAwait(false);

                window.Token.ThrowIfCancellationRequested();
                return response;
            }
            catch (Exception exception) when (window.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                response?.Dispose();
                throw new TimeoutException($"No complete response within {timeout.TotalSeconds:0.###} s.", exception);
            }
            catch
            {
                response?.Dispose();
                throw;
            }
        }
    }
}
