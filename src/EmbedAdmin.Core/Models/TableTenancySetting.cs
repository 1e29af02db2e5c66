using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using EmbedAdmin.Core.Json;

namespace EmbedAdmin.Core.Models
{
    /// <summary>One table an embed may read, with the column that holds the tenant (accessSettings.tableTenancySettings[]).</summary>
    public sealed class TableTenancySetting
    {
        public TableTenancySetting()
        {
        }

        public TableTenancySetting(string name, string clientColumn)
        {
            Name = name;
            ClientColumn = clientColumn;
        }

        [JsonPropertyName("name")]
        public string Name { get; set; } = string.Empty;

        [JsonPropertyName("clientColumn")]
        public string ClientColumn { get; set; } = string.Empty;

        public override string ToString() => $"{Name}:{ClientColumn}";

        /// <summary>A list as the one CSV cell <see cref="Parse"/> reads back: "customers:tenant_id;orders:tenant_id".</summary>
        public static object? ToCell(object? value) =>
            value is IEnumerable<TableTenancySetting> settings ? string.Join(";", settings.Select(s => s.ToString())) : null;

        /// <summary>
        /// Reads what a person can write: objects or hashtables with Name and ClientColumn, a JSON array (the
        /// API's own shape, or the older "tableList" items, which have the same two fields), or the compact
        /// "table:column;table2:column2" form that fits in one CSV cell.
        /// </summary>
        public static IReadOnlyList<TableTenancySetting> Parse(object value)
        {
            switch (value)
            {
                case TableTenancySetting single:
                    return new[] { single };
                case string text:
                    return ParseText(text);
                case IDictionary dictionary:
                    return new[] { FromDictionary(dictionary) };
                case IEnumerable sequence:
                    return sequence.Cast<object?>().Where(item => item is not null).SelectMany(item => Parse(item!)).ToList();
                default:
                    throw new FormatException($"expects objects with Name and ClientColumn, a JSON array, or 'table:column;…'; got a {value.GetType().Name}.");
            }
        }

        private static IReadOnlyList<TableTenancySetting> ParseText(string text)
        {
            var trimmed = text.Trim();
            if (trimmed.StartsWith("[", StringComparison.Ordinal) || trimmed.StartsWith("{", StringComparison.Ordinal))
            {
                try
                {
                    return trimmed.StartsWith("[", StringComparison.Ordinal)
                        ? JsonSerializer.Deserialize<List<TableTenancySetting>>(trimmed, EmbedAdminJson.Options) ?? new List<TableTenancySetting>()
                        : new[] { JsonSerializer.Deserialize<TableTenancySetting>(trimmed, EmbedAdminJson.Options)! };
                }
                catch (JsonException exception)
                {
                    throw new FormatException("is not valid JSON: " + exception.Message);
                }
            }

            var result = new List<TableTenancySetting>();
            foreach (var pair in trimmed.Split(new[] { ';', '|' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split(new[] { ':', '=' }, 2);
                if (parts.Length != 2)
                {
                    throw new FormatException($"expects 'table:column' pairs separated by ';'; got '{pair.Trim()}'.");
                }

                result.Add(new TableTenancySetting(parts[0].Trim(), parts[1].Trim()));
            }

            return result;
        }

        private static TableTenancySetting FromDictionary(IDictionary dictionary)
        {
            string Read(params string[] names)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (names.Any(n => string.Equals(n, entry.Key?.ToString(), StringComparison.OrdinalIgnoreCase)))
                    {
                        return entry.Value?.ToString()?.Trim() ?? string.Empty;
                    }
                }

                return string.Empty;
            }

            return new TableTenancySetting(Read("name", "tableName", "table"), Read("clientColumn", "column"));
        }
    }
}
