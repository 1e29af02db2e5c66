using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Core.Requests
{
    /// <summary>One thing a row's column can set: a parameter, under its own name and every alias it binds by.</summary>
    public sealed class ColumnTarget
    {
        public ColumnTarget(string name, IEnumerable<string> aliases)
        {
            Name = name;
            Names = new[] { name }.Concat(aliases).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        public string Name { get; }

        /// <summary>The parameter's name and its aliases: every column name that binds to it.</summary>
        public IReadOnlyList<string> Names { get; }
    }

    /// <summary>What the columns of one row came to: problems that stop the row, and columns that bind to nothing.</summary>
    public sealed class ColumnReport
    {
        public ColumnReport(IReadOnlyList<ValidationProblem> problems, IReadOnlyList<string> unbound)
        {
            Problems = problems;
            Unbound = unbound;
        }

        public IReadOnlyList<ValidationProblem> Problems { get; }

        /// <summary>Columns that set nothing and are not near any field: worth one warning, not a refusal.</summary>
        public IReadOnlyList<string> Unbound { get; }
    }

    /// <summary>
    /// The rules for the columns of a row from outside the module (a CSV line, a hashtable turned object): a value
    /// must never be dropped or chosen silently. A column that is almost a field's name stops the row
    /// (<see cref="UnknownColumn"/>); two columns for one field with different values stop it
    /// (<see cref="ConflictingColumns"/>); any other column that binds to nothing is reported, once, as unbound.
    /// </summary>
    public static class RowColumns
    {
        /// <summary>A column that binds to nothing but is within a small edit distance of a field's name.</summary>
        public const string UnknownColumn = ErrorIds.UnknownColumn;

        /// <summary>Two columns of one row set the same field to different values.</summary>
        public const string ConflictingColumns = ErrorIds.ConflictingColumns;

        /// <param name="row">The row's columns and values.</param>
        /// <param name="targets">What the columns may bind to (the cmdlet's pipeline parameters).</param>
        /// <param name="isQuiet">Columns taken without binding or ignored on purpose: read-only output columns, -IgnoreColumn.</param>
        public static ColumnReport Check(IReadOnlyDictionary<string, object?> row, IReadOnlyList<ColumnTarget> targets, Func<string, bool> isQuiet)
        {
            var problems = new List<ValidationProblem>();
            var unbound = new List<string>();
            var bound = new Dictionary<ColumnTarget, List<KeyValuePair<string, object?>>>();
            foreach (var column in row)
            {
                var target = targets.FirstOrDefault(t => t.Names.Any(n => string.Equals(n, column.Key, StringComparison.OrdinalIgnoreCase)));
                if (target is not null)
                {
                    if (!bound.TryGetValue(target, out var columns))
                    {
                        bound[target] = columns = new List<KeyValuePair<string, object?>>();
                    }

                    columns.Add(column);
                    continue;
                }

                if (isQuiet(column.Key))
                {
                    continue;
                }

                var meant = NearestName(column.Key, targets);
                if (meant is not null)
                {
                    problems.Add(new ValidationProblem(
                        UnknownColumn,
                        column.Key,
                        $"is not a column this command reads; did you mean '{meant}'? Nothing was sent for this row. Rename the column, or pass -IgnoreColumn '{column.Key}' if it is not meant to be applied."));
                }
                else
                {
                    unbound.Add(column.Key);
                }
            }

            foreach (var pair in bound.Where(p => p.Value.Count > 1))
            {
                var set = pair.Value.Where(c => !FieldValues.IsUnset(c.Value)).ToList();
                if (set.Select(c => Normal(c.Value)).Distinct(StringComparer.Ordinal).Count() > 1)
                {
                    var listed = string.Join(" and ", set.Select(c => $"'{c.Key}' ({FieldValues.Describe(c.Value)})"));
                    problems.Add(new ValidationProblem(
                        ConflictingColumns,
                        pair.Key.Name,
                        $"is set by the columns {listed} with different values; keep one of them. Nothing was sent for this row."));
                }
            }

            return new ColumnReport(problems, unbound);
        }

        /// <summary>
        /// The name a column was probably meant to be, or null. Case and the separators people put in headers
        /// (space, '_', '-', '.') are ignored; then up to one typing slip is allowed in a name of 5 to 10
        /// characters and two in a longer one. Shorter names must match exactly, or every short column would
        /// look like one of them.
        /// </summary>
        public static string? NearestName(string column, IEnumerable<ColumnTarget> targets)
        {
            var typed = Simplify(column);
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var name in targets.SelectMany(t => t.Names))
            {
                var known = Simplify(name);
                var distance = Distance(typed, known);
                if (distance <= Allowed(known) && distance < bestDistance)
                {
                    best = name;
                    bestDistance = distance;
                }
            }

            return best;
        }

        /// <summary>
        /// Edit distance: inserts, deletes, replacements and swaps of two neighbouring letters each count one
        /// (a swap is the commonest slip when typing a header).
        /// </summary>
        public static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (var i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (var j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(d[i - 1, j - 1] + cost, Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1));
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                    }
                }
            }

            return d[a.Length, b.Length];
        }

        private static int Allowed(string name) => name.Length < 5 ? 0 : name.Length <= 10 ? 1 : 2;

        private static string Simplify(string name) =>
            new string(name.Where(c => c is not (' ' or '_' or '-' or '.')).Select(char.ToLowerInvariant).ToArray());

        // Two cells mean the same when they read as the same flag (true / yes / 1) or, otherwise, the same text.
        private static string Normal(object? value)
        {
            if (FieldValues.TryParseBoolean(value, out var flag) && flag.HasValue)
            {
                return flag.Value ? "true" : "false";
            }

            return value switch
            {
                string text => text.Trim(),
                IEnumerable sequence and not IDictionary => string.Join(";", sequence.Cast<object?>().Select(Normal)),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? string.Empty,
            };
        }
    }
}
