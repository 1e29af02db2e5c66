using System;
using System.Collections.Generic;
using System.Linq;

namespace EmbedAdmin.Core.DataBrain.Datasources
{
    /// <summary>
    /// One datasourceType: where the PSCredential's user name and password go in "credentials", and which other
    /// connection fields a complete credential set has.
    /// </summary>
    public sealed class DatasourceType
    {
        internal DatasourceType(string name, string userField, string secretField, params string[] required)
        {
            Name = name;
            UserField = userField;
            SecretField = secretField;
            RequiredFields = required;
        }

        public string Name { get; }

        /// <summary>The credentials field the PSCredential's user name fills.</summary>
        public string UserField { get; }

        /// <summary>The credentials field the PSCredential's password fills: the secret.</summary>
        public string SecretField { get; }

        /// <summary>The fields of -Connection a complete set needs.</summary>
        public IReadOnlyList<string> RequiredFields { get; }
    }

    /// <summary>
    /// The 18 datasourceType values of docs.usedatabrain.com/api-reference/create-datasource. That page lists the
    /// types and shows credentials as {name, …}; the per-type field names below follow each engine's usual
    /// connection settings and are not quoted from DataBrain, so only the minimum is required and any other field
    /// in -Connection is passed through as given.
    /// </summary>
    public static class DatasourceTypes
    {
        private static readonly string[] HostPortDatabase = { "host", "port", "database" };

        public static IReadOnlyList<DatasourceType> All { get; } = new[]
        {
            new DatasourceType("snowflake", "username", "password", "account", "warehouse", "database"),
            new DatasourceType("postgres", "username", "password", HostPortDatabase),
            new DatasourceType("redshift", "username", "password", HostPortDatabase),
            new DatasourceType("cockroachdb", "username", "password", HostPortDatabase),
            new DatasourceType("mysql", "username", "password", HostPortDatabase),
            new DatasourceType("mongodb", "username", "password", "host", "database"),
            new DatasourceType("clickhouse", "username", "password", HostPortDatabase),
            new DatasourceType("singlestore", "username", "password", HostPortDatabase),
            new DatasourceType("bigquery", "clientEmail", "privateKey", "projectId"),
            new DatasourceType("databricks", "username", "token", "host", "httpPath"),
            new DatasourceType("elasticsearch", "username", "password", "host"),
            new DatasourceType("opensearch", "username", "password", "host"),
            new DatasourceType("mssql", "username", "password", HostPortDatabase),
            new DatasourceType("awss3", "accessKeyId", "secretAccessKey", "region", "bucket"),
            new DatasourceType("csv", "accessKeyId", "secretAccessKey", "region", "bucket"),
            new DatasourceType("firebolt", "clientId", "clientSecret", "engine", "database"),
            new DatasourceType("athena", "accessKeyId", "secretAccessKey", "region", "s3OutputLocation"),
            new DatasourceType("trino", "username", "password", "host", "port", "catalog"),
        };

        public static IReadOnlyList<string> Names { get; } = All.Select(t => t.Name).ToList();

        /// <summary>The type by name, without regard to case (the API wants the lower-case spelling, which is sent).</summary>
        public static DatasourceType? Find(string? name) =>
            name is null ? null : All.FirstOrDefault(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}
