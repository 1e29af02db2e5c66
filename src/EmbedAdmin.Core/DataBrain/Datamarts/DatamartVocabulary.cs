using System;
using System.Collections.Generic;
using System.Linq;

namespace EmbedAdmin.Core.DataBrain.Datamarts
{
    /// <summary>The enumerations of docs.usedatabrain.com/api-reference/update-datamart, and their spelling on the wire.</summary>
    public static class DatamartVocabulary
    {
        public const string Table = "TABLE";
        public const string Database = "DATABASE";
        public const string MultiDatabase = "MULTI_DATABASE";

        public static IReadOnlyList<string> TenancyLevels { get; } = new[] { Table, Database, MultiDatabase };

        public static IReadOnlyList<string> ClientColumnTypes { get; } = new[] { "NUMBER", "STRING" };

        public static IReadOnlyList<string> Cardinalities { get; } = new[] { "ManyToMany", "ManyToOne", "OneToMany", "OneToOne" };

        public static IReadOnlyList<string> JoinTypes { get; } = new[] { "INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN" };

        /// <summary>"left join" and "LEFT" both mean "LEFT JOIN".</summary>
        public static string? MatchJoin(string value)
        {
            var trimmed = string.Join(" ", value.Split(new[] { ' ', '\t', '_' }, StringSplitOptions.RemoveEmptyEntries));
            return JoinTypes.FirstOrDefault(j => string.Equals(j, trimmed, StringComparison.OrdinalIgnoreCase)
                || string.Equals(j, trimmed + " JOIN", StringComparison.OrdinalIgnoreCase));
        }
    }
}
