using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Emulator.Infrastructure;
using EmbedAdmin.Emulator.State;

namespace EmbedAdmin.Emulator.Datadog;

/// <summary>
/// Datadog Dashboard Secure Embed (preview API, docs.datadoghq.com/api/latest/dashboard-secure-embed) plus the sibling list
/// GET /api/v2/dashboard/{id}/shared, the only way to enumerate shares.
/// </summary>
internal static class SecureEmbedApi
{
    private const string Missing = "Missing required attribute in body";

    private static readonly AuthRule Auth = new(AuthKind.Datadog, "Forbidden", 403, "Forbidden");
    private static readonly string[] LiveSpans = { "15m", "1h", "4h", "1d", "2d", "1w", "1mo", "3mo" };
    private static readonly string[] RequiredOnCreate = { "global_time", "global_time_selectable", "selectable_template_vars", "status", "title", "viewing_preferences" };

    public static RouteEntry CreateRoute { get; } = new("POST /api/v2/dashboard/{dashboard_id}/shared/secure-embed", Service.Datadog, Auth, CreateAsync);

    public static RouteEntry GetRoute { get; } = new("GET /api/v2/dashboard/{dashboard_id}/shared/secure-embed/{token}", Service.Datadog, Auth, Get);

    public static RouteEntry UpdateRoute { get; } = new("PATCH /api/v2/dashboard/{dashboard_id}/shared/secure-embed/{token}", Service.Datadog, Auth, UpdateAsync);

    public static RouteEntry DeleteRoute { get; } = new("DELETE /api/v2/dashboard/{dashboard_id}/shared/secure-embed/{token}", Service.Datadog, Auth, Delete);

    public static RouteEntry ListRoute { get; } = new("GET /api/v2/dashboard/{dashboard_id}/shared", Service.Datadog, Auth, List);

    public static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private static Reply DashboardNotFound(string id) =>
        Errors.DatadogJsonApi(404, "Dashboard Not Found", $"Dashboard {id} not found.", parameter: "dashboard_id");

    private static Reply EmbedNotFound(string token) =>
        Errors.DatadogJsonApi(404, "Not Found", $"Secure embed {token} not found on this dashboard.", parameter: "token");

    private static Reply Bad(string detail, string pointer) => Errors.DatadogJsonApi(400, "Bad Request", detail, pointer: pointer);

    /// <summary>Reads {"data":{"type":expected,"attributes":{...}}}; returns the attributes or a 400.</summary>
    private static async ValueTask<(JsonObject? Attributes, Reply? Error)> ReadEnvelopeAsync(ApiRequest r, string expectedType)
    {
        var body = await r.ReadJsonAsync().ConfigureAwait(false);
        if (body.Malformed)
        {
            return (null, Bad(body.Problem!, ""));
        }

        if (body.Object?["data"] is not JsonObject data)
        {
            return (null, Bad(Missing, "/data"));
        }

        if (!data.TryGetPropertyValue("type", out var typeNode) || typeNode is null)
        {
            return (null, Bad(Missing, "/data/type"));
        }

        if (typeNode is not JsonValue tv || tv.GetValueKind() != JsonValueKind.String || tv.GetValue<string>() != expectedType)
        {
            return (null, Bad($"data.type must be \"{expectedType}\".", "/data/type"));
        }

        if (data["attributes"] is not JsonObject attributes)
        {
            return (null, Bad(Missing, "/data/attributes"));
        }

        return (attributes, null);
    }

