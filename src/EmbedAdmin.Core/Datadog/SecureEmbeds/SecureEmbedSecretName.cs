using System;
using System.Linq;
using System.Text.RegularExpressions;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.Datadog.SecureEmbeds
{
    /// <summary>
    /// The name a new credential is stored under in a SecretManagement vault. A bulk run makes many credentials, so
    /// the name may hold placeholders filled from each new embed: {DashboardId}, {Token}, {Id}, {Title}.
    /// </summary>
    public static class SecureEmbedSecretName
    {
        public const string Default = "SecureEmbed-{DashboardId}-{Token}";

        private static readonly string[] Placeholders = { "DashboardId", "Token", "Id", "Title" };
        private static readonly Regex PlaceholderPattern = new("\\{([^{}]*)\\}", RegexOptions.CultureInvariant);

        /// <exception cref="EmbedAdminValidationException">InvalidSecretName: an unknown placeholder.</exception>
        public static void Validate(string? template)
        {
            if (FieldValues.IsUnset(template))
            {
                return;
            }

            var unknown = PlaceholderPattern.Matches(template!).Cast<Match>()
                .Select(m => m.Groups[1].Value)
                .FirstOrDefault(name => !Placeholders.Contains(name, StringComparer.OrdinalIgnoreCase));
            if (unknown is not null)
            {
                throw new EmbedAdminValidationException(
                    ErrorIds.InvalidSecretName,
                    "SecretName",
                    $"'{{{unknown}}}' is not a placeholder; use {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))}.");
            }
        }

        /// <summary>The template (or the default one) with the embed's values put in.</summary>
        public static string Expand(string? template, SecureEmbed embed)
        {
            var text = FieldValues.IsUnset(template) ? Default : template!.Trim();
            return PlaceholderPattern.Replace(text, match => match.Groups[1].Value.ToLowerInvariant() switch
            {
                "dashboardid" => embed.DashboardId,
                "token" => embed.Token,
                "id" => embed.Id ?? string.Empty,
                "title" => embed.Title ?? string.Empty,
                _ => match.Value,
            });
        }
    }
}
