using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Json;
using System.Security;
using System.Text.Json;
using System.Threading.Tasks;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Sessions;
using EmbedAdmin.Emulator;
using Xunit;

namespace EmbedAdmin.Core.Tests.Support
{
    /// <summary>A real emulator on 127.0.0.1 with an ephemeral port, one per test class.</summary>
    public sealed class EmulatorFixture : IAsyncLifetime
    {
        private EmulatorServer? server;

        public Uri BaseUri => server?.BaseUri ?? throw new InvalidOperationException("The emulator is not running.");

        public HttpClient Admin { get; } = new();

        public async Task InitializeAsync()
        {
            server = await EmulatorServer.StartAsync(new EmulatorOptions { Port = 0, Quiet = true });
            Admin.BaseAddress = server.BaseUri;
        }

        public async Task DisposeAsync()
        {
            Admin.Dispose();
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        public EmbedAdminSession Session(IClock? clock = null, int? retries = null, TimeSpan? timeout = null, string dataAppKey = DevKeys.DemoAppApiKey, bool legacy = false, Action<SessionSettings>? configure = null)
        {
            var settings = new SessionSettings
                {
                    DataBrainApiKey = Secure(dataAppKey),
                    DataBrainServiceToken = Secure(DevKeys.ServiceToken),
                    DataBrainUri = BaseUri,
                    DatadogApiKey = Secure(DevKeys.DatadogApiKey),
                    DatadogApplicationKey = Secure(DevKeys.DatadogApplicationKey),
                    DatadogSite = BaseUri.ToString(),
                    MaximumRetryCount = retries,
                    Timeout = timeout,
                    UseLegacyDataBrainPaths = legacy,
                    // Tests never journal into the user's data folder: a folder of their own (configure), or none.
                    NoJournal = true,
                };
            configure?.Invoke(settings);
            return EmbedAdminSession.Create(settings, _ => null, clock ?? SystemClock.Instance, new Random(42));
        }

        public static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text)
            {
                secure.AppendChar(c);
            }

            return secure;
        }

        public async Task ResetAsync()
        {
            (await Admin.PostAsync("_emulator/reset", null)).EnsureSuccessStatusCode();
            await SetFaultsAsync(new { });
            await SetRateLimitsAsync(new { });
            await ResetStatsAsync();
        }

        public async Task ResetStatsAsync() => (await Admin.PostAsync("_emulator/stats/reset", null)).EnsureSuccessStatusCode();

        public async Task SetFaultsAsync(object faults)
        {
            var response = await Admin.PutAsJsonAsync("_emulator/faults", faults);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        public async Task SetRateLimitsAsync(object limits)
        {
            var response = await Admin.PutAsJsonAsync("_emulator/rate-limits", limits);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        public async Task<long> ApiRequestCountAsync()
        {
            using var stats = JsonDocument.Parse(await Admin.GetStringAsync("_emulator/stats"));
            return FindNumber(stats.RootElement, "requests", "totalRequests", "total");
        }

        /// <summary>The embed's access settings as the emulator's export endpoint reports them.</summary>
        public async Task<JsonElement> ExportedAccessAsync(string embedId)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v2/data-app/embeds/export?embedId=" + Uri.EscapeDataString(embedId));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DevKeys.DemoAppApiKey);
            using var response = await Admin.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            using var document = JsonDocument.Parse(text);
            return document.RootElement.GetProperty("_meta").GetProperty("embedDataAppAccessSetting").Clone();
        }

        private static long FindNumber(JsonElement element, params string[] names)
        {
            foreach (var name in names)
            {
                if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number)
                {
                    return value.GetInt64();
                }
            }

            throw new InvalidOperationException("The stats document has no request total: " + element);
        }
    }

    /// <summary>A clock that never sleeps: each Delay is recorded and moves time forward by that much.</summary>
    public sealed class TestClock : IClock
    {
        private readonly object sync = new();
        private DateTimeOffset now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

        public List<TimeSpan> Delays { get; } = new();

        public DateTimeOffset UtcNow
        {
            get
            {
                lock (sync)
                {
                    return now;
                }
            }
        }

        public Task Delay(TimeSpan delay, System.Threading.CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lock (sync)
            {
                Delays.Add(delay);
                if (delay > TimeSpan.Zero)
                {
                    now += delay;
                }
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>The test's clock as the emulator's TimeProvider: waiting on the one moves the other.</summary>
    public sealed class TestClockTime : TimeProvider
    {
        private readonly TestClock clock;

        public TestClockTime(TestClock clock)
        {
            this.clock = clock;
        }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => clock.UtcNow;

        public override long GetTimestamp() => clock.UtcNow.UtcTicks;
    }

    /// <summary>Collects what the pipeline would have written to -Verbose and -Debug.</summary>
    public sealed class RecordingLog : IRequestLog
    {
        private readonly object sync = new();

        public List<string> Lines { get; } = new();

        public bool VerboseEnabled => true;

        public bool DebugEnabled => true;

        public string All
        {
            get
            {
                lock (sync)
                {
                    return string.Join("\n", Lines);
                }
            }
        }

        public void Verbose(string message)
        {
            lock (sync)
            {
                Lines.Add("VERBOSE: " + message);
            }
        }

        public void Debug(string message)
        {
            lock (sync)
            {
                Lines.Add("DEBUG: " + message);
            }
        }
    }
}