    /// <summary>Type- and enum-checks every attribute present and copies it onto <paramref name="target"/>.</summary>
    private static Reply? ApplyAttributes(JsonObject attributes, ShareRecord target)
    {
        foreach (var (key, node) in attributes)
        {
            var pointer = "/data/attributes/" + key;
            switch (key)
            {
                case "global_time":
                    if (node is not JsonObject gt)
                    {
                        return Bad("global_time must be an object.", pointer);
                    }

                    foreach (var (gk, gv) in gt)
                    {
                        if (gk != "live_span")
                        {
                            return Bad($"Unknown attribute global_time.{gk}.", pointer + "/" + gk);
                        }

                        if (!TryString(gv, out var span) || Array.IndexOf(LiveSpans, span) < 0)
                        {
                            return Bad("live_span must be one of 15m, 1h, 4h, 1d, 2d, 1w, 1mo, 3mo.", pointer + "/live_span");
                        }

                        target.LiveSpan = span;
                    }

                    break;
                case "global_time_selectable":
                    if (!TryBool(node, out var selectable))
                    {
                        return Bad("global_time_selectable must be a boolean.", pointer);
                    }

                    target.GlobalTimeSelectable = selectable;
                    break;
                case "selectable_template_vars":
                    if (node is not JsonArray vars)
                    {
                        return Bad("selectable_template_vars must be an array.", pointer);
                    }

                    var parsed = new List<TemplateVarRecord>(vars.Count);
                    for (var i = 0; i < vars.Count; i++)
                    {
                        var itemPointer = pointer + "/" + i.ToString(CultureInfo.InvariantCulture);
                        if (vars[i] is not JsonObject v)
                        {
                            return Bad("Each template variable must be an object.", itemPointer);
                        }

                        var tv = new TemplateVarRecord();
                        foreach (var (vk, vv) in v)
                        {
                            switch (vk)
                            {
                                case "name" when TryString(vv, out var n): tv.Name = n; break;
                                case "prefix" when TryString(vv, out var p): tv.Prefix = p; break;
                                case "default_values" when TryStrings(vv, out var d): tv.DefaultValues = d; break;
                                case "visible_tags" when TryStrings(vv, out var t): tv.VisibleTags = t; break;
                                case "name" or "prefix" or "default_values" or "visible_tags":
                                    return Bad($"Template variable field {vk} has the wrong type.", itemPointer + "/" + vk);
                                default:
                                    return Bad($"Unknown template variable field {vk}.", itemPointer + "/" + vk);
                            }
                        }

                        parsed.Add(tv);
                    }

                    target.SelectableTemplateVars = parsed;
                    break;
                case "status":
                    if (!TryString(node, out var status) || (status != "active" && status != "paused"))
                    {
                        return Bad("status must be \"active\" or \"paused\".", pointer);
                    }

                    target.Status = status;
                    break;
                case "title":
                    if (!TryString(node, out var title))
                    {
                        return Bad("title must be a string.", pointer);
                    }

                    target.Title = title;
                    break;
                case "viewing_preferences":
                    if (node is not JsonObject vp)
                    {
                        return Bad("viewing_preferences must be an object.", pointer);
                    }

                    foreach (var (pk, pv) in vp)
                    {
                        switch (pk)
                        {
                            case "high_density" when TryBool(pv, out var hd): target.HighDensity = hd; break;
                            case "theme" when TryString(pv, out var theme) && theme is "system" or "light" or "dark": target.Theme = theme!; break;
                            case "high_density":
                                return Bad("high_density must be a boolean.", pointer + "/high_density");
                            case "theme":
                                return Bad("theme must be one of system, light, dark.", pointer + "/theme");
                            default:
                                return Bad($"Unknown attribute viewing_preferences.{pk}.", pointer + "/" + pk);
                        }
                    }

                    break;
                default:
                    return Bad($"Unknown or read-only attribute {key}.", pointer);
            }
        }

        return null;
    }

    private static async ValueTask<Reply> CreateAsync(ApiRequest r)
    {
        var (attributes, error) = await ReadEnvelopeAsync(r, "secure_embed_request").ConfigureAwait(false);
        var store = r.Store;
        lock (store.Gate)
        {
            if (!store.DdDashboards.ContainsKey(r.DashboardId))
            {
                return DashboardNotFound(r.DashboardId);
            }
        }

        if (error is { } e)
        {
            return e;
        }

        // "All six attributes required" on create; explicit null counts as missing.
        foreach (var name in RequiredOnCreate)
        {
            if (!attributes!.TryGetPropertyValue(name, out var n) || n is null)
            {
                return Bad(Missing, "/data/attributes/" + name);
            }
        }

        var share = new ShareRecord { DashboardId = r.DashboardId, ShareType = "secure_embed" };
        if (ApplyAttributes(attributes!, share) is { } invalid)
        {
            return invalid;
        }

        lock (store.Gate)
        {
            if (!store.DdDashboards.ContainsKey(r.DashboardId))
            {
                return DashboardNotFound(r.DashboardId);
            }

            var dd = store.Doc.Datadog;
            var count = 0;
            foreach (var s in dd.Shares)
            {
                if (s.DashboardId == r.DashboardId)
                {
                    count++;
                }
            }

            if (count >= dd.MaxSharesPerDashboard)
            {
                return Errors.DatadogJsonApi(409, "Conflict", $"max {dd.MaxSharesPerDashboard} share URLs per dashboard exceeded");
            }

            var id = dd.NextShareId++;
            share.Id = id.ToString(CultureInfo.InvariantCulture);

            // Derived, not random: two runs with the same requests produce identical state dumps.
            share.Token = "se-" + Hex("token", share.Id, r.DashboardId)[..24];
            share.Credential = Hex("credential", share.Id, share.Token);
            share.Url = "https://p.datadoghq.com/sb/secure-embed/" + share.Token;
            share.CreatedAt = FormatTime(store.NowOffset());
            dd.Shares.Add(share);
            store.SharesByToken[share.Token] = share;
            store.Changed(Kinds.Share, share.Id, share);
            store.Touch();
            return Render(share, "secure_embed_create_response", revealCredential: true, mutated: true);
        }
    }

