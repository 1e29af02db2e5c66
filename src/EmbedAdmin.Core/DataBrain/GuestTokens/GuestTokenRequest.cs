using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
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

        public static IReadOnlyList<FieldSpec> Fields { get; } = new[]
        {
            FieldSpec.Text("ClientId", "clientId"),
            FieldSpec.Text("DataAppName", "dataAppName"),
            FieldSpec.Text("DatasourceName", "datasourceName"),
            FieldSpec.Custom("AllowedEmbeds", "params.allowedEmbeds", NodeValues.Strings),
            FieldSpec.Custom("DashboardAppFilters", "params.dashboardAppFilters", v => FilterList(v, "dashboardId", "dashboard filters")),
            FieldSpec.Custom("AppFilters", "params.appFilters", v => FilterList(v, "metricId", "metric filters")),
            FieldSpec.Custom("RlsSettings", "params.rlsSettings", v => FilterList(v, "metricId", "row-level security settings")),
            FieldSpec.Custom("HideDashboardFilters", "params.hideDashboardFilters", NodeValues.Strings),
            FieldSpec.Text("UserIdentifier", "params.userIdentifier"),
            FieldSpec.Text("Timezone", "params.timezone"),
            FieldSpec.Custom("Permissions", "permissions", ConvertPermissions),
        };

        private GuestTokenRequest(JsonObject body, TimeSpan? expiry)
        {
            Body = body;
            Expiry = expiry;
        }

        public JsonObject Body { get; }

        public TimeSpan? Expiry { get; }

        public string ClientId => Body["clientId"]!.GetValue<string>();

        public string DataAppName => Body["dataAppName"]!.GetValue<string>();

        public IReadOnlyList<string> AllowedEmbeds =>
            Body["params"]?["allowedEmbeds"] is JsonArray embeds ? embeds.Select(e => e!.GetValue<string>()).ToList() : Array.Empty<string>();

        /// <param name="values">Bound values by parameter name.</param>
        /// <param name="expiry">-Expiry; null means the token never expires, as the API does when expiryTime is left out.</param>
        public static GuestTokenRequest Create(IReadOnlyDictionary<string, object?> values, TimeSpan? expiry)
        {
            var problems = new List<ValidationProblem>();
            var body = new PartialBody();
            PartialUpdate.Apply(Fields, values, body, problems);
            if (!body.Contains("clientId") && !problems.Any(p => p.ErrorId == "InvalidClientId"))
            {
                problems.Add(new ValidationProblem("MissingClientId", "ClientId (clientId)", $"is required: the tenant the token is for ('{NoTenancyClientId}' when the data app has no tenancy)."));
            }

            if (!body.Contains("dataAppName"))
            {
                problems.Add(new ValidationProblem("MissingDataAppName", "DataAppName (dataAppName)", "is required: pass -DataAppName, or give it once to Connect-EmbedAdmin."));
            }

            if (expiry.HasValue)
            {
                if (expiry.Value <= TimeSpan.Zero || expiry.Value > MaximumExpiry)
                {
                    problems.Add(new ValidationProblem("InvalidExpiry", "Expiry (expiryTime)", $"must be between zero and {MaximumExpiry.TotalDays:0} days; leave it out for a token that never expires."));
                }
                else
                {
                    body.Set("expiryTime", JsonValue.Create((long)Math.Ceiling(expiry.Value.TotalMilliseconds)));
                }
            }

            if (problems.Count > 0)
            {
                throw new EmbedAdminValidationException(problems);
            }

            return new GuestTokenRequest((JsonObject)JsonNode.Parse(body.ToJsonString())!, expiry);
        }

        public string Describe()
        {
            var embeds = AllowedEmbeds.Count == 0 ? "every embed of the data app" : "embeds " + string.Join(", ", AllowedEmbeds);
            var life = Expiry.HasValue ? "expires in " + Expiry.Value : "never expires";
            return $"Create a guest token for client '{ClientId}' of data app '{DataAppName}' ({embeds}; {life})";
        }

        public byte[] ToJsonBytes() => Encoding.UTF8.GetBytes(Body.ToJsonString(EmbedAdminJson.Options));

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
