using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Emulator.Infrastructure;
using EmbedAdmin.Emulator.State;

namespace EmbedAdmin.Emulator.DataBrain;

/// <summary>Shared DataBrain vocabulary: auth rules, error codes, JSON type checks, paging.</summary>
internal static class Db
{
    public const string InvalidRequestBody = "INVALID_REQUEST_BODY";
    public const int PageSize = 10;

    // update-embed documents AUTHENTICATION_ERR 401 for an invalid key.
    public static readonly AuthRule UpdateEmbedAuth = new(AuthKind.DataAppKey, "AUTHENTICATION_ERR", 401, "Invalid API key.");

    // create/list/delete/export embed and dashboard-embeds document INVALID_DATA_APP_API_KEY. The legacy
    // create/delete pages give it 400; the newest status tables say 401 for an invalid key, so 401 here.
    public static readonly AuthRule DataAppAuth = new(AuthKind.DataAppKey, "INVALID_DATA_APP_API_KEY", 401, "Invalid Data App API key.");

    // Guest token pages: 401 {"error":{"message":"API key is invalid or expired","code":"AUTHENTICATION_ERR"}}, no status member.
    public static readonly AuthRule GuestTokenAuth = new(AuthKind.DataAppKey, "AUTHENTICATION_ERR", 401, "API key is invalid or expired", IncludeStatus: false);

    // update-workspace and update-datamart list INVALID_DATA_APP_API_KEY 401 even though they take a service token.
    public static readonly AuthRule ServiceAuth = new(AuthKind.ServiceToken, "INVALID_DATA_APP_API_KEY", 401, "Invalid API key.");

    // create/list-datasource document AUTHENTICATION_ERROR 401.
    public static readonly AuthRule DatasourceAuth = new(AuthKind.ServiceToken, "AUTHENTICATION_ERROR", 401, "Invalid service token.");

    public static RouteEntry Route(string name, AuthRule auth, Handler handler) => new(name, Service.DataBrain, auth, handler);

    public static Reply Error(int status, string code, string message) => Errors.DataBrain(status, code, message);

    public static Reply BadBody(string message) => Errors.DataBrain(400, InvalidRequestBody, message);

    /// <summary>
    /// True when the key is present, even with a JSON null: an optional field sent as null is a wrong
    /// type, not an omission, so a client that serialises nulls finds out here rather than in production.
    /// </summary>
    public static bool Has(JsonObject o, string key, out JsonNode? node) => o.TryGetPropertyValue(key, out node);

    public static bool TryString(JsonNode? node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        value = "";
        return false;
    }

    public static bool TryNonEmptyString(JsonNode? node, out string value) => TryString(node, out value) && value.Trim().Length > 0;

    public static bool TryBool(JsonNode? node, out bool value)
    {
        if (node is JsonValue v)
        {
            var kind = v.GetValueKind();
            if (kind is JsonValueKind.True or JsonValueKind.False)
            {
                value = kind == JsonValueKind.True;
                return true;
            }
        }

        value = false;
        return false;
    }

    /// <summary>Finds the first key outside <paramref name="allowed"/>; strictness makes a misspelt field fail loudly.</summary>
    public static string? UnknownKey(JsonObject o, HashSet<string> allowed)
    {
        foreach (var kv in o)
        {
            if (!allowed.Contains(kv.Key))
            {
                return kv.Key;
            }
        }

        return null;
    }

    /// <summary>
    /// Paging as the list pages document it: isPagination "true"/"false" and pageNumber as strings
    /// (query strings); the legacy POST bodies may carry real booleans and numbers, which are accepted too.
    /// </summary>
    public static string? ParsePaging(JsonNode? isPagination, JsonNode? pageNumber, out bool paged, out int page)
    {
        paged = false;
        page = 1;
        if (isPagination is not null)
        {
            if (TryBool(isPagination, out var b))
            {
                paged = b;
            }
            else if (TryString(isPagination, out var s) && (s == "true" || s == "false"))
            {
                paged = s == "true";
            }
            else
            {
                return "isPagination must be \"true\" or \"false\".";
            }
        }

        if (pageNumber is not null)
        {
            if (pageNumber is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) && n >= 1)
            {
                page = n;
            }
            else if (TryString(pageNumber, out var s) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out n) && n >= 1)
            {
                page = n;
            }
            else
            {
                return "pageNumber must be a whole number >= 1.";
            }
        }

        return null;
    }

    public static string? ParseQueryPaging(ApiRequest r, out bool paged, out int page)
    {
        var ip = r.Query("isPagination");
        var pn = r.Query("pageNumber");
        return ParsePaging(ip is null ? null : JsonValue.Create(ip), pn is null ? null : JsonValue.Create(pn), out paged, out page);
    }

    public static (int Start, int End) PageRange(int count, bool paged, int page)
    {
        if (!paged)
        {
            return (0, count);
        }

        var start = (int)Math.Min(count, ((long)page - 1) * PageSize);
        return (start, Math.Min(count, start + PageSize));
    }

    public static string? CheckTablesInDatamart(List<TableTenancyRecord> tables, DatamartRecord datamart)
    {
        foreach (var t in tables)
        {
            var table = datamart.Tables.Find(x => x.Name == t.Name);
            if (table is null)
            {
                return $"Table '{t.Name}' is not part of datamart '{datamart.Name}'.";
            }

            if (!table.Columns.Exists(c => c.Name == t.ClientColumn))
            {
                return $"Column '{t.ClientColumn}' does not exist in table '{t.Name}' of datamart '{datamart.Name}'.";
            }
        }

        return null;
    }
}
