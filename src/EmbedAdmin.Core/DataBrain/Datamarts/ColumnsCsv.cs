using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using EmbedAdmin.Core.Errors;
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
        public ColumnsCsvGroup(string datamartName, List<TableBody> tables)
        {
            DatamartName = datamartName;
            Tables = tables;
        }

        /// <summary>Empty when the rows name no datamart: they belong to the datamart given by -Name.</summary>
        public string DatamartName { get; }

        public List<TableBody> Tables { get; }
    }

    /// <summary>
    /// The columns CSV: one row per table column, grouped into tableList. Headers (any case):
    /// DatamartName (optional; several datamarts in one file), TableName (or Table), SchemaName (or Schema),
    /// TableLabel, TableClientColumn (or ClientColumn), TableIsHide, IndexPattern, ColumnName (or Column),
    /// Alias, Label, IsHide, IsCustomColumn, Sql, IsAggregate, IsApplyTimezone, and Datatype, which is read
    /// only and ignored, so Get-Datamart -AsColumnRows | Export-Csv gives a file this reads back unchanged.
    /// The table's own settings may be given on any of its rows; two different values are an error.
    /// </summary>
    public static class ColumnsCsv
    {
        private static readonly (string Name, string[] Aliases)[] Headers =
        {
            ("DatamartName", new string[0]), ("TableName", new[] { "Table" }), ("SchemaName", new[] { "Schema" }), ("TableLabel", new string[0]),
            ("TableClientColumn", new[] { "ClientColumn" }), ("TableIsHide", new string[0]), ("IndexPattern", new string[0]),
            ("ColumnName", new[] { "Column" }), ("Alias", new string[0]), ("Label", new string[0]), ("IsHide", new string[0]),
            ("IsCustomColumn", new string[0]), ("Sql", new string[0]), ("IsAggregate", new string[0]), ("IsApplyTimezone", new string[0]),
            ("Datatype", new string[0]),
        };

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
                throw new EmbedAdminValidationException("ColumnsCsvNotFound", "ColumnsPath", $"'{path}' does not exist.");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new EmbedAdminValidationException("InvalidColumnsCsv", "ColumnsPath", $"'{path}' cannot be read: {exception.Message}");
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
                throw new EmbedAdminValidationException("InvalidColumnsCsv", "ColumnsPath", "the file has no header line.");
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
                    throw new EmbedAdminValidationException("InvalidColumnsCsv", "ColumnsPath", $"line {line.Number.ToString(CultureInfo.InvariantCulture)} has {line.Cells.Count} cells but the header has {header.Count}.");
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
                problems.Add(new ValidationProblem("EmptyTableList", "ColumnsPath", "the file has no rows: a datamart needs at least one table with one column."));
                return groups;
            }

            var headers = records[0].Cells.Keys.ToList();
            var unknown = headers.Where(h => h.Length > 0 && Canonical(h) is null).ToList();
            if (unknown.Count > 0)
            {
                problems.Add(new ValidationProblem("UnknownCsvColumn", "ColumnsPath", $"has columns it does not know: {string.Join(", ", unknown)}. Known: {string.Join(", ", Headers.Select(h => h.Name))}."));
                return groups;
            }

            if (!headers.Any(h => Canonical(h) == "TableName") || !headers.Any(h => Canonical(h) == "ColumnName"))
            {
                problems.Add(new ValidationProblem("InvalidColumnsCsv", "ColumnsPath", "needs a TableName and a ColumnName column."));
                return groups;
            }

            var tables = new Dictionary<(string Datamart, string Schema, string Table), (TableBody Body, Dictionary<string, (string Value, int Line)> Settings)>();
            foreach (var record in records)
            {
                string Cell(string name) => record.Cells.Where(c => Canonical(c.Key) == name).Select(c => c.Value.Trim()).FirstOrDefault(v => v.Length > 0) ?? string.Empty;
                var where = $"ColumnsPath (line {record.Line.ToString(CultureInfo.InvariantCulture)})";
                var datamart = Cell("DatamartName");
                var tableName = Cell("TableName");
                var columnName = Cell("ColumnName");
                if (tableName.Length == 0)
                {
                    problems.Add(new ValidationProblem("MissingTableName", where, "TableName is empty."));
                    continue;
                }

                if (columnName.Length == 0)
                {
                    problems.Add(new ValidationProblem("MissingColumnName", where, "ColumnName is empty."));
                    continue;
                }

                var key = (datamart, Cell("SchemaName"), tableName);
                if (!tables.TryGetValue(key, out var table))
                {
                    var group = groups.FirstOrDefault(g => g.DatamartName == datamart);
                    if (group is null)
                    {
                        group = new ColumnsCsvGroup(datamart, new List<TableBody>());
                        groups.Add(group);
                    }

                    table = (new TableBody { Name = tableName, SchemaName = NullIfEmpty(key.Item2) }, new Dictionary<string, (string, int)>(StringComparer.Ordinal));
                    group.Tables.Add(table.Body);
                    tables[key] = table;
                }

                foreach (var setting in new[] { "TableLabel", "TableClientColumn", "TableIsHide", "IndexPattern" })
                {
                    var value = Cell(setting);
                    if (value.Length == 0)
                    {
                        continue;
                    }

                    if (table.Settings.TryGetValue(setting, out var earlier) && earlier.Value != value)
                    {
                        problems.Add(new ValidationProblem("InconsistentTableSetting", where, $"{setting} of table '{tableName}' is '{value}', but line {earlier.Line.ToString(CultureInfo.InvariantCulture)} says '{earlier.Value}'."));
                        continue;
                    }

                    table.Settings[setting] = (value, record.Line);
                }

                table.Body.Label = Setting(table.Settings, "TableLabel");
                table.Body.ClientColumn = Setting(table.Settings, "TableClientColumn");
                table.Body.IndexPattern = Setting(table.Settings, "IndexPattern");
                table.Body.IsHide = Flag(Setting(table.Settings, "TableIsHide"), where, "TableIsHide", problems);
                table.Body.Columns.Add(new ColumnBody
                {
                    Name = columnName,
                    Alias = NullIfEmpty(Cell("Alias")),
                    Label = NullIfEmpty(Cell("Label")),
                    IsHide = Flag(Cell("IsHide"), where, "IsHide", problems),
                    IsCustomColumn = Flag(Cell("IsCustomColumn"), where, "IsCustomColumn", problems),
                    Sql = NullIfEmpty(Cell("Sql")),
                    IsAggregate = Flag(Cell("IsAggregate"), where, "IsAggregate", problems),
                    IsApplyTimezone = Flag(Cell("IsApplyTimezone"), where, "IsApplyTimezone", problems),
                });
            }

            return groups;
        }

        private static string? Canonical(string header) =>
            Headers.Where(h => string.Equals(h.Name, header.Trim(), StringComparison.OrdinalIgnoreCase) || h.Aliases.Any(a => string.Equals(a, header.Trim(), StringComparison.OrdinalIgnoreCase)))
                .Select(h => h.Name)
                .FirstOrDefault();

        private static string? Setting(Dictionary<string, (string Value, int Line)> settings, string name) =>
            settings.TryGetValue(name, out var value) ? value.Value : null;

        private static bool? Flag(string? cell, string where, string name, List<ValidationProblem> problems)
        {
            if (FieldValues.TryParseBoolean(cell, out var flag))
            {
                return flag;
            }

            problems.Add(new ValidationProblem("InvalidBooleanValue", where, $"{name}: {FieldValues.BooleanRule}; got '{cell}'."));
            return null;
        }

        private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

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
