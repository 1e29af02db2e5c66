using System;
using System.Collections.Generic;

namespace EmbedAdmin.Core.Models
{
    /// <summary>
    /// A DataBrain datasource. The list (docs.usedatabrain.com/api-reference/list-datasources) returns names only,
    /// so from Get-Datasource every other property is null; from New-/Set-Datasource -PassThru they hold what was
    /// sent, without the secret.
    /// </summary>
    public sealed class Datasource
    {
        public string Name { get; set; } = string.Empty;

        /// <summary>The same value under the name the datasource parameters of other cmdlets bind from.</summary>
        public string DatasourceName => Name;

        public string? DatasourceType { get; set; }

        /// <summary>The user the credential names; the password is never kept.</summary>
        public string? UserName { get; set; }

        /// <summary>The connection fields sent besides the credential (host, port, database, …).</summary>
        public IReadOnlyDictionary<string, object?>? Connection { get; set; }

        public bool? HasTenancySettings { get; set; }

        /// <summary>When Sync-Datasource had the schema read again.</summary>
        public DateTimeOffset? SyncedAt { get; set; }

        /// <summary>What the service said, for Remove-Datasource -PassThru and Sync-Datasource.</summary>
        public string? Message { get; set; }

        public override string ToString() => Name;
    }
}
