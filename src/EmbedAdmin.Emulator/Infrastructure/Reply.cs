using System.Buffers;
using System.Text.Json;

namespace EmbedAdmin.Emulator.Infrastructure;

/// <summary>What a handler produced: status, the finished JSON body, and whether state changed.</summary>
internal readonly record struct Reply(int Status, byte[]? Body, bool Mutated = false)
{
    public static Reply NoContent(bool mutated) => new(204, null, mutated);
}

/// <summary>
/// A per-thread JSON buffer. Handlers render inside the state lock into this reused buffer and copy
/// out exactly the written bytes, so a response costs one right-sized array instead of a DOM.
/// Never nest Begin/End: each render must finish before the next starts on the same thread.
/// </summary>
internal static class JsonOut
{
    private const int ShrinkAbove = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? writer;

    public static Utf8JsonWriter Begin()
    {
        var b = buffer;
        if (b is null || b.Capacity > ShrinkAbove)
        {
            // A one-off huge list must not pin megabytes to a thread-pool thread forever.
            b = buffer = new ArrayBufferWriter<byte>(4096);
            writer = null;
        }
        else
        {
            b.ResetWrittenCount();
        }

        var w = writer;
        if (w is null)
        {
            w = writer = new Utf8JsonWriter(b, new JsonWriterOptions { SkipValidation = false });
        }
        else
        {
            w.Reset(b);
        }

        return w;
    }

    public static byte[] End(Utf8JsonWriter w)
    {
        w.Flush();
        return buffer!.WrittenSpan.ToArray();
    }

    public static Reply Reply(int status, Utf8JsonWriter w, bool mutated = false) => new(status, End(w), mutated);
}

internal static class Errors
{
    /// <summary>DataBrain: {"error":{"code","message","status"}}. Guest-token pages show no status member.</summary>
    public static Reply DataBrain(int status, string code, string message, bool includeStatus = true)
    {
        var w = JsonOut.Begin();
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        if (includeStatus)
        {
            w.WriteNumber("status", status);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        return JsonOut.Reply(status, w);
    }

    /// <summary>Datadog JSONAPIErrorResponse: {"errors":[{"status","title","detail","source":{...}}]}.</summary>
    public static Reply DatadogJsonApi(int status, string title, string detail, string? pointer = null, string? header = null, string? parameter = null)
    {
        var w = JsonOut.Begin();
        w.WriteStartObject();
        w.WriteStartArray("errors");
        w.WriteStartObject();
        w.WriteString("status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("title", title);
        w.WriteString("detail", detail);
        if (pointer is not null || header is not null || parameter is not null)
        {
            w.WriteStartObject("source");
            if (pointer is not null)
            {
                w.WriteString("pointer", pointer);
            }

            if (header is not null)
            {
                w.WriteString("header", header);
            }

            if (parameter is not null)
            {
                w.WriteString("parameter", parameter);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        return JsonOut.Reply(status, w);
    }

    /// <summary>Datadog APIErrorResponse, used for 429 and generic failures: {"errors":["..."]}.</summary>
    public static Reply DatadogStrings(int status, string message)
    {
        var w = JsonOut.Begin();
        w.WriteStartObject();
        w.WriteStartArray("errors");
        w.WriteStringValue(message);
        w.WriteEndArray();
        w.WriteEndObject();
        return JsonOut.Reply(status, w);
    }
}
