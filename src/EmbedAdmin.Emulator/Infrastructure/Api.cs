using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Emulator.State;
using Microsoft.AspNetCore.Http;

namespace EmbedAdmin.Emulator.Infrastructure;

internal enum Service
{
    DataBrain,
    Datadog,
}

internal enum AuthKind
{
    DataAppKey,
    ServiceToken,
    Datadog,
}

/// <summary>
/// Which credential a route takes, and the error that page documents for a missing, unknown or
/// wrong-type credential. The same code/status answers all three: the pages document one invalid-key
/// error each, and a key of the wrong type is, to that endpoint, an invalid key.
/// </summary>
internal sealed record AuthRule(AuthKind Kind, string Code, int Status, string Message, bool IncludeStatus = true);

internal delegate ValueTask<Reply> Handler(ApiRequest request);

internal sealed record RouteEntry(string Name, Service Service, AuthRule Auth, Handler Handler);

internal readonly record struct BodyResult(JsonNode? Node, bool Malformed, string? Problem)
{
    public JsonObject? Object => Node as JsonObject;
}

internal sealed class ApiRequest
{
    public ApiRequest(HttpContext http, EmulatorRuntime emu, RouteEntry route)
    {
        Http = http;
        Emu = emu;
        Route = route;
    }

    public HttpContext Http { get; }

    public EmulatorRuntime Emu { get; }

    public RouteEntry Route { get; }

    public Store Store => Emu.Store;

    /// <summary>The data app the bearer key belongs to (data-app key routes only).</summary>
    public string DataApp { get; set; } = "";

    /// <summary>Datadog path parameter {dashboard_id}.</summary>
    public string DashboardId { get; set; } = "";

    /// <summary>Datadog path parameter {token}.</summary>
    public string ShareToken { get; set; } = "";

    public string? Query(string name)
    {
        var v = Http.Request.Query[name];
        return v.Count == 0 ? null : v[0];
    }

    public static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var semi = contentType.IndexOf(';', StringComparison.Ordinal);
        var media = (semi < 0 ? contentType : contentType[..semi]).Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Reads a JSON body. A body sent without a JSON Content-Type is treated as absent, as a JSON body
    /// parser behind a content-type check would; the handler's own "required field" error then answers.
    /// </summary>
    public async ValueTask<BodyResult> ReadJsonAsync()
    {
        var req = Http.Request;
        if (!IsJsonContentType(req.ContentType))
        {
            return new BodyResult(null, false, null);
        }

        if (req.ContentLength == 0)
        {
            return new BodyResult(null, false, null);
        }

        try
        {
            var node = await JsonNode.ParseAsync(req.Body, null, new JsonDocumentOptions { MaxDepth = 64 }, Http.RequestAborted).ConfigureAwait(false);
            if (node is JsonObject o)
            {
                // JsonObject defers duplicate-key detection; force it now so it is a 400, not a 500 later.
                _ = o.Count;
            }

            return new BodyResult(node, false, null);
        }
        catch (JsonException ex)
        {
            return new BodyResult(null, true, "Request body is not valid JSON: " + ex.Message);
        }
        catch (ArgumentException ex)
        {
            return new BodyResult(null, true, "Request body is not valid JSON: " + ex.Message);
        }
    }
}
