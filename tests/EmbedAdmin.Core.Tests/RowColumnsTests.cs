using System;
using System.Collections.Generic;
using System.Linq;
using EmbedAdmin.Core.Requests;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    public class RowColumnsTests
    {
        private static readonly IReadOnlyList<ColumnTarget> Targets = new[]
        {
            new ColumnTarget("EmbedId", Array.Empty<string>()),
            new ColumnTarget("AllowEmailReports", new[] { "isAllowEmailReports" }),
            new ColumnTarget("AllowUnderlyingData", new[] { "isAllowUnderlyingData" }),
            new ColumnTarget("JoinModel", Array.Empty<string>()),
            new ColumnTarget("TableTenancySettings", new[] { "tableList" }),
        };

        private static ColumnReport Check(params (string Column, object? Value)[] row) =>
            RowColumns.Check(row.ToDictionary(c => c.Column, c => c.Value), Targets, c => c == "Name");

        [Theory]
        [InlineData("isAllowEmailReport", "isAllowEmailReports")]
        [InlineData("isAlowUnderlyingData", "isAllowUnderlyingData")]
        [InlineData("Allow Email Reports", "AllowEmailReports")]
        [InlineData("allow_email_reports", "AllowEmailReports")]
        [InlineData("JoinModle", "JoinModel")]
        [InlineData("EmbedIds", "EmbedId")]
        [InlineData("tablelists", "tableList")]
        public void ANearMissNamesTheFieldItProbablyMeant(string column, string meant)
        {
            var report = Check(("EmbedId", "e"), (column, "false"));

            var problem = Assert.Single(report.Problems);
            Assert.Equal(RowColumns.UnknownColumn, problem.ErrorId);
            Assert.Equal(column, problem.Field);
            Assert.Contains($"'{meant}'", problem.Rule, StringComparison.Ordinal);
            Assert.Empty(report.Unbound);
        }

        [Theory]
        [InlineData("notes")]
        [InlineData("Owner")]
        [InlineData("isAllowEmail")]
        [InlineData("Join")]
        public void AColumnFarFromEveryFieldIsOnlyUnbound(string column)
        {
            var report = Check(("EmbedId", "e"), (column, "x"));

            Assert.Empty(report.Problems);
            Assert.Equal(new[] { column }, report.Unbound);
        }

        [Fact]
        public void QuietColumnsAreNeitherUnboundNorNearMisses()
        {
            var report = Check(("EmbedId", "e"), ("Name", "x"));

            Assert.Empty(report.Problems);
            Assert.Empty(report.Unbound);
        }

        [Fact]
        public void TwoColumnsForOneFieldWithDifferentValuesConflict()
        {
            var report = Check(("EmbedId", "e"), ("isAllowEmailReports", "false"), ("AllowEmailReports", "true"));

            var problem = Assert.Single(report.Problems);
            Assert.Equal(RowColumns.ConflictingColumns, problem.ErrorId);
            Assert.Equal("AllowEmailReports", problem.Field);
            Assert.Contains("'isAllowEmailReports'", problem.Rule, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("false", "false")]
        [InlineData("false", "0")]
        [InlineData("yes", "True")]
        [InlineData("false", "")]
        [InlineData(" multi", "multi ")]
        public void TwoColumnsThatAgreeOrLeaveOneEmptyAreFine(string a, string b)
        {
            var report = Check(("EmbedId", "e"), ("isAllowEmailReports", a), ("AllowEmailReports", b));

            Assert.Empty(report.Problems);
        }

        [Theory]
        [InlineData("isallowemailreport", "isallowemailreports", 1)]
        [InlineData("joinmodel", "joinmodle", 1)]
        [InlineData("", "abc", 3)]
        [InlineData("kitten", "sitting", 3)]
        public void DistanceCountsInsertsDeletesReplacementsAndSwaps(string a, string b, int expected) =>
            Assert.Equal(expected, RowColumns.Distance(a, b));

        [Fact]
        public void ShortNamesMustMatchExactly()
        {
            var targets = new[] { new ColumnTarget("Name", Array.Empty<string>()) };

            Assert.Null(RowColumns.NearestName("Nam", targets));
            Assert.Equal("Name", RowColumns.NearestName("N_A_M_E", targets));
        }
    }
}
