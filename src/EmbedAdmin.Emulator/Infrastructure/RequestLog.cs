using System.Threading.Channels;

namespace EmbedAdmin.Emulator.Infrastructure;

/// <summary>
/// One line per request, written by a single background reader so request threads never contend on
/// the console lock or block on a slow terminal; the writer is flushed whenever the queue runs dry.
/// </summary>
internal sealed class RequestLog : IAsyncDisposable
{
    private readonly Channel<string> channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TextWriter writer;
    private readonly Task pump;

    public RequestLog(TextWriter writer)
    {
        this.writer = writer;
        pump = Task.Run(PumpAsync);
    }

    public void Write(string line) => channel.Writer.TryWrite(line);

    public async ValueTask DisposeAsync()
    {
        channel.Writer.TryComplete();
        await pump.ConfigureAwait(false);
    }

    private async Task PumpAsync()
    {
        var reader = channel.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var line))
                {
                    writer.WriteLine(line);
                }

                writer.Flush();
            }
        }
        catch (IOException)
        {
            // A closed stdout (parent went away) must not take the server down.
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
