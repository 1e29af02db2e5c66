using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.DataBrain.Workspaces;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
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

        // Where an id is written in code: the first argument of a validation problem or classification, the id of an
        // ErrorRecord, a comparison with ErrorId, the id argument of DataAppInput.Required.
        private static readonly Regex[] IdPositions =
        {
            new("(?:new\\s+ValidationProblem|EmbedAdminValidationException|new\\s+ErrorClassification)\\(\\s*\"(?<id>\\w+)\"", RegexOptions.Singleline),
            new("\\bnew\\(\\s*\"(?<id>\\w+)\",\\s*ErrorCategoryName\\.", RegexOptions.Singleline),
            new("(?:ErrorRecord|Record|Create)\\((?:[^;()]|\\([^()]*\\))*?,\\s*\"(?<id>\\w+)\",\\s*(?:ErrorCategory\\.|null|target|missing)", RegexOptions.Singleline),
            new("ErrorId\\s*==\\s*\"(?<id>\\w+)\""),
            new("DataAppInput\\.Required\\([^,;()]+,\\s*\"(?<id>\\w+)\""),
            // Any text shaped like an id of the validation families, wherever it is passed (a helper's errorId argument).
            new("\"(?<id>(?:Missing|Invalid|Unknown|Unexpected|Duplicate|Empty|Conflicting|Ambiguous)[A-Z]\\w*)\""),
        };

        /// <summary>
        /// No id is written as text in the module's code (the emulator is another program): code names the catalog's
        /// constant, so an id cannot drift from the catalog or be given without being in it. Found where an id is
        /// passed, and anywhere as the text of a catalog id.
        /// </summary>
        [Fact]
        public void NoIdIsWrittenAsTextOutsideTheCatalog()
        {
            var literals = SourceIdLiterals().Select(l => $"{l.File}: {l.Id}" + (ErrorIds.All.ContainsKey(l.Id) ? string.Empty : " (not in ErrorIds)")).ToList();

            Assert.True(literals.Count == 0, "ids written as text instead of ErrorIds constants: " + string.Join("; ", literals));
        }

        /// <summary>The scan finds ids in each position it claims to, so an empty result above means something.</summary>
        [Theory]
        [InlineData("throw new EmbedAdminValidationException(\"MissingWidget\", f, r);")]
        [InlineData("problems.Add(new ValidationProblem(\"WidgetTooBig\", f, r));")]
        [InlineData("[\"X\"] = new(\"WidgetTooBig\", ErrorCategoryName.InvalidArgument),")]
        [InlineData("WriteError(new ErrorRecord(new InvalidOperationException(\"m\"), \"WidgetTooBig\", ErrorCategory.InvalidData, null));")]
        [InlineData("if (problems.Any(p => p.ErrorId == \"WidgetTooBig\"))")]
        [InlineData("var name = DataAppInput.Required(Name, \"WidgetTooBig\", \"Name (name)\", \"p\");")]
        [InlineData("Unreadable(value, \"InvalidWidget\", path, problems);")]
        public void TheSourceScanFindsAnIdInEachPosition(string line) =>
            Assert.Single(IdPositions.SelectMany(r => r.Matches(line)).Select(m => m.Groups["id"].Value).Where(id => id != "X").Distinct());

        /// <summary>Every id of the catalog is named in the help (about_EmbedAdmin or a cmdlet page), so a script author can find it.</summary>
        [Fact]
        public void EveryCatalogIdIsDocumented()
        {
            var help = HelpDocs.About + string.Join("\n", HelpDocs.CmdletPages().Select(p => p.Text));

            var undocumented = ErrorIds.All.Keys.Where(id => !Regex.IsMatch(help, "\\b" + id + "\\b")).OrderBy(id => id, StringComparer.Ordinal).ToList();

            Assert.Empty(undocumented);
        }

        /// <summary>
        /// A field's own id is Invalid followed by its parameter, the family the help describes; the catalog names
        /// the family members scripts meet most, and every one it names is such an id or a listed one.
        /// </summary>
        [Fact]
        public void EveryFieldIdIsOfTheDocumentedFamily()
        {
            var fields = EmbedAccessChange.Fields.Concat(EmbedRequest.Fields).Concat(DashboardEmbedRequest.Fields).Concat(GuestTokenRequest.Fields)
                .Concat(WorkspaceChange.Fields).Concat(SecureEmbedFields.Fields);

            Assert.All(fields, f => Assert.True(
                f.ErrorId == ErrorIds.Invalid(f.Parameter) || ErrorIds.All.ContainsKey(f.ErrorId),
                $"{f.Parameter}: {f.ErrorId} is neither Invalid{f.Parameter} nor in the catalog"));
            Assert.Contains("the id is usually `Missing` or `Invalid` followed by the parameter name", HelpDocs.Unwrapped(HelpDocs.About));
        }

        /// <summary>Where a page says "Id (…, category X)", X is the category the catalog gives the id.</summary>
        [Fact]
        public void EveryDocumentedCategoryIsTheCatalogs()
        {
            var wrong = new List<string>();
            foreach (var (file, text) in HelpDocs.CmdletPages())
            {
                var notes = Regex.Match(text, "^## NOTES$(?<notes>.*?)^## ", RegexOptions.Multiline | RegexOptions.Singleline).Groups["notes"].Value;
                foreach (Match entry in Regex.Matches(HelpDocs.Unwrapped(notes), "(?<id>[A-Z][a-z][A-Za-z]+) \\((?:[^()]|\\([^()]*\\))*?category (?<category>\\w+)\\)"))
                {
                    var id = entry.Groups["id"].Value;
                    if (ErrorIds.All.TryGetValue(id, out var category) && category.ToString() != entry.Groups["category"].Value)
                    {
                        wrong.Add($"{file}: {id} is documented as {entry.Groups["category"].Value}, the catalog says {category}");
                    }
                }
            }

            Assert.Empty(wrong);
        }

        [Fact]
        public void TheFamiliesAreBuiltFromTheParameterName() =>
            Assert.Equal(("InvalidJoinModel", "MissingEmbedId"), (ErrorIds.Invalid("JoinModel"), ErrorIds.Missing("EmbedId")));

        private static IEnumerable<(string File, string Id)> SourceIdLiterals()
        {
            var source = Path.Combine(HelpDocs.RepositoryRoot, "src");
            foreach (var path in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, path).Replace('\\', '/');
                if (relative.StartsWith("EmbedAdmin.Emulator/", StringComparison.Ordinal) || relative.Contains("/obj/") || relative.Contains("/bin/")
                    || relative == "EmbedAdmin.Core/Errors/ErrorIds.cs")
                {
                    continue;
                }

                // Comments name exception types and ids in prose ("<exception cref=\"InvalidOperationException\">").
                var text = Regex.Replace(File.ReadAllText(path), "^\\s*//.*$", string.Empty, RegexOptions.Multiline);
                var passed = IdPositions.SelectMany(r => r.Matches(text)).Select(m => m.Groups["id"].Value);
                var catalogued = Regex.Matches(text, "\"(?<id>\\w+)\"").Select(m => m.Groups["id"].Value).Where(ErrorIds.All.ContainsKey);
                foreach (var id in passed.Concat(catalogued).Distinct())
                {
                    yield return (relative, id);
                }
            }
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
