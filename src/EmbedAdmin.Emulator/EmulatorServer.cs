using System.Net;
using System.Reflection;
using EmbedAdmin.Emulator.Infrastructure;
using EmbedAdmin.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EmbedAdmin.Emulator;

/// <summary>Thrown when options are unusable (bad host, refused remote bind, unreadable seed).</summary>
public sealed class EmulatorConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EmulatorConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public EmulatorConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>A running emulator: one Kestrel listener serving the DataBrain and Datadog APIs and /_emulator.</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private const string DemoSeedResource = "EmbedAdmin.Emulator.seed.demo-seed.json";

    private readonly WebApplication app;
    private readonly EmulatorRuntime runtime;
    private int disposed;

    private EmulatorServer(WebApplication app, EmulatorRuntime runtime, Uri baseUri)
    {
        this.app = app;
        this.runtime = runtime;
        BaseUri = baseUri;
    }

    /// <summary>Base address, e.g. http://127.0.0.1:5080 (no trailing slash in ToString of the authority).</summary>
    public Uri BaseUri { get; }

    /// <summary>The base address as text without a trailing slash, as written to the ready file.</summary>
    public string BaseUrl => BaseUri.GetLeftPart(UriPartial.Authority);

    /// <summary>Path of the shipped demo seed (next to the assembly).</summary>
    public static string DefaultSeedPath => Path.Combine(AppContext.BaseDirectory, "seed", "demo-seed.json");

    /// <summary>Validates options, loads state, binds the listener and returns once requests are accepted.</summary>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = ResolveHost(options);
        if (options.Port is < 0 or > 65535)
        {
            throw new EmulatorConfigurationException($"--port {options.Port} is out of range 0-65535.");
        }

        if (options.Faults.Validate() is { } faultError)
        {
            throw new EmulatorConfigurationException(faultError);
        }

        foreach (var limit in new[] { options.DataBrainRateLimit, options.DatadogRateLimit })
        {
            if (limit is not null && (!(limit.RequestsPerSecond > 0) || limit.Burst < 1))
            {
                throw new EmulatorConfigurationException("A rate limit needs RequestsPerSecond > 0 and Burst >= 1.");
            }
        }

        var clock = options.TimeProvider ?? (options.FixedTime is { } fixedTime ? new FrozenClock(fixedTime) : TimeProvider.System);
        var rateClock = options.TimeProvider ?? TimeProvider.System;
        Func<StateDocument> seedLoader = () => LoadSeed(options.SeedFile);

        StateDocument initial;
        var stateExists = options.StateFile is not null && File.Exists(options.StateFile);
        try
        {
            if (stateExists)
            {
                initial = Store.LoadFile(options.StateFile!);
                Store.ReplayJournal(initial, Persister.JournalPathFor(options.StateFile!));
            }
            else
            {
                initial = seedLoader();
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new EmulatorConfigurationException(ex.Message, ex);
        }

        var runtime = new EmulatorRuntime(options, initial, seedLoader, clock, rateClock);
        WebApplication? app = null;
        try
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
            {
                ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.WebHost.UseKestrelCore();
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
                k.Listen(address, options.Port);
            });
            app = builder.Build();
            app.Run(runtime.HandleAsync);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);

            var bound = app.Services.GetService(typeof(IServer)) is IServer server
                ? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                : null;
            var baseUri = new Uri(bound ?? throw new InvalidOperationException("Kestrel reported no address."));
            var result = new EmulatorServer(app, runtime, baseUri);

            // Fold any journal into a fresh snapshot (and write one for a new file), so even a kill before
            // the first change leaves a loadable state and the journal starts empty.
            if (runtime.Persister is not null)
            {
                await runtime.Persister.CompactAsync().ConfigureAwait(false);
            }

            if (options.ReadyFile is not null)
            {
                var temp = options.ReadyFile + ".tmp";
                await File.WriteAllTextAsync(temp, result.BaseUrl, cancellationToken).ConfigureAwait(false);
                File.Move(temp, options.ReadyFile, overwrite: true);
            }

            return result;
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            await runtime.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops accepting requests, drains the log and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
            await runtime.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static StateDocument LoadSeed(string? seedFile)
    {
        try
        {
            if (seedFile is not null)
            {
                return Store.LoadFile(seedFile);
            }

            if (File.Exists(DefaultSeedPath))
            {
                return Store.LoadFile(DefaultSeedPath);
            }

            // The seed is also embedded, so a test project that references the emulator works even
            // where the content file was not copied next to it.
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DemoSeedResource)
                ?? throw new InvalidDataException("The demo seed is neither next to the assembly nor embedded in it.");
            return Store.Parse(stream, "embedded demo seed");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new EmulatorConfigurationException(ex.Message, ex);
        }
    }

    private static IPAddress ResolveHost(EmulatorOptions options)
    {
        var host = options.Host.Trim();
        IPAddress address;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host.Trim('[', ']'), out address!))
        {
            throw new EmulatorConfigurationException($"--host '{options.Host}' is not an IP address (host names other than localhost are not resolved).");
        }

        if (!IPAddress.IsLoopback(address) && !options.AllowRemote)
        {
            throw new EmulatorConfigurationException($"Refusing to bind non-loopback address {address}: the development keys are public. Pass --allow-remote (AllowRemote = true) to do it anyway.");
        }

        return address;
    }

    private sealed class FrozenClock : TimeProvider
    {
        private readonly DateTimeOffset now;

        public FrozenClock(DateTimeOffset now) => this.now = now;

        public override DateTimeOffset GetUtcNow() => now;
    }
}
