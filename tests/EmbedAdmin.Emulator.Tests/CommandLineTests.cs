using System;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>The documented command line: options, the listening line, refusing remote binds.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Options_parse_into_the_documented_settings()
    {
        var o = EntryPoint.Parse(
            new[] { "--host", "127.0.0.2", "--port=0", "--seed", "s.json", "--state", "st.json", "--ready-file", "r.txt", "--quiet", "--latency-ms", "5", "--jitter-ms", "2", "--error-rate", "0.05", "--drop-rate", "0.01", "--storm-every", "100", "--storm-length", "10", "--fault-seed", "77", "--databrain-rate-limit", "50:100", "--datadog-rate-limit", "2.5" },
            out var help);
        Assert.False(help);
        Assert.Equal("127.0.0.2", o.Host);
        Assert.Equal(0, o.Port);
        Assert.Equal("s.json", o.SeedFile);
        Assert.Equal("st.json", o.StateFile);
        Assert.Equal("r.txt", o.ReadyFile);
        Assert.True(o.Quiet);
        Assert.Equal(5, o.Faults.LatencyMs);
        Assert.Equal(2, o.Faults.JitterMs);
        Assert.Equal(0.05, o.Faults.ErrorRate);
        Assert.Equal(0.01, o.Faults.DropRate);
        Assert.Equal(100, o.Faults.StormEvery);
        Assert.Equal(10, o.Faults.StormLength);
        Assert.Equal(77, o.Faults.Seed);
        Assert.Equal(50, o.DataBrainRateLimit!.RequestsPerSecond);
        Assert.Equal(100, o.DataBrainRateLimit.Burst);
        Assert.Equal(2.5, o.DatadogRateLimit!.RequestsPerSecond);
        Assert.Equal(3, o.DatadogRateLimit.Burst);
    }

    [Fact]
    public void Defaults_are_loopback_5080_no_faults_no_limits()
    {
        var o = EntryPoint.Parse(Array.Empty<string>(), out _);
        Assert.Equal("127.0.0.1", o.Host);
        Assert.Equal(5080, o.Port);
        Assert.False(o.Faults.Any);
        Assert.Null(o.DataBrainRateLimit);
        Assert.Null(o.DatadogRateLimit);
        Assert.False(o.AllowRemote);
    }

    [Theory]
    [InlineData("--error-rate", "1.5")]
    [InlineData("--port", "x")]
    [InlineData("--databrain-rate-limit", "0")]
    [InlineData("--databrain-rate-limit", "5:0")]
    [InlineData("--bogus", "1")]
    public void Bad_options_are_rejected(string name, string value)
    {
        Assert.Throws<FormatException>(() => EntryPoint.Parse(new[] { name, value }, out _));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("example.com")]
    public async Task Non_loopback_hosts_are_refused_in_process(string host)
    {
        await Assert.ThrowsAsync<EmulatorConfigurationException>(() => EmulatorServer.StartAsync(new EmulatorOptions { Host = host, Port = 0, Quiet = true }));
    }

    [Fact]
    public async Task Process_refuses_a_non_loopback_host_with_exit_code_2()
    {
        var ready = Path.Combine(Path.GetTempPath(), "emu-ready-" + Guid.NewGuid().ToString("N"));
        using var p = PersistenceTests.StartProcess(null, ready, "--host", "0.0.0.0");
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(2, p.ExitCode);
        Assert.Contains("--allow-remote", stderr);
        Assert.False(File.Exists(ready));
    }

    [Fact]
    public async Task Process_prints_exactly_the_listening_line_and_serves()
    {
        var ready = Path.Combine(Path.GetTempPath(), "emu-ready-" + Guid.NewGuid().ToString("N"));
        using var p = PersistenceTests.StartProcess(null, ready);
        try
        {
            var baseUrl = await PersistenceTests.WaitForReadyAsync(p, ready);
            var line = await p.StandardOutput.ReadLineAsync();
            Assert.Equal("EmbedAdmin.Emulator listening on " + baseUrl, line);
            Assert.StartsWith("http://127.0.0.1:", baseUrl, StringComparison.Ordinal);
            using var http = new System.Net.Http.HttpClient();
            var health = await http.GetStringAsync(baseUrl + "/_emulator/health");
            Assert.Contains("\"ok\"", health, StringComparison.Ordinal);
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
            File.Delete(ready);
        }
    }

    [Fact]
    public async Task Sigterm_stops_the_process_with_exit_code_0()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        await AssertSigtermStopsAsync((p, ready) => PersistenceTests.WaitForReadyAsync(p, ready), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Sigterm_as_soon_as_the_ready_file_appears_still_stops_the_process()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;
        }

        // A script that starts the emulator, waits for its ready file and stops it at once: the signal lands just
        // after the file is written. Before the handlers came first, such a stop often hung.
        for (var attempt = 0; attempt < 8; attempt++)
        {
            await AssertSigtermStopsAsync(WaitForReadyFileAtOnce, TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>Starts an emulator, waits for it as <paramref name="waitUntilReady"/> does, stops it with SIGTERM and expects exit code 0 in time.</summary>
    private static async Task AssertSigtermStopsAsync(Func<System.Diagnostics.Process, string, Task> waitUntilReady, TimeSpan exitWithin)
    {
        var ready = Path.Combine(Path.GetTempPath(), "emu-ready-" + Guid.NewGuid().ToString("N"));
        using var p = PersistenceTests.StartProcess(null, ready);
        try
        {
            await waitUntilReady(p, ready);
            SendSigterm(p);
            using var cts = new System.Threading.CancellationTokenSource(exitWithin);
            await p.WaitForExitAsync(cts.Token);
            Assert.Equal(0, p.ExitCode);
        }
        finally
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
            }

            File.Delete(ready);
        }
    }

    /// <summary>Looks for the ready file without pausing, so that the signal follows the file as closely as a caller can.</summary>
    private static Task WaitForReadyFileAtOnce(System.Diagnostics.Process process, string ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(ready))
        {
            Assert.False(process.HasExited, "the emulator exited before it was ready");
            Assert.True(DateTime.UtcNow < deadline, "the emulator did not get ready within 60 s");
            System.Threading.Thread.Yield();
        }

        return Task.CompletedTask;
    }

    /// <summary>SIGTERM straight from this process: starting kill(1) would take long enough to hide a race at start-up.</summary>
    private static void SendSigterm(System.Diagnostics.Process process)
    {
        const int Sigterm = 15;
        Assert.Equal(0, Kill(process.Id, Sigterm));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
