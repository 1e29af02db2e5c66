using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain.Datamarts
{
    /// <summary>One data line of a CSV file, by header, with its line number for messages.</summary>
    public sealed class CsvRecord
    {
        public CsvRecord(int line, IReadOnlyDictionary<string, string> cells)
        {
            Line = line;
            Cells = cells;
        }

        public int Line { get; }

        /// <summary>Cells by header, headers matched without regard to case.</summary>
        public IReadOnlyDictionary<string, string> Cells { get; }
    }

    /// <summary>The tables of one datamart, built from the CSV rows that name it (or name none).</summary>
    public sealed class ColumnsCsvGroup
    {
        public ColumnsCsvGroup(string datamartName, List<DatamartTable> tables)
        {
            DatamartName = datamartName;
            Tables = tables;
        }

        /// <summary>Empty when the rows name no datamart: they belong to the datamart given by -Name.</summary>
        public string DatamartName { get; }

        public List<DatamartTable> Tables { get; }
    }

    /// <summary>
    /// The columns CSV: one row per table column, grouped into tableList. Its columns are the fields of the
    /// datamart table and column tables (<see cref="DatamartFields"/>), in the row form Get-Datamart -AsColumnRows
    /// writes: DatamartName (optional; several datamarts in one file), the table's fields, which repeat on each of
    /// its rows (TableName, SchemaName, TableLabel, TableClientColumn, TableIsHide, IndexPattern), then the
    /// column's (ColumnName, Alias, Label, IsHide, IsCustomColumn, Sql, IsAggregate, IsApplyTimezone) and
    /// Datatype, which is read only and ignored, so an export reads back unchanged. Headers match without regard
    /// to case, so the list response's names (tableName, columnName, clientColumn) are headers too. The table's own
    /// settings may be given on any of its rows; two different values are an error.
    /// </summary>
    public static class ColumnsCsv
    {
        public const string DatamartNameHeader = "DatamartName";

        // A table's fields that a column has too (name, label, isHide), and its tenant column, carry "Table" in
        // the row form; a column's name is "ColumnName". The short forms are older headers, still read.
        private static readonly Dictionary<string, string> TableHeaders = new() { ["Name"] = "TableName", ["Label"] = "TableLabel", ["IsHide"] = "TableIsHide", ["ClientColumn"] = "TableClientColumn" };
        private static readonly Dictionary<string, string> ColumnHeaders = new() { ["Name"] = "ColumnName" };
        private static readonly Dictionary<string, string[]> ShortNames = new() { ["TableName"] = new[] { "Table" }, ["SchemaName"] = new[] { "Schema" }, ["TableClientColumn"] = new[] { "ClientColumn" }, ["ColumnName"] = new[] { "Column" } };

        private static readonly Header[] Headers = new[] { new Header(DatamartNameHeader, null, null) }
            .Concat(DatamartFields.Table.Fields.Where(f => f.Kind != FieldKind.Custom).Select(f => new Header(TableHeaders.TryGetValue(f.Parameter, out var h) ? h : f.Parameter, DatamartFields.Table, f)))
            .Concat(DatamartFields.Column.Fields.Select(f => new Header(ColumnHeaders.TryGetValue(f.Parameter, out var h) ? h : f.Parameter, DatamartFields.Column, f)))
            .Concat(DatamartFields.Column.ReadOnlyColumns.Select(c => new Header(c, null, null)))
            .ToArray();

        /// <summary>The headers Get-Datamart -AsColumnRows writes, in order (the properties of DatamartColumnRow).</summary>
        public static IReadOnlyList<string> HeaderNames { get; } = Headers.Select(h => h.Name).ToList();

        /// <summary>One flat row per column, for Export-Csv and Update-Datamart -ColumnsPath.</summary>
        public static IEnumerable<DatamartColumnRow> Rows(Datamart datamart) =>
            datamart.Tables.SelectMany(table => table.Columns.Select(column =>
            {
                var row = new DatamartColumnRow { DatamartName = datamart.Name, Datatype = column.Datatype };
                foreach (var header in Headers.Where(h => h.Field is not null))
                {
                    RowProperty(header.Name).SetValue(row, header.Table!.Get(header.Field!, header.Table == DatamartFields.Table ? table : column));
                }

                return row;
            }));

        /// <exception cref="EmbedAdminValidationException">The file is missing or is not CSV (ColumnsCsvNotFound, InvalidColumnsCsv).</exception>
        public static IReadOnlyList<CsvRecord> ReadFile(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path, Encoding.UTF8);
            }
            catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new EmbedAdminValidationException(ErrorIds.ColumnsCsvNotFound, "ColumnsPath", $"'{path}' does not exist.");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new EmbedAdminValidationException(ErrorIds.InvalidColumnsCsv, "ColumnsPath", $"'{path}' cannot be read: {exception.Message}");
            }

            return Parse(text);
        }

        /// <summary>RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks. A "#TYPE" first line (Windows PowerShell's Export-Csv) is skipped.</summary>
        public static IReadOnlyList<CsvRecord> Parse(string text)
        {
            var lines = Split(text.TrimStart('\uFEFF'));
            var start = lines.FindIndex(l => !(l.Cells.Count == 1 && l.Cells[0].Length == 0) && !(l.Cells.Count >= 1 && l.Cells[0].StartsWith("#TYPE", StringComparison.Ordinal)));
            if (start < 0)
            {
                throw new EmbedAdminValidationException(ErrorIds.InvalidColumnsCsv, "ColumnsPath", "the file has no header line.");
            }

            var header = lines[start].Cells.Select(h => h.Trim()).ToList();
            var records = new List<CsvRecord>();
            foreach (var line in lines.Skip(start + 1))
            {
                if (line.Cells.All(c => c.Trim().Length == 0))
                {
                    continue;
                }

                if (line.Cells.Count > header.Count)
                {
                    throw new EmbedAdminValidationException(ErrorIds.InvalidColumnsCsv, "ColumnsPath", $"line {line.Number.ToString(CultureInfo.InvariantCulture)} has {line.Cells.Count} cells but the header has {header.Count}.");
                }

                var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < header.Count; i++)
                {
                    cells[header[i]] = i < line.Cells.Count ? line.Cells[i] : string.Empty;
                }

                records.Add(new CsvRecord(line.Number, cells));
            }

            return records;
        }

        /// <summary>Groups rows into each datamart's tableList, in the order tables and columns first appear.</summary>
        public static IReadOnlyList<ColumnsCsvGroup> Group(IReadOnlyList<CsvRecord> records, List<ValidationProblem> problems)
        {
            var groups = new List<ColumnsCsvGroup>();
            if (records.Count == 0)
            {
                problems.Add(new ValidationProblem(ErrorIds.EmptyTableList, "ColumnsPath", "the file has no rows: a datamart needs at least one table with one column."));
                return groups;
            }

            var headers = records[0].Cells.Keys.ToList();
            var unknown = headers.Where(h => h.Length > 0 && Canonical(h) is null).ToList();
            if (unknown.Count > 0)
            {
                problems.Add(new ValidationProblem(ErrorIds.UnknownCsvColumn, "ColumnsPath", $"has columns it does not know: {string.Join(", ", unknown)}. Known: {string.Join(", ", HeaderNames)}."));
                return groups;
            }

            var tableName = Of(DatamartFields.Table, "Name");
            var schemaName = Of(DatamartFields.Table, "SchemaName");
            var columnName = Of(DatamartFields.Column, "Name");
            if (!headers.Any(h => Canonical(h) == tableName) || !headers.Any(h => Canonical(h) == columnName))
            {
                problems.Add(new ValidationProblem(ErrorIds.InvalidColumnsCsv, "ColumnsPath", $"needs a {tableName.Name} and a {columnName.Name} column."));
                return groups;
            }

            var settings = Headers.Where(h => h.Table == DatamartFields.Table && h != tableName && h != schemaName).ToList();
            var columnFields = Headers.Where(h => h.Table == DatamartFields.Column && h != columnName).ToList();
            var tables = new Dictionary<(string Datamart, string Schema, string Table), (DatamartTable Model, Dictionary<string, (string Value, int Line)> Settings)>();
            foreach (var record in records)
            {
                string Cell(Header header) => record.Cells.Where(c => Canonical(c.Key) == header).Select(c => c.Value.Trim()).FirstOrDefault(v => v.Length > 0) ?? string.Empty;
                var where = $"ColumnsPath (line {record.Line.ToString(CultureInfo.InvariantCulture)})";
                var datamart = Cell(Headers[0]);
                var table = Cell(tableName);
                var column = Cell(columnName);
                if (table.Length == 0)
                {
                    problems.Add(new ValidationProblem(ErrorIds.MissingTableName, where, tableName.Name + " is empty."));
                    continue;
                }

                if (column.Length == 0)
                {
                    problems.Add(new ValidationProblem(ErrorIds.MissingColumnName, where, columnName.Name + " is empty."));
                    continue;
                }

                var key = (datamart, Cell(schemaName), table);
                if (!tables.TryGetValue(key, out var entry))
                {
                    var group = groups.FirstOrDefault(g => g.DatamartName == datamart);
                    if (group is null)
                    {
                        group = new ColumnsCsvGroup(datamart, new List<DatamartTable>());
                        groups.Add(group);
                    }

                    entry = (new DatamartTable { Name = table, SchemaName = NullIfEmpty(key.Item2) }, new Dictionary<string, (string, int)>(StringComparer.Ordinal));
                    group.Tables.Add(entry.Model);
                    tables[key] = entry;
                }

                foreach (var setting in settings)
                {
                    var value = Cell(setting);
                    if (value.Length == 0)
                    {
                        continue;
                    }

                    if (entry.Settings.TryGetValue(setting.Name, out var earlier))
                    {
                        if (earlier.Value != value)
                        {
                            problems.Add(new ValidationProblem(ErrorIds.InconsistentTableSetting, where, $"{setting.Name} of table '{table}' is '{value}', but line {earlier.Line.ToString(CultureInfo.InvariantCulture)} says '{earlier.Value}'."));
                        }

                        continue;
                    }

                    entry.Settings[setting.Name] = (value, record.Line);
                    Set(setting, entry.Model, value, where, problems);
                }

                var model = new DatamartColumn { Name = column };
                foreach (var field in columnFields)
                {
                    Set(field, model, Cell(field), where, problems);
                }

                entry.Model.Columns.Add(model);
            }

            return groups;
        }

        private static Header? Canonical(string header) =>
            Headers.FirstOrDefault(h => string.Equals(h.Name, header.Trim(), StringComparison.OrdinalIgnoreCase)
                || (ShortNames.TryGetValue(h.Name, out var aliases) && aliases.Any(a => string.Equals(a, header.Trim(), StringComparison.OrdinalIgnoreCase))));

        private static Header Of(FieldTable table, string parameter) => Headers.Single(h => h.Table == table && h.Field!.Parameter == parameter);

        private static System.Reflection.PropertyInfo RowProperty(string header) =>
            typeof(DatamartColumnRow).GetProperty(header) ?? throw new InvalidOperationException($"DatamartColumnRow has no property {header}.");

        /// <summary>A cell's value onto the model, read as its field's kind; an empty cell is not set.</summary>
        private static void Set(Header header, object model, string cell, string where, List<ValidationProblem> problems)
        {
            if (cell.Length == 0)
            {
                return;
            }

            if (header.Field!.Kind != FieldKind.Boolean)
            {
                header.Table!.Set(header.Field, model, cell);
            }
            else if (FieldValues.TryParseBoolean(cell, out var flag))
            {
                header.Table!.Set(header.Field, model, flag ?? false);
            }
            else
            {
                problems.Add(new ValidationProblem(ErrorIds.InvalidBooleanValue, where, $"{header.Name}: {FieldValues.BooleanRule}; got '{cell}'."));
            }
        }

        private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

        /// <summary>One column of the CSV: the field it sets (none for DatamartName and read-only ones).</summary>
        private sealed class Header
        {
            public Header(string name, FieldTable? table, FieldSpec? field)
            {
                Name = name;
                Table = table;
                Field = field;
            }

            public string Name { get; }

            public FieldTable? Table { get; }

            public FieldSpec? Field { get; }
        }

        private static List<(int Number, List<string> Cells)> Split(string text)
        {
            var lines = new List<(int, List<string>)>();
            var cells = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            var line = 1;
            var startLine = 1;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }

                        cell.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    cells.Add(cell.ToString());
                    cell.Clear();
                }
                else if (c == '\r' || c == '\n')
                {
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    cells.Add(cell.ToString());
                    cell.Clear();
                    lines.Add((startLine, cells));
                    cells = new List<string>();
                    line++;
                    startLine = line;
                }
                else
                {
                    cell.Append(c);
                }
            }

            if (cell.Length > 0 || cells.Count > 0)
            {
                cells.Add(cell.ToString());
                lines.Add((startLine, cells));
            }

            return lines;
        }
    }
}
