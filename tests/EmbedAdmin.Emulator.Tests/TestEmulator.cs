using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using EmbedAdmin.Emulator;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>A response read in full: status, parsed JSON (or null), headers.</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonNode? Json, string Text, HttpResponseMessage Raw)
{
    public int Code => (int)Status;

    public string? Header(string name) =>
        Raw.Headers.TryGetValues(name, out var v) ? string.Join(",", v)
        : Raw.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : null;

    /// <summary>Asserts the DataBrain error envelope {"error":{"code","message","status"}}.</summary>
    public ApiResponse AssertDataBrainError(int status, string code, bool withStatus = true)
    {
        Assert.True(Code == status, $"expected {status} {code}, got {Code}: {Text}");
        var error = Json?["error"] as JsonObject;
        Assert.NotNull(error);
        Assert.Equal(code, (string?)error!["code"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        if (withStatus)
        {
            Assert.Equal(status, (int)error["status"]!);
        }
        else
        {
            Assert.False(error.ContainsKey("status"));
        }

        return this;
    }

    /// <summary>Asserts a Datadog JSON:API error with the given status and optional source pointer.</summary>
    public ApiResponse AssertJsonApiError(int status, string? pointer = null)
    {
        Assert.True(Code == status, $"expected {status}, got {Code}: {Text}");
        var first = Json?["errors"]?[0] as JsonObject;
        Assert.NotNull(first);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)first!["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)first["title"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)first["detail"]));
        if (pointer is not null)
        {
            Assert.Equal(pointer, (string?)first["source"]?["pointer"]);
        }

        return this;
    }

    public ApiResponse AssertOk()
    {
        Assert.True(Code == 200, $"expected 200, got {Code}: {Text}");
        return this;
    }
}

/// <summary>An in-process emulator on 127.0.0.1 with an ephemeral port, plus a client for it.</summary>
public sealed class TestEmulator : IAsyncDisposable
{
    public const string Demo = DevKeys.DemoAppApiKey;
    public const string Other = DevKeys.OtherAppApiKey;
    public const string Service = DevKeys.ServiceToken;

    private TestEmulator(EmulatorServer server)
    {
        Server = server;
        Http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = server.BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public EmulatorServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { Port = 0, Quiet = true, FixedTime = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero) };
        configure?.Invoke(options);
        return new TestEmulator(await EmulatorServer.StartAsync(options));
    }

    public Task<ApiResponse> DataBrain(string method, string path, string? json = null, string? key = Demo) =>
        SendAsync(method, path, json, req =>
        {
            if (key is not null)
            {
                req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }
        });

    public Task<ApiResponse> Datadog(string method, string path, string? json = null, string? apiKey = DevKeys.DatadogApiKey, string? appKey = DevKeys.DatadogApplicationKey) =>
        SendAsync(method, path, json, req =>
        {
            if (apiKey is not null)
            {
                req.Headers.Add("DD-API-KEY", apiKey);
            }

            if (appKey is not null)
            {
                req.Headers.Add("DD-APPLICATION-KEY", appKey);
            }
        });

    public Task<ApiResponse> Admin(string method, string path, string? json = null) => SendAsync(method, path, json, null);

    public async Task<ApiResponse> SendAsync(string method, string path, string? json, Action<HttpRequestMessage>? configure, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (content is not null)
        {
            request.Content = content;
        }
        else if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        configure?.Invoke(request);
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? node = null;
        if (text.Length > 0)
        {
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }

        return new ApiResponse(response.StatusCode, node, text, response);
    }

    /// <summary>Current access settings of an embed, read through the export endpoint.</summary>
    public async Task<JsonObject> AccessSettingsAsync(string embedId, string key = Demo)
    {
        var r = (await DataBrain("GET", "/api/v2/data-app/embeds/export?embedId=" + embedId, key: key)).AssertOk();
        return (JsonObject)r.Json!["_meta"]!["embedDataAppAccessSetting"]!;
    }

    public async Task<string> StateAsync() => (await Admin("GET", "/_emulator/state")).AssertOk().Text;

    public async Task<JsonNode> StatsAsync() => (await Admin("GET", "/_emulator/stats")).AssertOk().Json!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
