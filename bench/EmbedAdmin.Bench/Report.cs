using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace EmbedAdmin.Bench
{
    internal sealed class Result
    {
        public Result(string scenario, string client, int n, int latencyMs, int? limit, int throttle, TimeSpan elapsed, TimeSpan cpu, long? peakBytes)
        {
            Scenario = scenario;
            Client = client;
            N = n;
            LatencyMs = latencyMs;
            Limit = limit;
            Throttle = throttle;
            Elapsed = elapsed;
            Cpu = cpu;
            PeakBytes = peakBytes;
        }

        public string Scenario { get; }

        public string Client { get; }

        public int N { get; }

        public int LatencyMs { get; }

        public int? Limit { get; }

        public int Throttle { get; }

        public TimeSpan Elapsed { get; }

        public TimeSpan Cpu { get; }

        public long? PeakBytes { get; }

        public string Note { get; set; } = string.Empty;

        public double RequestsPerSecond => N / Elapsed.TotalSeconds;

        public double CpuMsPerRequest => Cpu.TotalMilliseconds / N;

        public override string ToString() => string.Format(
            CultureInfo.InvariantCulture,
            "{0} | {1} | N={2} | throttle {3} | {4:0.00} s | {5:0} req/s | {6:0.000} CPU ms/req | {7}",
            Scenario, Client, N, Throttle, Elapsed.TotalSeconds, RequestsPerSecond, CpuMsPerRequest, Note);
    }

    /// <summary>Writes the .NET benchmark's section of docs/performance.md, between markers, leaving the rest alone.</summary>
    internal static class Report
    {
        private const string Begin = "<!-- bench:dotnet:begin -->";
        private const string End = "<!-- bench:dotnet:end -->";

        public static void Write(string path, IReadOnlyList<Result> rows, bool quick)
        {
            var text = new StringBuilder();
            text.AppendLine(Begin);
            text.AppendLine($"### EmbedAdmin.Core bulk engine ({(quick ? "quick run" : "full run")}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
            text.AppendLine();
            var load = File.Exists("/proc/loadavg") ? "; load average at the end " + string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : string.Empty;
            text.AppendLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; emulator in its own process on 127.0.0.1{load}.");
            text.AppendLine();
            text.AppendLine("| scenario | client | N | latency | limit | throttle | time | req/s | CPU ms/req | peak memory | notes |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var row in rows)
            {
                text.AppendLine(string.Format(
                    CultureInfo.InvariantCulture,
                    "| {0} | {1} | {2:N0} | {3} ms | {4} | {5} | {6:0.00} s | {7:0} | {8:0.000} | {9} | {10} |",
                    row.Scenario,
                    row.Client,
                    row.N,
                    row.LatencyMs,
                    row.Limit is { } limit ? limit + "/s" : "none",
                    row.Throttle,
                    row.Elapsed.TotalSeconds,
                    row.RequestsPerSecond,
                    row.CpuMsPerRequest,
                    row.PeakBytes is { } peak ? (peak / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB" : "",
                    row.Note));
            }

            text.AppendLine();
            text.AppendLine(Verdicts(rows));
            text.Append(End);

            var existing = File.Exists(path) ? File.ReadAllText(path) : "# Performance\n\n" + Begin + "\n" + End + "\n";
            var start = existing.IndexOf(Begin, StringComparison.Ordinal);
            var end = existing.IndexOf(End, StringComparison.Ordinal);
            var updated = start >= 0 && end > start
                ? existing.Substring(0, start) + text + existing.Substring(end + End.Length)
                : existing + Environment.NewLine + text + Environment.NewLine;
            File.WriteAllText(path, updated);
        }

        private static string Verdicts(IReadOnlyList<Result> rows)
        {
            var lines = new List<string> { "Against the goals:" };
            var latency = rows.Where(r => r.Scenario == "1 latency").ToList();
            var loop = rows.FirstOrDefault(r => r.Scenario.StartsWith("1 latency (", StringComparison.Ordinal));
            var at16 = latency.FirstOrDefault(r => r.Throttle == 16);
            if (at16 is not null && loop is not null)
            {
                var ideal = at16.N * at16.LatencyMs / 1000.0 / 16;
                lines.Add(string.Format(CultureInfo.InvariantCulture, "- Goal 1: at throttle 16, {0:0.00} s against an ideal of {1:0.00} s = {2:0.00}× ideal (goal ≤ 1.25×); {3:0.0}× faster than the sequential loop (goal ≥ 12×).", at16.Elapsed.TotalSeconds, ideal, at16.Elapsed.TotalSeconds / ideal, loop.Elapsed.TotalSeconds / at16.Elapsed.TotalSeconds));
            }

            var limited = rows.FirstOrDefault(r => r.Scenario == "2 rate limit");
            if (limited is not null)
            {
                var ideal = limited.N / (double)limited.Limit!.Value;
                lines.Add(string.Format(CultureInfo.InvariantCulture, "- Goal 2: {0:0.00} s against N/limit = {1:0.00} s = {2:0.00}× (goal ≤ 1.1×); {3}.", limited.Elapsed.TotalSeconds, ideal, limited.Elapsed.TotalSeconds / ideal, limited.Note));
            }

            var engine = rows.FirstOrDefault(r => r.Scenario == "3 CPU per request");
            var bare = rows.FirstOrDefault(r => r.Scenario.StartsWith("3 CPU per request (", StringComparison.Ordinal));
            if (engine is not null && bare is not null)
            {
                lines.Add(string.Format(CultureInfo.InvariantCulture, "- Goal 3: {0:0.000} CPU ms per request against {1:0.000} for a bare HttpClient = {2:0.00}× (goal ≤ 1.5×).", engine.CpuMsPerRequest, bare.CpuMsPerRequest, engine.CpuMsPerRequest / bare.CpuMsPerRequest));
            }

            var memory = rows.Where(r => r.Scenario == "5 memory").OrderBy(r => r.N).ToList();
            if (memory.Count == 2)
            {
                lines.Add(string.Format(CultureInfo.InvariantCulture, "- Goal 5 (engine only): peak working set {0:0.0} MB at {1:N0} rows against {2:0.0} MB at {3:N0} = +{4:0.0} MB (goal ≤ +50 MB).", memory[1].PeakBytes / 1048576.0, memory[1].N, memory[0].PeakBytes / 1048576.0, memory[0].N, (memory[1].PeakBytes - memory[0].PeakBytes) / 1048576.0));
            }

            return string.Join(Environment.NewLine, lines);
        }
    }
}
