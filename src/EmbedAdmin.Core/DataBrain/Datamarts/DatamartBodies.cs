using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace EmbedAdmin.Core.DataBrain.Datamarts
{
    // The request shapes of Create and Update Datamart (docs.usedatabrain.com/api-reference/update-datamart, create-datamart). They differ from the list
    // response (DatamartListItem): tableList[].columns[] instead of datamartTables[].datamartTableColumns[],
    // "name" instead of "tableName"/"columnName", tenancySettings instead of datamartOrganization.
    // Null members are never written: the service treats an explicit null as a wrong type.

    /// <summary>PUT /api/v2/data-app/datamarts: also the format of backup files.</summary>
    public sealed class DatamartUpdateBody
    {
        [JsonPropertyName("datamartName")]
        public string DatamartName { get; set; } = string.Empty;

        /// <summary>When sent, replaces every table and column of the datamart.</summary>
        [JsonPropertyName("tableList")]
        public List<TableBody>? TableList { get; set; }

        [JsonPropertyName("tenancySettings")]
        public TenancyBody? TenancySettings { get; set; }

        /// <summary>When sent, replaces every relationship ([] removes them all); when omitted, they stay.</summary>
        [JsonPropertyName("relationships")]
        public List<RelationshipBody>? Relationships { get; set; }
    }

    /// <summary>POST /api/v2/data-app/datamarts.</summary>
    public sealed class DatamartCreateBody
    {
        [JsonPropertyName("name")]
        public string Name { get; set; } = string.Empty;

        [JsonPropertyName("datasourceName")]
        public string DatasourceName { get; set; } = string.Empty;

        [JsonPropertyName("tableList")]
        public List<TableBody> TableList { get; set; } = new List<TableBody>();

        [JsonPropertyName("tenancySettings")]
        public TenancyBody? TenancySettings { get; set; }

        [JsonPropertyName("relationships")]
        public List<RelationshipBody>? Relationships { get; set; }
    }

    public sealed class TableBody
    {
        [JsonPropertyName("name")]
        public string Name { get; set; } = string.Empty;

        [JsonPropertyName("schemaName")]
        public string? SchemaName { get; set; }

        [JsonPropertyName("clientColumn")]
        public string? ClientColumn { get; set; }

        [JsonPropertyName("isHide")]
        public bool? IsHide { get; set; }

        [JsonPropertyName("label")]
        public string? Label { get; set; }

        // The seed's text lost this field's name; "indexPattern" is the emulator's reading and the list's field.
        [JsonPropertyName("indexPattern")]
        public string? IndexPattern { get; set; }

        [JsonPropertyName("columns")]
        public List<ColumnBody> Columns { get; set; } = new List<ColumnBody>();
    }

    public sealed class ColumnBody
    {
        [JsonPropertyName("name")]
        public string Name { get; set; } = string.Empty;

        [JsonPropertyName("alias")]
        public string? Alias { get; set; }

        [JsonPropertyName("label")]
        public string? Label { get; set; }

        [JsonPropertyName("isHide")]
        public bool? IsHide { get; set; }

        [JsonPropertyName("isCustomColumn")]
        public bool? IsCustomColumn { get; set; }

        [JsonPropertyName("sql")]
        public string? Sql { get; set; }

        [JsonPropertyName("isAggregate")]
        public bool? IsAggregate { get; set; }

        [JsonPropertyName("isApplyTimezone")]
        public bool? IsApplyTimezone { get; set; }
    }

    public sealed class TenancyBody
    {
        [JsonPropertyName("tenancyLevel")]
        public string? TenancyLevel { get; set; }

        [JsonPropertyName("clientColumnType")]
        public string? ClientColumnType { get; set; }

        [JsonPropertyName("schemaName")]
        public string? SchemaName { get; set; }

        [JsonPropertyName("tableName")]
        public string? TableName { get; set; }

        [JsonPropertyName("tableClientNameColumn")]
        public string? TableClientNameColumn { get; set; }

        [JsonPropertyName("tablePrimaryKeyColumn")]
        public string? TablePrimaryKeyColumn { get; set; }

        [JsonPropertyName("primaryDatabase")]
        public string? PrimaryDatabase { get; set; }
    }

    public sealed class RelationshipBody
    {
        [JsonPropertyName("parentTableName")]
        public string ParentTableName { get; set; } = string.Empty;

        [JsonPropertyName("parentColumnName")]
        public string ParentColumnName { get; set; } = string.Empty;

        [JsonPropertyName("childTableName")]
        public string ChildTableName { get; set; } = string.Empty;

        [JsonPropertyName("childColumnName")]
        public string ChildColumnName { get; set; } = string.Empty;

        [JsonPropertyName("relationshipName")]
        public string RelationshipName { get; set; } = string.Empty;

        /// <summary>Omitted when null, which the page allows ("can be omitted or set to null").</summary>
        [JsonPropertyName("cardinality")]
        public string? Cardinality { get; set; }

        // The page's text lost the field's name; the list response and the emulator both use "join".
        [JsonPropertyName("join")]
        public string? Join { get; set; }
    }

    /// <summary>One item of the list response (list-datamarts): read only, never sent.</summary>
    internal sealed class DatamartListItem
    {
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("datamartOrganization")]
        public TenancyBody? DatamartOrganization { get; set; }

        [JsonPropertyName("companyIntegration")]
        public CompanyIntegration? CompanyIntegration { get; set; }

        [JsonPropertyName("datamartTables")]
        public List<ListTable?>? DatamartTables { get; set; }

        [JsonPropertyName("datamartRelationships")]
        public List<ListRelationship?>? DatamartRelationships { get; set; }
    }

    internal sealed class CompanyIntegration
    {
        [JsonPropertyName("name")]
        public string? Name { get; set; }
    }

    internal sealed class ListTable
    {
        [JsonPropertyName("schemaName")]
        public string? SchemaName { get; set; }

        [JsonPropertyName("tableName")]
        public string? TableName { get; set; }

        [JsonPropertyName("label")]
        public string? Label { get; set; }

        [JsonPropertyName("clientColumn")]
        public string? ClientColumn { get; set; }

        [JsonPropertyName("isHide")]
        public bool? IsHide { get; set; }

        [JsonPropertyName("indexPattern")]
        public string? IndexPattern { get; set; }

        [JsonPropertyName("datamartTableColumns")]
        public List<ListColumn?>? DatamartTableColumns { get; set; }
    }

    internal sealed class ListColumn
    {
        [JsonPropertyName("columnName")]
        public string? ColumnName { get; set; }

        [JsonPropertyName("datatype")]
        public string? Datatype { get; set; }

        [JsonPropertyName("alias")]
        public string? Alias { get; set; }

        [JsonPropertyName("label")]
        public string? Label { get; set; }

        [JsonPropertyName("isHide")]
        public bool? IsHide { get; set; }

        [JsonPropertyName("isCustomColumn")]
        public bool? IsCustomColumn { get; set; }

        [JsonPropertyName("sql")]
        public string? Sql { get; set; }

        // Not on the list page, which shows no aggregate flag; read when present (the emulator sends it).
        [JsonPropertyName("isAggregate")]
        public bool? IsAggregate { get; set; }

        [JsonPropertyName("isApplyTimezone")]
        public bool? IsApplyTimezone { get; set; }
    }

    internal sealed class ListRelationship
    {
        [JsonPropertyName("parentTableName")]
        public string? ParentTableName { get; set; }

        [JsonPropertyName("parentColumnName")]
        public string? ParentColumnName { get; set; }

        [JsonPropertyName("childTableName")]
        public string? ChildTableName { get; set; }

        [JsonPropertyName("childColumnName")]
        public string? ChildColumnName { get; set; }

        [JsonPropertyName("relationshipName")]
        public string? RelationshipName { get; set; }

        [JsonPropertyName("cardinality")]
        public string? Cardinality { get; set; }

        [JsonPropertyName("join")]
        public string? Join { get; set; }
    }
}
