using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;

namespace EmbedAdmin.Bench
{
    /// <summary>The emulator in its own process, so the figures for the client's CPU and memory are the client's alone.</summary>
    internal sealed class Emulator : IAsyncDisposable
    {
        private readonly Process process;

        private Emulator(Process process, Uri baseUri)
        {
            this.process = process;
            BaseUri = baseUri;
            Admin = new HttpClient { BaseAddress = baseUri };
        }

        public Uri BaseUri { get; }

        public HttpClient Admin { get; }

        public static async Task<Emulator> StartAsync(string dll, params string[] options)
        {
            var ready = Path.Combine(Path.GetTempPath(), $"embedadmin-bench-{Guid.NewGuid():N}.url");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { dll, "--port", "0", "--quiet", "--ready-file", ready })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var option in options)
            {
                start.ArgumentList.Add(option);
            }

            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            for (var i = 0; i < 300 && !File.Exists(ready); i++)
            {
                await Task.Delay(100);
            }

            if (!File.Exists(ready))
            {
                process.Kill();
                throw new InvalidOperationException("The emulator did not start.");
            }

            await Task.Delay(50);
            var uri = new Uri((await File.ReadAllTextAsync(ready)).Trim().TrimEnd('/') + "/");
            File.Delete(ready);
            return new Emulator(process, uri);
        }

        public async Task GenerateAsync(int count, string prefix)
        {
            using var response = await Admin.PostAsJsonAsync("_emulator/embeds/generate", new { count, prefix });
            response.EnsureSuccessStatusCode();
        }

        public async Task<long> MutationsAsync()
        {
            using var stats = System.Text.Json.JsonDocument.Parse(await Admin.GetStringAsync("_emulator/stats"));
            return stats.RootElement.GetProperty("mutations").GetInt64();
        }

        public async ValueTask DisposeAsync()
        {
            Admin.Dispose();
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync(CancellationToken.None);
            }

            process.Dispose();
        }
    }
}
