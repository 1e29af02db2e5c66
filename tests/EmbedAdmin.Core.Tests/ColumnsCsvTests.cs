using System.Collections.Generic;
using System.Linq;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Errors;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>The columns CSV: one row per table column, grouped into tableList.</summary>
    public class ColumnsCsvTests
    {
        private static (IReadOnlyList<ColumnsCsvGroup> Groups, List<ValidationProblem> Problems) Group(string csv)
        {
            var problems = new List<ValidationProblem>();
            return (ColumnsCsv.Group(ColumnsCsv.Parse(csv), problems), problems);
        }

        [Fact]
        public void QuotedCellsHoldCommasQuotesAndLineBreaks()
        {
            var records = ColumnsCsv.Parse("\uFEFFTableName,ColumnName,Sql\r\norders,net,\"coalesce(a, 0) - \"\"tax\"\"\nplus more\"\r\norders,id,\r\n");

            Assert.Equal(2, records.Count);
            Assert.Equal("coalesce(a, 0) - \"tax\"\nplus more", records[0].Cells["sql"]);
            Assert.Equal((2, 4), (records[0].Line, records[1].Line));
        }

        [Fact]
        public void TheTypeLineOfWindowsPowerShellAndBlankLinesAreSkipped()
        {
            var records = ColumnsCsv.Parse("#TYPE EmbedAdmin.Core.Models.DatamartColumnRow\n\"TableName\",\"ColumnName\"\n\n\"orders\",\"id\"\n,\n");

            Assert.Equal("orders", Assert.Single(records).Cells["TableName"]);
        }

        [Fact]
        public void RowsAreGroupedInTheOrderTablesAndColumnsFirstAppear()
        {
            var (groups, problems) = Group("Table,Column,Schema\ncustomers,id,public\norders,id,public\ncustomers,name,public\ninvoices,id,billing\ninvoices,id,public\n");

            Assert.Empty(problems);
            var tables = Assert.Single(groups).Tables;
            Assert.Equal(new[] { "public.customers", "public.orders", "billing.invoices", "public.invoices" }, tables.Select(t => t.SchemaName + "." + t.Name));
            Assert.Equal(new[] { "id", "name" }, tables[0].Columns.Select(c => c.Name));
        }

        [Fact]
        public void EveryColumnSettingIsRead()
        {
            var (groups, problems) = Group("TableName,TableLabel,TableClientColumn,TableIsHide,IndexPattern,ColumnName,Alias,Label,IsHide,IsCustomColumn,Sql,IsAggregate,IsApplyTimezone,Datatype\n"
                + "logs,Logs,tenant,no,logs-*,net,n,Net,yes,true,a - b,1,0,NUMBER\n");

            Assert.Empty(problems);
            var table = groups[0].Tables[0];
            Assert.Equal(("Logs", "tenant", false, "logs-*"), (table.Label, table.ClientColumn, table.IsHide, table.IndexPattern));
            var column = table.Columns[0];
            Assert.Equal(("n", "Net", true, true, "a - b", true, false), (column.Alias, column.Label, column.IsHide, column.IsCustomColumn, column.Sql, column.IsAggregate, column.IsApplyTimezone));
        }

        [Fact]
        public void ATableSettingMayBeOnAnyOfItsRowsButMustAgree()
        {
            var (groups, problems) = Group("TableName,TableLabel,ColumnName\norders,,id\norders,Orders,amount\norders,Sales,status\n");

            Assert.Equal("Orders", groups[0].Tables[0].Label);
            var problem = Assert.Single(problems);
            Assert.Equal("InconsistentTableSetting", problem.ErrorId);
            Assert.Contains("line 4", problem.Field);
            Assert.Contains("line 3 says 'Orders'", problem.Rule);
        }

        [Theory]
        [InlineData("TableName,ColumnName,Lable\norders,id,x\n", "UnknownCsvColumn")]
        [InlineData("TableName,Alias\norders,x\n", "InvalidColumnsCsv")]
        [InlineData("TableName,ColumnName\n,id\n", "MissingTableName")]
        [InlineData("TableName,ColumnName\norders,\n", "MissingColumnName")]
        [InlineData("TableName,ColumnName,IsHide\norders,id,sometimes\n", "InvalidBooleanValue")]
        [InlineData("TableName,ColumnName\n", "EmptyTableList")]
        public void BadFilesAreNamedPrecisely(string csv, string id) => Assert.Equal(id, Group(csv).Problems.First().ErrorId);

        [Fact]
        public void ARowWithMoreCellsThanTheHeaderIsRefused() =>
            Assert.Equal("InvalidColumnsCsv", Assert.Throws<EmbedAdminValidationException>(() => ColumnsCsv.Parse("TableName,ColumnName\norders,id,extra\n")).ErrorId);

        [Fact]
        public void TheDatamartNameColumnSplitsTheFile()
        {
            var (groups, _) = Group("DatamartName,TableName,ColumnName\na,t,c\nb,t,c\na,u,c\n");

            Assert.Equal(new[] { "a", "b" }, groups.Select(g => g.DatamartName));
            Assert.Equal(new[] { "t", "u" }, groups[0].Tables.Select(t => t.Name));
        }
    }
}
