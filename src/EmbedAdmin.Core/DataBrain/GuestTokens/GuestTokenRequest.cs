using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain.GuestTokens
{
    /// <summary>A validated guest-token request (docs.usedatabrain.com/developer-docs/token).</summary>
    public sealed class GuestTokenRequest
    {
        /// <summary>Ten years: longer is a mistake (a number of milliseconds read as days), not a lifetime.</summary>
        public static readonly TimeSpan MaximumExpiry = TimeSpan.FromDays(3650);

        /// <summary>"None" is what the token page says to send when the data app has no tenancy.</summary>
        public const string NoTenancyClientId = "None";

        /// <summary>
        /// The guest-token fields (docs.usedatabrain.com/developer-docs/token), named as New-GuestToken's
        /// parameters. The GuestToken it writes carries who and what the token is for; the filters, permissions and
        /// the rest are sent and not read back. An embed's EmbedId column binds to AllowedEmbeds, so Get-Embed
        /// output and a list of embed ids pipe in. The token itself is an answer, never a field.
        /// </summary>
        public static FieldTable Table { get; } = new(
            "guest token",
            typeof(GuestToken),
            new[]
            {
                FieldSpec.Text("ClientId", "clientId"),
                FieldSpec.Text("DataAppName", "dataAppName"),
                FieldSpec.Text("DatasourceName", "datasourceName").WriteOnly(),
                FieldSpec.Custom("AllowedEmbeds", "params.allowedEmbeds", NodeValues.Strings)
                    .WithLegacyNames("EmbedId")
                    .ReadWith(ReadStrings, value => value),
                FieldSpec.Custom("DashboardAppFilters", "params.dashboardAppFilters", v => FilterList(v, "dashboardId", "dashboard filters")).WriteOnly(),
                FieldSpec.Custom("AppFilters", "params.appFilters", v => FilterList(v, "metricId", "metric filters")).WriteOnly(),
                FieldSpec.Custom("RlsSettings", "params.rlsSettings", v => FilterList(v, "metricId", "row-level security settings")).WriteOnly(),
                FieldSpec.Custom("HideDashboardFilters", "params.hideDashboardFilters", NodeValues.Strings).WriteOnly(),
                FieldSpec.Text("UserIdentifier", "params.userIdentifier").WriteOnly(),
                FieldSpec.Text("Timezone", "params.timezone").WriteOnly(),
                FieldSpec.Custom("Permissions", "permissions", ConvertPermissions).WriteOnly(),
                // A time span (the parameter's transformation reads "1h", "7d"), sent as milliseconds. The
                // GuestToken carries when it ends (ExpiresAt), not how long it lasts.
                FieldSpec.Custom("Expiry", "expiryTime", ConvertExpiry).WriteOnly(),
            },
            // The answer: the token (a secret, held as a SecureString) and when it ends. A list of issued tokens
            // fed back in ignores these columns, without naming them in a warning.
            readOnly: new[] { "Token", "ExpiresAt" });

        public static IReadOnlyList<FieldSpec> Fields => Table.Fields;

        private GuestTokenRequest(JsonObject body)
        {
            Body = body;
        }

        public JsonObject Body { get; }

        /// <summary>How long the token lives, from the expiryTime sent; null when it never expires.</summary>
        public TimeSpan? Expiry =>
            Body["expiryTime"] is JsonValue milliseconds && milliseconds.TryGetValue<long>(out var ms) ? TimeSpan.FromMilliseconds(ms) : null;

        public string ClientId => Body["clientId"]!.GetValue<string>();

        public string DataAppName => Body["dataAppName"]!.GetValue<string>();

        public IReadOnlyList<string> AllowedEmbeds =>
            Body["params"]?["allowedEmbeds"] is JsonArray embeds ? embeds.Select(e => e!.GetValue<string>()).ToList() : Array.Empty<string>();

        /// <param name="values">
        /// Bound values by parameter name. Expiry left out means the token never expires, as the API does when
        /// expiryTime is left out.
        /// </param>
        public static GuestTokenRequest Create(IReadOnlyDictionary<string, object?> values)
        {
            var problems = new List<ValidationProblem>();
            var body = new PartialBody();
            PartialUpdate.Apply(Fields, values, body, problems);
            if (!body.Contains("clientId") && !problems.Any(p => p.ErrorId == ErrorIds.InvalidClientId))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingClientId, "ClientId (clientId)", $"is required: the tenant the token is for ('{NoTenancyClientId}' when the data app has no tenancy)."));
            }

            if (!body.Contains("dataAppName"))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingDataAppName, "DataAppName (dataAppName)", "is required: pass -DataAppName, or give it once to Connect-EmbedAdmin."));
            }

            if (problems.Count > 0)
            {
                throw new EmbedAdminValidationException(problems);
            }

            return new GuestTokenRequest((JsonObject)JsonNode.Parse(body.ToJsonString())!);
        }

        public string Describe()
        {
            var embeds = AllowedEmbeds.Count == 0 ? "every embed of the data app" : "embeds " + string.Join(", ", AllowedEmbeds);
            var life = Expiry.HasValue ? "expires in " + Expiry.Value : "never expires";
            return $"Create a guest token for client '{ClientId}' of data app '{DataAppName}' ({embeds}; {life})";
        }

        public byte[] ToJsonBytes() => Encoding.UTF8.GetBytes(Body.ToJsonString(EmbedAdminJson.Options));

        /// <summary>What the GuestToken carries: the token's own fields read back from what was sent, and when it ends.</summary>
        public GuestToken ToGuestToken(SecureString token, DateTimeOffset now) => Table.ReadBody(
            new GuestToken { Token = token, ExpiresAt = Expiry.HasValue ? now + Expiry.Value : null },
            Body);

        private static FieldConversion ConvertExpiry(object value)
        {
            if (value is not TimeSpan expiry)
            {
                return FieldConversion.Fail($"expects a time span such as 01:00:00, 90m, 1h or 7d; got {FieldValues.Describe(value)}.");
            }

            return expiry <= TimeSpan.Zero || expiry > MaximumExpiry
                ? FieldConversion.Fail($"must be between zero and {MaximumExpiry.TotalDays:0} days; leave it out for a token that never expires.")
                : FieldConversion.Ok(JsonValue.Create((long)Math.Ceiling(expiry.TotalMilliseconds)));
        }

        private static object? ReadStrings(JsonNode node) =>
            node is JsonArray items
                ? items.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : v.ToJsonString()).ToArray()
                : null;

        private static FieldConversion FilterList(object value, string key, string what)
        {
            var conversion = NodeValues.ArrayOfObjects(value, what);
            if (conversion.Rule is not null)
            {
                return conversion;
            }

            var missing = ((JsonArray)conversion.Value!).OfType<JsonObject>().FirstOrDefault(o => o[key] is not JsonValue);
            return missing is null ? conversion : FieldConversion.Fail($"each item needs '{key}'.");
        }

        // Permission names are free-form in the docs (only some are confirmed), so any name is passed through,
        // but every value must be a boolean: the API rejects anything else.
        private static FieldConversion ConvertPermissions(object value)
        {
            var conversion = NodeValues.Object(value, "permissions (name = true/false)");
            if (conversion.Rule is not null)
            {
                return conversion;
            }

            var result = new JsonObject();
            foreach (var pair in (JsonObject)conversion.Value!)
            {
                object? raw = pair.Value is JsonValue v ? (v.TryGetValue<bool>(out var b) ? b : v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) : null;
                if (!FieldValues.TryParseBoolean(raw, out var flag) || !flag.HasValue)
                {
                    return FieldConversion.Fail($"'{pair.Key}' {FieldValues.BooleanRule}.");
                }

                result[pair.Key] = flag.Value;
            }

            return FieldConversion.Ok(result);
        }
    }
}
