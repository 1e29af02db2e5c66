using System.Linq;
using System.Text.RegularExpressions;
using EmbedAdmin.Core.Listing;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    public class NameFilterTests
    {
        private static readonly string[] Names = { "Finance", "Sales Analytics", "analytics-workspace", "sales-datamart" };

        // Stands in for PowerShell's WildcardPattern, which the cmdlet layer passes in.
        private static NamePattern Pattern(string text)
        {
            var regex = new Regex("^" + Regex.Escape(text).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.IgnoreCase);
            return new NamePattern(text, text.IndexOfAny(new[] { '*', '?' }) >= 0, regex.IsMatch);
        }

        private static NameSelection<string> Select(params string[] patterns) => new NameFilter(patterns.Select(Pattern)).Select(Names, n => n);

        [Fact]
        public void NoPatternSelectsEverythingInListOrder()
        {
            var selection = NameFilter.All.Select(Names, n => n);

            Assert.Equal(Names, selection.Matches);
            Assert.Empty(selection.Missing);
        }

        [Fact]
        public void EmptyPatternsCountAsNone() =>
            Assert.Equal(Names, Select("", "  ").Matches);

        [Fact]
        public void WildcardsSelectInListOrderEachItemOnce()
        {
            var selection = Select("*analytics*", "sales*");

            Assert.Equal(new[] { "Sales Analytics", "analytics-workspace", "sales-datamart" }, selection.Matches);
            Assert.Empty(selection.Missing);
        }

        [Fact]
        public void APlainNameThatMatchesNothingIsMissingButAWildcardIsNot()
        {
            var selection = Select("Finance", "nope", "zz*");

            Assert.Equal(new[] { "Finance" }, selection.Matches);
            Assert.Equal(new[] { "nope" }, selection.Missing);
        }

        [Fact]
        public void MatchingFollowsThePredicateGiven() =>
            Assert.Equal(new[] { "Sales Analytics" }, Select("sales analytics").Matches);

        [Fact]
        public void NullNamesMatchAsEmpty() =>
            Assert.Empty(new NameFilter(new[] { Pattern("x") }).Select(new string?[] { null }, n => n).Matches);

        [Fact]
        public void MissingNamesAreReportedOnce() =>
            Assert.Equal(new[] { "nope" }, Select("nope", "nope").Missing);

        [Fact]
        public void APatternFromTheCmdletLayerIsUsedAsIs()
        {
            var calls = 0;
            var filter = new NameFilter(new[] { new NamePattern("X", false, n => { calls++; return n == "Finance"; }) });

            Assert.Equal(new[] { "Finance" }, filter.Select(Names, n => n).Matches);
            Assert.Equal(Names.Length, calls);
        }
    }
}
