using System;
using System.Collections.Generic;

namespace EmbedAdmin.Core.Models
{
    /// <summary>
    /// A DataBrain datamart as Get-Datamart writes it: typed, editable, and shaped so that it can be piped back
    /// into Update-Datamart (Tables, Tenancy and Relationships bind to the parameters of the same names).
    /// </summary>
    public sealed class Datamart
    {
        public string Name { get; set; } = string.Empty;

        /// <summary>The datasource the datamart reads (the list's companyIntegration.name); an update cannot change it.</summary>
        public string? DatasourceName { get; set; }

        /// <summary>Null when the datamart has no tenancy settings.</summary>
        public DatamartTenancy? Tenancy { get; set; }

        public List<DatamartTable> Tables { get; set; } = new List<DatamartTable>();

        public List<DatamartRelationship> Relationships { get; set; } = new List<DatamartRelationship>();

        public override string ToString() => Name;
    }

    public sealed class DatamartTable
    {
        public string Name { get; set; } = string.Empty;

        public string? SchemaName { get; set; }

        public string? Label { get; set; }

        /// <summary>The column of this table that holds the tenant.</summary>
        public string? ClientColumn { get; set; }

        public bool IsHide { get; set; }

        /// <summary>OpenSearch only: a wildcard index pattern used as the table name in queries.</summary>
        public string? IndexPattern { get; set; }

        public List<DatamartColumn> Columns { get; set; } = new List<DatamartColumn>();

        public override string ToString() => string.IsNullOrEmpty(SchemaName) ? Name : SchemaName + "." + Name;
    }

    public sealed class DatamartColumn
    {
        public string Name { get; set; } = string.Empty;

        /// <summary>Read only: DataBrain reports it from the datasource; updates do not send it.</summary>
        public string? Datatype { get; set; }

        public string? Alias { get; set; }

        public string? Label { get; set; }

        public bool IsHide { get; set; }

        /// <summary>A calculated column; <see cref="Sql"/> holds its expression.</summary>
        public bool IsCustomColumn { get; set; }

        public string? Sql { get; set; }

        /// <summary>Marks the column as an AGGREGATE drop type for metric calculations.</summary>
        public bool IsAggregate { get; set; }

        /// <summary>Converts the column's datetimes with the guest token's params.timezone.</summary>
        public bool IsApplyTimezone { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>How tenants are separated: TABLE (a client mapping table), DATABASE or MULTI_DATABASE.</summary>
    public sealed class DatamartTenancy
    {
        public string? TenancyLevel { get; set; }

        /// <summary>NUMBER or STRING; TABLE tenancy only.</summary>
        public string? ClientColumnType { get; set; }

        /// <summary>Schema of the client mapping table; TABLE tenancy only.</summary>
        public string? SchemaName { get; set; }

        /// <summary>The client mapping table; TABLE tenancy only.</summary>
        public string? TableName { get; set; }

        public string? TableClientNameColumn { get; set; }

        public string? TablePrimaryKeyColumn { get; set; }

        /// <summary>Default database; DATABASE and MULTI_DATABASE tenancy only.</summary>
        public string? PrimaryDatabase { get; set; }

        public override string ToString() => TenancyLevel ?? string.Empty;
    }

    public sealed class DatamartRelationship
    {
        public string ParentTableName { get; set; } = string.Empty;

        public string ParentColumnName { get; set; } = string.Empty;

        public string ChildTableName { get; set; } = string.Empty;

        public string ChildColumnName { get; set; } = string.Empty;

        public string RelationshipName { get; set; } = string.Empty;

        /// <summary>ManyToMany, ManyToOne, OneToMany, OneToOne, or null.</summary>
        public string? Cardinality { get; set; }

        /// <summary>The API's "join": INNER JOIN, LEFT JOIN, RIGHT JOIN, FULL JOIN, or null.</summary>
        public string? JoinType { get; set; }

        public override string ToString() => $"{RelationshipName}: {ParentTableName}.{ParentColumnName} -> {ChildTableName}.{ChildColumnName}";
    }

    /// <summary>
    /// One column of one table, flat, as a row of the columns CSV that Update-Datamart -ColumnsPath reads: the
    /// table's settings repeat on each of its rows. Get-Datamart -AsColumnRows writes these.
    /// </summary>
    public sealed class DatamartColumnRow
    {
        public string DatamartName { get; set; } = string.Empty;

        public string? SchemaName { get; set; }

        public string TableName { get; set; } = string.Empty;

        public string? TableLabel { get; set; }

        public string? TableClientColumn { get; set; }

        public bool TableIsHide { get; set; }

        public string? IndexPattern { get; set; }

        public string ColumnName { get; set; } = string.Empty;

        public string? Datatype { get; set; }

        public string? Alias { get; set; }

        public string? Label { get; set; }

        public bool IsHide { get; set; }

        public bool IsCustomColumn { get; set; }

        public string? Sql { get; set; }

        public bool IsAggregate { get; set; }

        public bool IsApplyTimezone { get; set; }
    }

    /// <summary>What Update-Datamart, Restore-Datamart and Remove-Datamart did to one datamart.</summary>
    public sealed class DatamartChangeResult
    {
        public string Name { get; set; } = string.Empty;

        /// <summary>Update, Restore or Remove.</summary>
        public string Operation { get; set; } = string.Empty;

        /// <summary>The definition before the change; Restore-Datamart -Path takes it (and binds it from this property).</summary>
        public string? BackupFile { get; set; }

        /// <summary>One line per table, column, tenancy or relationship difference.</summary>
        public IReadOnlyList<string> Changes { get; set; } = Array.Empty<string>();
    }
}
