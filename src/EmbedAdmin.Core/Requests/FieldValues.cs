using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace EmbedAdmin.Core.Requests
{
    /// <summary>How values from parameters and CSV cells are read: the same rules for every cmdlet.</summary>
    public static class FieldValues
    {
        public const string BooleanRule = "expects true/false, yes/no or 1/0";

        private static readonly string[] TrueWords = { "true", "yes", "1", "$true" };
        private static readonly string[] FalseWords = { "false", "no", "0", "$false" };

        /// <summary>
        /// Null, an empty string or only blanks: a CSV cell that was left empty. It means "not set", never
        /// "clear this field", so a sparse CSV cannot wipe settings by accident.
        /// </summary>
        public static bool IsUnset(object? value) => value switch
        {
            null => true,
            string text => string.IsNullOrWhiteSpace(text),
            // A string[] parameter bound from an empty CSV cell arrives as [""]: still "not set".
            IEnumerable sequence and not IDictionary => sequence.Cast<object?>().All(IsUnset),
            _ => false,
        };

        public static bool TryParseBoolean(object? value, out bool? result)
        {
            result = null;
            switch (value)
            {
                case null:
                    return true;
                case bool flag:
                    result = flag;
                    return true;
                case int or long or short or byte or sbyte or uint or ulong or ushort:
                    var number = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    if (number is 0 or 1)
                    {
                        result = number == 1;
                        return true;
                    }

                    return false;
                case string text:
                    var word = text.Trim();
                    if (word.Length == 0)
                    {
                        return true;
                    }

                    if (TrueWords.Contains(word, StringComparer.OrdinalIgnoreCase))
                    {
                        result = true;
                        return true;
                    }

                    if (FalseWords.Contains(word, StringComparer.OrdinalIgnoreCase))
                    {
                        result = false;
                        return true;
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary>The allowed spelling of <paramref name="value"/>, matched without regard to case.</summary>
        public static string? MatchAllowed(string value, IReadOnlyList<string> allowed) =>
            allowed.FirstOrDefault(a => string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase));

        public static string Describe(object? value) => value switch
        {
            null => "nothing",
            string text => "'" + text + "'",
            IEnumerable sequence and not IDictionary => "a list",
            _ => "'" + Convert.ToString(value, CultureInfo.InvariantCulture) + "'",
        };
    }
}
