using System.Globalization;
using System.Runtime.InteropServices;
using EmbedAdmin.Emulator;

return await EntryPoint.RunAsync(args).ConfigureAwait(false);

namespace EmbedAdmin.Emulator
{
    internal static class EntryPoint
    {
        public const int UsageError = 2;

        private const string Usage = """
            Usage: dotnet EmbedAdmin.Emulator.dll [options]
              --host ADDR                 bind address (default 127.0.0.1; non-loopback needs --allow-remote)
              --port N                    port (default 5080; 0 = ephemeral)
              --allow-remote              allow a non-loopback --host
              --seed FILE                 seed document (default: seed/demo-seed.json next to the dll)
              --state FILE                load from FILE if it exists; persist every change to it atomically
              --ready-file FILE           write the base URL to FILE once listening
              --quiet                     no per-request log line
              --fixed-time ISO8601        freeze the timestamp clock (comparable state dumps)
              --latency-ms N              fixed delay per API request
              --jitter-ms N               extra uniform delay 0..N
              --error-rate P              share of API requests answered 500 (0..1)
              --drop-rate P               share of API requests whose connection is dropped (0..1)
              --lost-reply-rate P         share of API requests carried out whose answer is then lost (0..1)
              --fault-script K,K,...      faults for the first requests in order: none, storm, drop, error,
                                          lost-reply, redirect, stall-body, huge-body, truncated-body, huge-error
              --redirect-to URI           Location of redirect faults
              --huge-body-bytes N         size of huge-body answers (default 2 GiB)
              --storm-every N             after every N requests ...
              --storm-length M            ... answer M requests with 429
              --storm-retry-after S       Retry-After / X-RateLimit-Reset on storm 429s (default 1)
              --fault-seed N              seed of the fault sequence (default 0)
              --databrain-rate-limit RPS[:BURST]   token bucket per bearer token
              --databrain-rate-window COUNT/SECONDS  fixed window per bearer token (DataBrain's limiter, e.g. 500/120)
              --datadog-rate-limit RPS[:BURST]     token bucket per DD-API-KEY
            """;

        public static async Task<int> RunAsync(string[] args)
        {
            EmulatorOptions options;
            try
            {
                options = Parse(args, out var help);
                if (help)
                {
                    Console.Out.WriteLine(Usage);
                    return 0;
                }
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine("EmbedAdmin.Emulator: " + ex.Message);
                Console.Error.WriteLine(Usage);
                return UsageError;
            }

            // Listened for before the server starts: the ready file tells a caller it may stop the emulator, and a
            // SIGTERM that came before these handlers was taken by the host's own console lifetime alone, which
            // stopped the web host but left this method waiting for a stop that never came.
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var sigint = Register(PosixSignal.SIGINT, stop);
            using var sigterm = Register(PosixSignal.SIGTERM, stop);
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.TrySetResult();
            };

            EmulatorServer server;
            try
            {
                server = await EmulatorServer.StartAsync(options).ConfigureAwait(false);
            }
            catch (EmulatorConfigurationException ex)
            {
                Console.Error.WriteLine("EmbedAdmin.Emulator: " + ex.Message);
                return UsageError;
            }
            catch (IOException ex)
            {
                // Typically the port is taken.
                Console.Error.WriteLine("EmbedAdmin.Emulator: cannot listen: " + ex.Message);
                return 1;
            }

            Console.Out.WriteLine("EmbedAdmin.Emulator listening on " + server.BaseUrl);
            Console.Out.Flush();

            await stop.Task.ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
            return 0;
        }

        // A platform without the signal still stops on Ctrl+C (CancelKeyPress) or by being killed.
        private static PosixSignalRegistration? Register(PosixSignal signal, TaskCompletionSource stop)
        {
            try
            {
                return PosixSignalRegistration.Create(signal, c =>
                {
                    c.Cancel = true;
                    stop.TrySetResult();
                });
            }
            catch (PlatformNotSupportedException)
            {
                return null;
            }
        }

        internal static EmulatorOptions Parse(string[] args, out bool help)
        {
            help = false;
            var o = new EmulatorOptions();
            for (var i = 0; i < args.Length; i++)
            {
                var arg = args[i];
                string? inline = null;
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
                {
                    inline = arg[(eq + 1)..];
                    arg = arg[..eq];
                }

                string Value()
                {
                    if (inline is not null)
                    {
                        return inline;
                    }

                    if (i + 1 >= args.Length)
                    {
                        throw new FormatException($"{arg} needs a value.");
                    }

                    return args[++i];
                }

                switch (arg)
                {
                    case "--help":
                    case "-h":
                        help = true;
                        break;
                    case "--host": o.Host = Value(); break;
                    case "--port": o.Port = Int(arg, Value()); break;
                    case "--allow-remote": o.AllowRemote = true; break;
                    case "--seed": o.SeedFile = Value(); break;
                    case "--state": o.StateFile = Value(); break;
                    case "--ready-file": o.ReadyFile = Value(); break;
                    case "--quiet": o.Quiet = true; break;
                    case "--fixed-time":
                        var text = Value();
                        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
                        {
                            throw new FormatException($"--fixed-time '{text}' is not an ISO 8601 time.");
                        }

                        o.FixedTime = t;
                        break;
                    case "--latency-ms": o.Faults.LatencyMs = Int(arg, Value()); break;
                    case "--jitter-ms": o.Faults.JitterMs = Int(arg, Value()); break;
                    case "--error-rate": o.Faults.ErrorRate = Rate(arg, Value()); break;
                    case "--drop-rate": o.Faults.DropRate = Rate(arg, Value()); break;
                    case "--lost-reply-rate": o.Faults.LostReplyRate = Rate(arg, Value()); break;
                    case "--fault-script": o.Faults.Script = Value().Split(',', StringSplitOptions.TrimEntries); break;
                    case "--redirect-to": o.Faults.RedirectTo = Value(); break;
                    case "--huge-body-bytes":
                        var sizeText = Value();
                        if (!long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                        {
                            throw new FormatException($"--huge-body-bytes '{sizeText}' is not a whole number >= 0.");
                        }

                        o.Faults.HugeBodyBytes = size;
                        break;
                    case "--storm-every": o.Faults.StormEvery = Int(arg, Value()); break;
                    case "--storm-length": o.Faults.StormLength = Int(arg, Value()); break;
                    case "--storm-retry-after": o.Faults.StormRetryAfterSeconds = Int(arg, Value()); break;
                    case "--fault-seed":
                        var seedText = Value();
                        if (!long.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
                        {
                            throw new FormatException($"--fault-seed '{seedText}' is not an integer.");
                        }

                        o.Faults.Seed = seed;
                        break;
                    case "--databrain-rate-limit": o.DataBrainRateLimit = RateLimitSettings.Parse(Value()); break;
                    case "--databrain-rate-window": o.DataBrainRateWindow = WindowLimitSettings.Parse(Value()); break;
                    case "--datadog-rate-limit": o.DatadogRateLimit = RateLimitSettings.Parse(Value()); break;
                    default:
                        throw new FormatException($"Unknown option '{args[i]}'.");
                }
            }

            if (o.Faults.Validate() is { } error)
            {
                throw new FormatException(error);
            }

            return o;
        }

        private static int Int(string name, string text) =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0
                ? n
                : throw new FormatException($"{name} '{text}' is not a whole number >= 0.");

        private static double Rate(string name, string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d <= 1
                ? d
                : throw new FormatException($"{name} '{text}' is not a number between 0 and 1.");
    }
}
