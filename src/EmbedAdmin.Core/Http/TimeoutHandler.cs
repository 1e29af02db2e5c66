using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace EmbedAdmin.Core.Http
{
    /// <summary>
    /// A timeout per attempt, not per call: HttpClient.Timeout would also cover the retries and their waits.
    /// The body is read inside the window too, so a server that stalls mid-body is cut off.
    /// </summary>
    internal sealed class TimeoutHandler : DelegatingHandler
    {
        private readonly TimeSpan timeout;

        public TimeoutHandler(TimeSpan timeout)
        {
            this.timeout = timeout;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (timeout <= TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan)
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }

            using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            window.CancelAfter(timeout);
            HttpResponseMessage? response = null;
            try
            {
                response = await base.SendAsync(request, window.Token).ConfigureAwait(false);
                if (response.Content is not null)
                {
                    // LoadIntoBufferAsync takes no token on netstandard2.0; disposing the response aborts it.
                    using (window.Token.Register(static state => ((HttpResponseMessage)state!).Dispose(), response))
                    {
                        await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                    }
                }

                window.Token.ThrowIfCancellationRequested();
                return response;
            }
            catch (Exception exception) when (window.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                response?.Dispose();
                throw new TimeoutException($"No complete response within {timeout.TotalSeconds:0.###} s.", exception);
            }
        }
    }
}
