using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace EmbedAdmin.Core.Http
{
    /// <summary>
    /// The one place a response body is read off the wire: under the request's timeout and cancellation, and
    /// never past the session's size cap. The bytes then replace the response's content, so whoever reads it
    /// next (the log, the timeout, the caller) reads memory, not the socket.
    /// </summary>
    internal static class BodyReader
    {
        private const int ChunkSize = 16384;

        public static async Task<byte[]> BufferAsync(HttpResponseMessage response, long maximumBytes, CancellationToken cancellationToken)
        {
            var content = response.Content;
            if (content is null)
            {
                return Array.Empty<byte>();
            }

            if (content is BufferedContent buffered)
            {
                return buffered.Bytes;
            }

            if (content.Headers.ContentLength is { } declared && declared > maximumBytes)
            {
                throw new ResponseTooLargeException(maximumBytes, declared);
            }

            // netstandard2.0's stream reads may ignore the token; disposing the response aborts them either way.
            byte[] bytes;
            using (cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response))
            {
                try
                {
                    bytes = await ReadCappedAsync(content, maximumBytes, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
                {
                    throw new OperationCanceledException("Reading the response was cancelled.", exception, cancellationToken);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            var replacement = new BufferedContent(bytes);
            foreach (var header in content.Headers)
            {
                // Length and encoding describe the bytes on the wire, not these (already decompressed) ones.
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && !header.Key.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }

            response.Content = replacement;
            content.Dispose();
            return bytes;
        }

        private static async Task<byte[]> ReadCappedAsync(HttpContent content, long maximumBytes, CancellationToken cancellationToken)
        {
            using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            var declared = content.Headers.ContentLength;
            var bytes = declared is { } length && length > 0 ? new byte[length] : Array.Empty<byte>();
            var filled = await FillAsync(stream, bytes, cancellationToken).ConfigureAwait(false);
            if (filled < bytes.Length)
            {
                // Fewer bytes than the response declared: the connection ended early, and a cut body must never
                // read as a shorter (or empty) result.
                throw new IOException($"The response ended after {filled} of the {bytes.Length} bytes it declared.");
            }

            // A declared length is the usual case and is read straight into its array. Without one (a chunked
            // body), or should the stream go on past it, the rest is read in pooled chunks up to the cap.
            var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                var read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return bytes;
                }

                using var memory = new MemoryStream();
                memory.Write(bytes, 0, bytes.Length);
                while (read > 0)
                {
                    if (memory.Length + read > maximumBytes)
                    {
                        throw new ResponseTooLargeException(maximumBytes, null);
                    }

                    memory.Write(chunk, 0, read);
                    read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                }

                return memory.ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }

        private static async Task<int> FillAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
        {
            var filled = 0;
            while (filled < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            return filled;
        }

        /// <summary>A body already read into memory by <see cref="BufferAsync"/>.</summary>
        private sealed class BufferedContent : ByteArrayContent
        {
            public BufferedContent(byte[] bytes)
                : base(bytes)
            {
                Bytes = bytes;
            }

            public byte[] Bytes { get; }
        }
    }

    /// <summary>A response body beyond the session's MaximumResponseSize; reading stopped there.</summary>
    public sealed class ResponseTooLargeException : Exception
    {
        public ResponseTooLargeException(long maximumBytes, long? declaredBytes)
            : base(declaredBytes is { } declared
                ? $"The response declares {declared} bytes, more than the session's maximum of {maximumBytes} bytes."
                : $"The response is larger than the session's maximum of {maximumBytes} bytes; reading stopped there.")
        {
            MaximumBytes = maximumBytes;
            DeclaredBytes = declaredBytes;
        }

        public long MaximumBytes { get; }

        public long? DeclaredBytes { get; }
    }
}
