using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Tests.Support;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>
    /// The error ids the help promises, read from the help itself: every "Id (`API_CODE`, category Category)" entry of
    /// a cmdlet page's NOTES is checked against the one error catalog, so a script branching on the documented id
    /// (for example InvalidDashboardId meaning "already created") cannot be broken by a silent change of mapping,
    /// and a page cannot promise an id the code does not give.
    /// </summary>
    public class DocumentedErrorIdTests
    {
        // "InvalidDashboardId (`INVALID_DASHBOARD_ID`, category InvalidArgument)", also with several codes and
        // "or HTTP 401" alternatives: "AuthenticationFailed (`AUTHENTICATION_ERR`, …, or HTTP 401, category …)".
        private static readonly Regex Entry = new(
            "(?<id>[A-Z][a-z][A-Za-z]+) \\((?<inner>[^)]*`[A-Z][A-Z0-9]*_[A-Z0-9_]+`[^)]*)\\)",
            RegexOptions.CultureInvariant);

        private static readonly IReadOnlyList<DocumentedError> Documented = Read();

        public static IEnumerable<object[]> CodePairs() =>
            Documented.SelectMany(d => d.Codes.Select(code => (code, d.Id, d.Category)))
                .Distinct()
                .OrderBy(p => p.code, StringComparer.Ordinal)
                .Select(p => new object[] { p.code, p.Id, p.Category ?? "(none)" });

        public static IEnumerable<object[]> StatusAlternatives() =>
            Documented.SelectMany(d => d.Statuses.Select(status => (status, d.Id, d.Category)))
                .Distinct()
                .OrderBy(p => p.status)
                .Select(p => new object[] { p.status, p.Id, p.Category ?? "(none)" });

        [Theory]
        [MemberData(nameof(CodePairs))]
        public void EachDocumentedCodeClassifiesAsItsDocumentedIdAndCategory(string code, string id, string category)
        {
            var classification = ErrorClassifier.Classify(new EmbedAdminApiException(ApiService.DataBrain, 400, code, "m"));

            Assert.Equal((id, category), (classification.ErrorId, classification.Category.ToString()));
        }

        /// <summary>"PermissionDenied (`INSUFFICIENT_PERMISSIONS`, or HTTP 403)": the status alone, with no code in the body.</summary>
        [Theory]
        [MemberData(nameof(StatusAlternatives))]
        public void EachDocumentedStatusWithoutACodeClassifiesAsItsDocumentedId(int status, string id, string category)
        {
            var parsed = ApiErrorParser.Parse(ApiService.DataBrain, status, ReadOnlyMemory<byte>.Empty, null, null);
            var classification = ErrorClassifier.Classify(parsed);

            Assert.Equal((id, category), (classification.ErrorId, classification.Category.ToString()));
        }

        [Fact]
        public void EveryDocumentedCodeNamesItsCategory()
        {
            var missing = Documented.Where(d => d.Category is null).Select(d => $"{d.File}: {d.Id} ({string.Join(", ", d.Codes)})");

            Assert.Empty(missing);
        }

        /// <summary>The pairs no test checked before; if a page drops one, this says so instead of the theory shrinking.</summary>
        [Fact]
        public void TheHelpListsEveryCodeThatScriptsBranchOn()
        {
            var pairs = Documented.SelectMany(d => d.Codes.Select(code => code + " " + d.Id)).ToHashSet(StringComparer.Ordinal);

            Assert.Superset(
                new HashSet<string>
                {
                    "INVALID_DASHBOARD_ID InvalidDashboardId", "CLIENT_ID_ERROR InvalidClientId", "INVALID_METRIC_ID MetricNotFound",
                    "DASHBOARD_PARAM_ERROR InvalidDashboardFilter", "APP_FILTER_PARAM_ERROR InvalidAppFilter",
                    "RLS_SETTINGS_PARAM_ERROR InvalidRlsSettings", "DASHBOARD_CREATE_ERROR DashboardCreateFailed",
                    "DATAMART_TABLE_NOT_FOUND DatamartTableNotFound",
                },
                pairs);
            Assert.True(pairs.Count >= 21, $"the help lists {pairs.Count} id/code pairs; expected at least 21");
        }

        /// <summary>about_EmbedAdmin names ids without codes; each must be one the catalog gives for a documented code or a status.</summary>
        [Fact]
        public void EveryDataBrainIdInAboutIsOneTheCatalogGives()
        {
            var about = HelpDocs.Unwrapped(HelpDocs.About);
            var bullet = Regex.Match(about, "- Answered by DataBrain: (?<ids>.*?)\\. - ");
            Assert.True(bullet.Success, "about_EmbedAdmin has no 'Answered by DataBrain:' list");
            var named = HelpDocs.Backticked(bullet.Groups["ids"].Value);

            var given = Documented.SelectMany(d => d.Codes)
                .Select(code => ErrorClassifier.Classify(new EmbedAdminApiException(ApiService.DataBrain, 400, code, "m")).ErrorId)
                .Concat(Enumerable.Range(400, 200).Select(status =>
                    ErrorClassifier.Classify(ApiErrorParser.Parse(ApiService.DataBrain, status, ReadOnlyMemory<byte>.Empty, null, null)).ErrorId))
                .ToHashSet(StringComparer.Ordinal);

            Assert.True(named.Count >= 10, "about_EmbedAdmin's DataBrain list was not read: " + bullet.Groups["ids"].Value);
            Assert.All(named, id => Assert.True(given.Contains(id), $"about_EmbedAdmin names {id}, which no documented code or status gives"));
        }

        private static IReadOnlyList<DocumentedError> Read()
        {
            var result = new List<DocumentedError>();
            foreach (var (file, text) in HelpDocs.CmdletPages())
            {
                var notes = Regex.Match(text, "^## NOTES$(?<notes>.*?)^## ", RegexOptions.Multiline | RegexOptions.Singleline);
                foreach (Match match in Entry.Matches(HelpDocs.Unwrapped(notes.Groups["notes"].Value)))
                {
                    var inner = match.Groups["inner"].Value;
                    var category = Regex.Match(inner, "category (\\w+)");
                    result.Add(new DocumentedError(
                        file,
                        match.Groups["id"].Value,
                        HelpDocs.Backticked(inner).Where(c => Regex.IsMatch(c, "^[A-Z][A-Z0-9]*_[A-Z0-9_]+$")).ToList(),
                        Regex.Matches(inner, "or HTTP (\\d{3}|5xx)").SelectMany(m => Statuses(m.Groups[1].Value)).ToList(),
                        category.Success ? category.Groups[1].Value : null));
                }
            }

            return result;
        }

        private static IEnumerable<int> Statuses(string text) =>
            text == "5xx" ? new[] { 500, 502, 503, 504 } : new[] { int.Parse(text, CultureInfo.InvariantCulture) };

        private sealed record DocumentedError(string File, string Id, IReadOnlyList<string> Codes, IReadOnlyList<int> Statuses, string? Category);
    }
}
