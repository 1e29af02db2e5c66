using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>--state: every change is on disk before the response, so a SIGKILL loses nothing.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "emu-tests-" + Guid.NewGuid().ToString("N"));

    public PersistenceTests() => Directory.CreateDirectory(dir);

    public void Dispose()
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task State_file_is_written_on_start_and_reloaded_instead_of_the_seed()
    {
        var state = Path.Combine(dir, "state.json");
        await using (var emu = await TestEmulator.StartAsync(o => o.StateFile = state))
        {
            Assert.True(File.Exists(state));
            (await emu.DataBrain("PUT", "/api/v2/data-app/embeds", """{"embedId":"embed_acme","accessSettings":{"isAllowEmailReports":false,"joinModel":"single"}}""")).AssertOk();
            var onDisk = JsonNode.Parse(File.ReadAllText(state))!;
            Assert.NotNull(onDisk["dataBrain"]);
            Assert.False(File.Exists(state + ".tmp"));
        }

        await using (var again = await TestEmulator.StartAsync(o => o.StateFile = state))
        {
            var s = await again.AccessSettingsAsync("embed_acme");
            Assert.False((bool)s["isAllowEmailReports"]!);
            Assert.Equal("single", (string?)s["joinModel"]);

            // Reset goes back to the seed, and that too is persisted.
            (await again.Admin("POST", "/_emulator/reset")).AssertOk();
        }

        await using (var third = await TestEmulator.StartAsync(o => o.StateFile = state))
        {
            Assert.True((bool)(await third.AccessSettingsAsync("embed_acme"))["isAllowEmailReports"]!);
        }
    }

    [Fact]
    public async Task A_killed_process_loses_nothing_that_was_acknowledged()
    {
        var state = Path.Combine(dir, "state.json");
        var ready = Path.Combine(dir, "ready.txt");

        using (var first = StartProcess(state, ready))
        {
            try
            {
                var baseUrl = await WaitForReadyAsync(first, ready);
                using var http = new System.Net.Http.HttpClient { BaseAddress = new Uri(baseUrl) };
                for (var i = 0; i < 5; i++)
                {
                    using var req = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Put, "/api/v2/data-app/embeds")
                    {
                        Content = new System.Net.Http.StringContent("{\"embedId\":\"embed_acme\",\"accessSettings\":{\"isAllowMetricDeletion\":" + (i % 2 == 0 ? "true" : "false") + ",\"metricCreationMode\":\"CHAT\"}}", System.Text.Encoding.UTF8, "application/json"),
                    };
                    req.Headers.Authorization = new("Bearer", DevKeys.DemoAppApiKey);
                    using var resp = await http.SendAsync(req);
                    Assert.Equal(200, (int)resp.StatusCode);
                }

                var gen = await http.PostAsync("/_emulator/embeds/generate", new System.Net.Http.StringContent("""{"count":3,"prefix":"killtest"}""", System.Text.Encoding.UTF8, "application/json"));
                Assert.Equal(200, (int)gen.StatusCode);
            }
            finally
            {
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
            }
        }

        File.Delete(ready);
        using var second = StartProcess(state, ready);
        try
        {
            var baseUrl = await WaitForReadyAsync(second, ready);
            await using var probe = new Probe(baseUrl);
            var s = await probe.AccessSettingsAsync("embed_acme");
            Assert.True((bool)s["isAllowMetricDeletion"]!);
            Assert.Equal("CHAT", (string?)s["metricCreationMode"]);
            await probe.AccessSettingsAsync("killtest_000003");
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    internal static Process StartProcess(string? state, string ready, params string[] extra)
    {
        var dll = typeof(EmulatorServer).Assembly.Location;
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--port");
        psi.ArgumentList.Add("0");
        psi.ArgumentList.Add("--quiet");
        psi.ArgumentList.Add("--ready-file");
        psi.ArgumentList.Add(ready);
        if (state is not null)
        {
            psi.ArgumentList.Add("--state");
            psi.ArgumentList.Add(state);
        }

        foreach (var e in extra)
        {
            psi.ArgumentList.Add(e);
        }

        return Process.Start(psi)!;
    }

    /// <summary>Waits for the ready file (not for a fixed time); a generous cap only guards against a hang.</summary>
    internal static async Task<string> WaitForReadyAsync(Process process, string ready)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var watcher = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (await watcher.WaitForNextTickAsync(cts.Token))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("emulator exited early: " + await process.StandardError.ReadToEndAsync());
            }

            if (File.Exists(ready))
            {
                var text = File.ReadAllText(ready).Trim();
                if (text.Length > 0)
                {
                    return text;
                }
            }
        }

        throw new TimeoutException();
    }

    private sealed class Probe : IAsyncDisposable
    {
        private readonly System.Net.Http.HttpClient http;

        public Probe(string baseUrl) => http = new System.Net.Http.HttpClient { BaseAddress = new Uri(baseUrl) };

        public async Task<JsonObject> AccessSettingsAsync(string embedId)
        {
            using var req = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, "/api/v2/data-app/embeds/export?embedId=" + embedId);
            req.Headers.Authorization = new("Bearer", DevKeys.DemoAppApiKey);
            using var resp = await http.SendAsync(req);
            var text = await resp.Content.ReadAsStringAsync();
            Assert.True((int)resp.StatusCode == 200, text);
            return (JsonObject)JsonNode.Parse(text)!["_meta"]!["embedDataAppAccessSetting"]!;
        }

        public ValueTask DisposeAsync()
        {
            http.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