    private static ValueTask<Reply> Get(ApiRequest r)
    {
        var store = r.Store;
        lock (store.Gate)
        {
            if (Find(r, out var share) is { } missing)
            {
                return ValueTask.FromResult(missing);
            }

            return ValueTask.FromResult(Render(share!, "secure_embed_get_response", revealCredential: false, mutated: false));
        }
    }

    /// <summary>PATCH: every attribute optional; nested objects merge field by field, the template-var list is replaced.</summary>
    private static async ValueTask<Reply> UpdateAsync(ApiRequest r)
    {
        var (attributes, error) = await ReadEnvelopeAsync(r, "secure_embed_update_request").ConfigureAwait(false);
        var store = r.Store;
        lock (store.Gate)
        {
            if (Find(r, out var share) is { } missing)
            {
                return missing;
            }

            if (error is { } e)
            {
                return e;
            }

            // Validate on a copy so a 400 halfway through leaves the stored share untouched.
            var draft = Copy(share!);
            if (ApplyAttributes(attributes!, draft) is { } invalid)
            {
                return invalid;
            }

            share!.LiveSpan = draft.LiveSpan;
            share.GlobalTimeSelectable = draft.GlobalTimeSelectable;
            share.SelectableTemplateVars = draft.SelectableTemplateVars;
            share.Status = draft.Status;
            share.Title = draft.Title;
            share.HighDensity = draft.HighDensity;
            share.Theme = draft.Theme;
            store.Changed(Kinds.Share, share.Id, share);
            store.Touch();
            return Render(share, "secure_embed_update_response", revealCredential: false, mutated: true);
        }
    }

    private static ValueTask<Reply> Delete(ApiRequest r)
    {
        var store = r.Store;
        lock (store.Gate)
        {
            if (Find(r, out var share) is { } missing)
            {
                return ValueTask.FromResult(missing);
            }

            store.Doc.Datadog.Shares.Remove(share!);
            store.SharesByToken.Remove(share!.Token);
            store.Changed(Kinds.Share, share.Id, null);
            store.Touch();
            return ValueTask.FromResult(Reply.NoContent(mutated: true));
        }
    }

