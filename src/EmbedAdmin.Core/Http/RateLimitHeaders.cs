using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;

namespace EmbedAdmin.Core.Http
{
    /// <summary>
    /// What an answer says about the service's rate limit, from whichever header family it uses:
    /// Datadog's X-RateLimit-Limit, -Period, -Remaining, -Reset (docs.datadoghq.com/api/latest/rate-limits; Reset has
    /// been seen twice, "7, 7"); the IETF draft's separate RateLimit-Limit, -Remaining, -Reset (draft 06, which
    /// express-rate-limit sends for DataBrain's limiter with standardHeaders 'draft-6'); its combined
    /// "RateLimit: limit=100, remaining=50, reset=5" (draft 07) or "RateLimit: \"default\";r=50;t=5" (draft 08);
    /// and RateLimit-Policy "100;w=10" (draft 06/07) or "\"default\";q=100;w=10" (draft 08).
    /// </summary>
    public sealed class RateLimitHeaders
    {
        public int? Limit { get; private set; }

        public double? PeriodSeconds { get; private set; }

        public int? Remaining { get; private set; }

        public double? ResetSeconds { get; private set; }

        public static RateLimitHeaders Read(HttpHeaders headers)
        {
            var result = new RateLimitHeaders();
            if (Value(headers, "RateLimit-Policy") is { } policy)
            {
                var first = Parameters(policy.Split(',')[0]);
                result.Limit = Int(first.TryGetValue("q", out var q) ? q : first.TryGetValue(string.Empty, out var bare) ? bare : null);
                result.PeriodSeconds = Number(first.TryGetValue("w", out var w) ? w : null);
            }

            if (Value(headers, "RateLimit") is { } combined)
            {
                var all = Parameters(combined.Replace(',', ';'));
                result.Limit ??= Int(Get(all, "limit"));
                result.Remaining = Int(Get(all, "remaining") ?? Get(all, "r"));
                result.ResetSeconds = Number(Get(all, "reset") ?? Get(all, "t"));
            }

            result.Limit ??= Int(Value(headers, "RateLimit-Limit")) ?? Int(Value(headers, "X-RateLimit-Limit"));
            result.PeriodSeconds ??= Number(Value(headers, "X-RateLimit-Period"));
            result.Remaining ??= Int(Value(headers, "RateLimit-Remaining"), smallest: true) ?? Int(Value(headers, "X-RateLimit-Remaining"), smallest: true);
            result.ResetSeconds ??= Seconds(Value(headers, "RateLimit-Reset")) ?? Seconds(Value(headers, "X-RateLimit-Reset"));
            return result;
        }

        private static string? Value(HttpHeaders headers, string name) =>
            headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

        private static string? Get(Dictionary<string, string> parameters, string name) => parameters.TryGetValue(name, out var value) ? value : null;

        /// <summary>"a=1;b=2" and "\"name\";q=1": named parameters, and a bare first item under the empty name.</summary>
        private static Dictionary<string, string> Parameters(string text)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var raw in text.Split(';'))
            {
                var part = raw.Trim();
                var equals = part.IndexOf('=');
                if (equals > 0)
                {
                    result[part.Substring(0, equals).Trim()] = part.Substring(equals + 1).Trim().Trim('"');
                }
                else if (part.Length > 0 && !result.ContainsKey(string.Empty))
                {
                    result[string.Empty] = part.Trim('"');
                }
            }

            return result;
        }

        /// <summary>The first (or with several values, the largest or smallest) whole number at the start of each item.</summary>
        private static int? Int(string? text, bool smallest = false)
        {
            if (text is null)
            {
                return null;
            }

            var values = text.Split(',')
                .Select(v => v.Split(';')[0].Trim())
                .Select(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : (int?)null)
                .Where(n => n.HasValue)
                .Select(n => n!.Value)
                .ToList();
            return values.Count == 0 ? null : smallest ? values.Min() : values[0];
        }

        private static double? Number(string? text) =>
            text is not null && double.TryParse(text.Split(',')[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && !double.IsInfinity(n)
                ? n
                : null;

        private static double? Seconds(string? text) => RetryPolicy.ParseSeconds(text)?.TotalSeconds;
    }
}
