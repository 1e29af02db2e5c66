using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Http;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>
    /// How a body is taken off the stream: straight into an array of its declared length, and in chunks up to the
    /// cap when no length is declared or the stream runs past it. Content whose stream and declared length disagree
    /// stands in for a server (or a decompressing handler) that does.
    /// </summary>
    public class BodyReaderTests
    {
        private static byte[] Bytes(int count) => Enumerable.Range(0, count).Select(i => (byte)(i * 7)).ToArray();

        private static HttpResponseMessage Response(byte[] onTheWire, long? declared) =>
            new(HttpStatusCode.OK) { Content = new DeclaredContent(onTheWire, declared) };

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(70_000)]
        [InlineData(200_000)]
        public async Task ABodyOfItsDeclaredLengthIsReadWhole(int length)
        {
            var body = Bytes(length);
            using var response = Response(body, length);

            Assert.Equal(body, await BodyReader.BufferAsync(response, 1 << 20, CancellationToken.None));
            Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
        }

        [Theory]
        [InlineData(100_000, null)]
        [InlineData(100_000, 10L)]
        public async Task ABodyWithoutALengthOrLongerThanDeclaredIsReadToItsEnd(int length, long? declared)
        {
            var body = Bytes(length);
            using var response = Response(body, declared);

            Assert.Equal(body, await BodyReader.BufferAsync(response, 1 << 20, CancellationToken.None));
        }

        [Fact]
        public async Task ABodyShorterThanDeclaredIsAnError()
        {
            using var response = Response(Bytes(500), 1_000);

            var error = await Assert.ThrowsAsync<IOException>(() => BodyReader.BufferAsync(response, 1 << 20, CancellationToken.None));
            Assert.Contains("500 of the 1000 bytes", error.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(null)]
        [InlineData(100L)]
        public async Task AnUndeclaredBodyStopsAtTheCap(long? declared)
        {
            using var response = Response(Bytes(300_000), declared);

            var error = await Assert.ThrowsAsync<ResponseTooLargeException>(() => BodyReader.BufferAsync(response, 100_000, CancellationToken.None));
            Assert.Null(error.DeclaredBytes);
        }

        /// <summary>Content that declares a length of its choosing, whatever its stream holds.</summary>
        private sealed class DeclaredContent : HttpContent
        {
            private readonly byte[] bytes;

            public DeclaredContent(byte[] bytes, long? declared)
            {
                this.bytes = bytes;
                Headers.ContentLength = declared;
            }

            protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new MemoryStream(bytes, writable: false));

            protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes, 0, bytes.Length);

            protected override bool TryComputeLength(out long length)
            {
                length = bytes.Length;
                return false;
            }
        }
    }
}