    /// <summary>
    /// ListSharedDashboardsResponse. Note share_type: the list schema spells secure embeds "secure-embed"
    /// (hyphen) while the secure-embed schema says "secure_embed"; each endpoint answers in its own spelling.
    /// </summary>
    private static ValueTask<Reply> List(ApiRequest r)
    {
        var store = r.Store;
        lock (store.Gate)
        {
            if (!store.DdDashboards.TryGetValue(r.DashboardId, out var dashboard))
            {
                return ValueTask.FromResult(DashboardNotFound(r.DashboardId));
            }

            var shares = store.Doc.Datadog.Shares.Where(s => s.DashboardId == r.DashboardId)
                .OrderBy(s => s.Id.Length).ThenBy(s => s.Id, StringComparer.Ordinal);
            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var s in shares)
            {
                w.WriteStartObject();
                w.WriteString("id", s.Id);
                w.WriteString("type", "shared_dashboard");
                w.WriteStartObject("attributes");
                w.WriteString("created_at", s.CreatedAt);
                WriteStrings(w, "embeddable_domains", s.EmbeddableDomains ?? new List<string>());
                WriteNullable(w, "expiration", s.Expiration);
                WriteGlobalTime(w, s);
                w.WriteBoolean("global_time_selectable", s.GlobalTimeSelectable);
                w.WriteStartArray("invitees");
                foreach (var email in s.Invitees ?? new List<string>())
                {
                    w.WriteStartObject();
                    w.WriteString("email", email);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNull("last_accessed");
                w.WriteStartArray("selectable_template_vars");
                foreach (var v in s.SelectableTemplateVars)
                {
                    w.WriteStartObject();
                    w.WriteBoolean("allow_any_value", false);
                    WriteStrings(w, "default_values", v.DefaultValues ?? new List<string>());
                    WriteNullable(w, "name", v.Name);
                    WriteNullable(w, "prefix", v.Prefix);
                    w.WriteString("type", "tag");
                    WriteStrings(w, "visible_tags", v.VisibleTags ?? new List<string>());
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteString("share_type", s.ShareType == "secure_embed" ? "secure-embed" : s.ShareType);
                w.WriteBoolean("sharer_disabled", s.SharerDisabled);
                w.WriteString("status", s.Status);
                w.WriteString("title", s.Title);
                w.WriteString("token", s.Token);
                w.WriteString("url", s.Url);
                WriteViewingPreferences(w, s);
                w.WriteEndObject();
                w.WriteStartObject("relationships");
                w.WriteStartObject("dashboard");
                w.WriteStartObject("data");
                w.WriteString("id", s.DashboardId);
                w.WriteString("type", "dashboard");
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("included");
            w.WriteStartObject();
            w.WriteString("id", dashboard.Id);
            w.WriteString("type", "dashboard");
            w.WriteStartObject("attributes");
            w.WriteString("title", dashboard.Title);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            return ValueTask.FromResult(JsonOut.Reply(200, w));
        }
    }

    private static Reply? Find(ApiRequest r, out ShareRecord? share)
    {
        share = null;
        if (!r.Store.DdDashboards.ContainsKey(r.DashboardId))
        {
            return DashboardNotFound(r.DashboardId);
        }

        if (!r.Store.SharesByToken.TryGetValue(r.ShareToken, out var s) || s.DashboardId != r.DashboardId || s.ShareType != "secure_embed")
        {
            return EmbedNotFound(r.ShareToken);
        }

        share = s;
        return null;
    }

    private static Reply Render(ShareRecord s, string type, bool revealCredential, bool mutated)
    {
        var w = JsonOut.Begin();
        w.WriteStartObject();
        w.WriteStartObject("data");
        w.WriteString("id", s.Id);
        w.WriteString("type", type);
        w.WriteStartObject("attributes");
        w.WriteString("created_at", s.CreatedAt);
        if (revealCredential)
        {
            // Returned once, on creation only.
            w.WriteString("credential", s.Credential);
        }
        else
        {
            var c = s.Credential;
            w.WriteString("credential_suffix", c is { Length: >= 4 } ? c[^4..] : "0000");
        }

        w.WriteString("dashboard_id", s.DashboardId);
        WriteGlobalTime(w, s);
        w.WriteBoolean("global_time_selectable", s.GlobalTimeSelectable);
        w.WriteString("id", s.Id);
        w.WriteStartArray("selectable_template_vars");
        foreach (var v in s.SelectableTemplateVars)
        {
            w.WriteStartObject();
            WriteStrings(w, "default_values", v.DefaultValues ?? new List<string>());
            WriteNullable(w, "name", v.Name);
            WriteNullable(w, "prefix", v.Prefix);
            WriteStrings(w, "visible_tags", v.VisibleTags ?? new List<string>());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("share_type", "secure_embed");
        w.WriteString("status", s.Status);
        w.WriteString("title", s.Title);
        w.WriteString("token", s.Token);
        w.WriteString("url", s.Url);
        WriteViewingPreferences(w, s);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        return JsonOut.Reply(200, w, mutated);
    }

    private static void WriteGlobalTime(Utf8JsonWriter w, ShareRecord s)
    {
        w.WriteStartObject("global_time");
        if (s.LiveSpan is not null)
        {
            w.WriteString("live_span", s.LiveSpan);
        }

        w.WriteEndObject();
    }

    private static void WriteViewingPreferences(Utf8JsonWriter w, ShareRecord s)
    {
        w.WriteStartObject("viewing_preferences");
        w.WriteBoolean("high_density", s.HighDensity);
        w.WriteString("theme", s.Theme);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, List<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static ShareRecord Copy(ShareRecord s) => new()
    {
        LiveSpan = s.LiveSpan,
        GlobalTimeSelectable = s.GlobalTimeSelectable,
        SelectableTemplateVars = s.SelectableTemplateVars.Select(v => v.Copy).ToList(),
        Status = s.Status,
        Title = s.Title,
        HighDensity = s.HighDensity,
        Theme = s.Theme,
    };

    private static string Hex(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));

    private static bool TryString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        value = "";
        return false;
    }

    private static bool TryBool(JsonNode? node, out bool value)
    {
        var kind = (node as JsonValue)?.GetValueKind();
        value = kind == JsonValueKind.True;
        return kind is JsonValueKind.True or JsonValueKind.False;
    }

    private static bool TryStrings(JsonNode? node, out List<string> values)
    {
        values = new List<string>();
        if (node is not JsonArray a)
        {
            return false;
        }

        foreach (var item in a)
        {
            if (!TryString(item, out var s))
            {
                return false;
            }

            values.Add(s);
        }

        return true;
    }
}
