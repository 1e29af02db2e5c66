using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Bench
{
    /// <summary>
    /// Measures EmbedAdmin.Core's bulk engine (what every bulk cmdlet runs) against the emulator with injected
    /// latency and rate limits, and writes the figures into docs/performance.md. Usage:
    /// EmbedAdmin.Bench &lt;emulator.dll&gt; &lt;performance.md&gt; [--quick] [--only 3,5]
    /// (--only runs some of the scenarios, to look at one figure; give it a report path of its own).
    /// </summary>
    internal static class Program
    {
        private const string Key = "dbn_live_emu_demoapp_7Q2x9LkP4vW8"; // the emulator's public dev key

        private static async Task<int> Main(string[] args)
        {
            if (args.Length >= 3 && args[0] == "--memory")
            {
                return await MemoryChild(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
            }

            var dll = args[0];
            var report = args[1];
            var quick = args.Contains("--quick");
            var onlyAt = Array.IndexOf(args, "--only");
            var only = onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1].Split(',') : null;
            bool Runs(string scenario) => only is null || only.Contains(scenario);
            var n = quick ? 200 : 1000;
            var rows = new List<Result>();

            // 1. Latency-bound: 50 ms per request.
            if (Runs("1"))
            {
                await using (var emulator = await Emulator.StartAsync(dll, "--latency-ms", "50"))
                {
                    await emulator.GenerateAsync(n, "lat");
                    foreach (var throttle in new[] { 1, 4, 16 })
                    {
                        rows.Add(await RunCore(emulator, n, "lat", throttle, "1 latency", 50, null));
                    }

                    rows.Add(await RunBareLoop(emulator, n, "lat", 1, "1 latency (sequential HttpClient loop)", 50));
                }
            }

            // 2. Rate-limited: 50 requests/s from a bucket of 50, the emulator's reading of "50 requests a second".
            // (A bucket of 1 with whole-second Retry-After would hold any client that honours it to ~1 request/s.)
            if (Runs("2"))
            {
                await using (var emulator = await Emulator.StartAsync(dll, "--databrain-rate-limit", "50:50"))
                {
                    await emulator.GenerateAsync(n, "rl");
                    var before = await emulator.MutationsAsync();
                    var result = await RunCore(emulator, n, "rl", 16, "2 rate limit", 0, 50);
                    result.Note += $"; applied {await emulator.MutationsAsync() - before} of {n}";
                    rows.Add(result);
                }
            }

            // 3. CPU per request with no latency: the engine against a bare HttpClient making the same requests.
            if (Runs("3"))
            {
                await using (var emulator = await Emulator.StartAsync(dll))
                {
                    // Five times N: at 0 latency N requests take well under a second, too short to measure CPU on.
                    var cpuRows = n * 5;
                    await emulator.GenerateAsync(cpuRows, "cpu");
                    await RunCore(emulator, Math.Min(cpuRows, 1000), "cpu", 4, "warm-up", 0, null);
                    await RunBareLoop(emulator, Math.Min(cpuRows, 1000), "cpu", 4, "warm-up", 0);
                    rows.Add(await RunCore(emulator, cpuRows, "cpu", 4, "3 CPU per request", 0, null));
                    rows.Add(await RunBareLoop(emulator, cpuRows, "cpu", 4, "3 CPU per request (bare HttpClient)", 0));
                }
            }

            // 5. Memory: a streamed run of 1,000 and of 100,000 rows, each in a fresh process (peak working set).
            if (Runs("5"))
            {
                foreach (var size in quick ? new[] { 1000, 10_000 } : new[] { 1000, 100_000 })
                {
                    await using var emulator = await Emulator.StartAsync(dll);
                    await emulator.GenerateAsync(size, "mem");
                    rows.Add(await RunMemoryChild(emulator, size));
                }
            }

            Report.Write(report, rows, quick);
            foreach (var row in rows)
            {
                Console.WriteLine(row);
            }

            return 0;
        }

        private static EmbedAdminSession Session(Emulator emulator) => EmbedAdminSession.Create(
            new SessionSettings { DataBrainUri = emulator.BaseUri, DataBrainApiKey = Secure(Key), MaximumRetryCount = 10 },
            _ => null);

        /// <summary>The same path Set-EmbedAccess takes: validate, submit to the runner, drain in input order.</summary>
        private static async Task<Result> RunCore(Emulator emulator, int n, string prefix, int throttle, string name, int latencyMs, int? limit)
        {
            using var session = Session(emulator);
            var client = new EmbedClient(session);
            await Task.Yield();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            using var runner = new BulkRunner(new BulkOptions { ThrottleLimit = throttle, RateLimitGate = session.GateFor(ApiService.DataBrain) }, CancellationToken.None);
            var failed = 0;
            var succeeded = 0;
            void Count(IEnumerable<BulkEvent> events)
            {
                foreach (var item in events)
                {
                    if (item is RowSucceeded)
                    {
                        succeeded++;
                    }
                    else if (item is RowFailed)
                    {
                        failed++;
                    }
                }
            }

            for (var i = 1; i <= n; i++)
            {
                var change = EmbedAccessChange.Create($"{prefix}_{i:000000}", new Dictionary<string, object?> { ["AllowEmailReports"] = (i % 2 == 0) ? "true" : "false" });
                Count(runner.Submit(change.EmbedId, change.EmbedId, async token =>
                {
                    await client.UpdateEmbedAccessAsync(change, runner.Context, token).ConfigureAwait(false);
                    return Array.Empty<object>();
                }));
            }

            Count(runner.Complete());
            clock.Stop();
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            return new Result(name, "EmbedAdmin.Core", n, latencyMs, limit, throttle, clock.Elapsed, used, null)
            {
                Note = $"{succeeded} ok, {failed} failed, {runner.Summary!.Retries} retries, {runner.Summary.RateLimitWait.TotalSeconds:0.0} s paused by 429",
            };
        }

        /// <summary>The floor: one HttpClient, the same PUTs and headers, no validation, no ordering, no retry.</summary>
        private static async Task<Result> RunBareLoop(Emulator emulator, int n, string prefix, int concurrency, string name, int latencyMs)
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = emulator.BaseUri };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            using var slots = new SemaphoreSlim(concurrency);
            var tasks = Enumerable.Range(1, n).Select(async i =>
            {
                await slots.WaitAsync();
                try
                {
                    var body = $"{{\"embedId\":\"{prefix}_{i:000000}\",\"accessSettings\":{{\"isAllowEmailReports\":{(i % 2 == 0 ? "true" : "false")}}}}}";
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await http.PutAsync("api/v2/data-app/embeds", content);
                    await response.Content.ReadAsByteArrayAsync();
                }
                finally
                {
                    slots.Release();
                }
            });
            await Task.WhenAll(tasks);
            clock.Stop();
            return new Result(name, "HttpClient", n, latencyMs, null, concurrency, clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu, null);
        }

        private static async Task<Result> RunMemoryChild(Emulator emulator, int rows)
        {
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true };
            if (self.EndsWith("dotnet", StringComparison.Ordinal) || self.EndsWith("dotnet.exe", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(typeof(Program).Assembly.Location);
            }

            foreach (var argument in new[] { "--memory", emulator.BaseUri.ToString(), rows.ToString(CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(argument);
            }

            using var child = Process.Start(start)!;
            var output = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            var parts = output.Trim().Split(' ');
            return new Result("5 memory", "EmbedAdmin.Core", rows, 0, null, 16, TimeSpan.FromMilliseconds(double.Parse(parts[0], CultureInfo.InvariantCulture)), TimeSpan.FromMilliseconds(double.Parse(parts[1], CultureInfo.InvariantCulture)), long.Parse(parts[2], CultureInfo.InvariantCulture));
        }

        /// <summary>In a fresh process: stream generated CSV-like rows through the runner, report time, CPU and peak working set.</summary>
        private static async Task<int> MemoryChild(string baseUri, int rows)
        {
            using var session = EmbedAdminSession.Create(new SessionSettings { DataBrainUri = new Uri(baseUri), DataBrainApiKey = Secure(Key) }, _ => null);
            var client = new EmbedClient(session);
            var clock = Stopwatch.StartNew();
            using (var runner = new BulkRunner(new BulkOptions { ThrottleLimit = 16 }, CancellationToken.None))
            {
                for (var i = 1; i <= rows; i++)
                {
                    // Each row is built when it is read, as Import-Csv streams a file, and dropped once written.
                    var row = new Dictionary<string, object?> { ["EmbedId"] = $"mem_{i:000000}", ["AllowUnderlyingData"] = "yes", ["JoinModel"] = "multi" };
                    var change = EmbedAccessChange.Create((string)row["EmbedId"]!, row);
                    foreach (var unused in runner.Submit(row, change.EmbedId, async token =>
                    {
                        await client.UpdateEmbedAccessAsync(change, runner.Context, token).ConfigureAwait(false);
                        return Array.Empty<object>();
                    }))
                    {
                    }
                }

                foreach (var unused in runner.Complete())
                {
                }
            }

            await Task.Yield();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalMilliseconds} {process.TotalProcessorTime.TotalMilliseconds} {process.PeakWorkingSet64}"));
            return 0;
        }

        private static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text)
            {
                secure.AppendChar(c);
            }

            return secure;
        }
    }
}
