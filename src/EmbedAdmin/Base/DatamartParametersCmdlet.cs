using System.Collections.Generic;
using System.Management.Automation;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// The definition parameters shared by New-Datamart and Update-Datamart, declared once: the parts of the
    /// request (DatamartFields.Update's), the tenancy fields (DatamartFields.Tenancy's) and the files a definition
    /// may come from. Each cmdlet adds how it names the datamart and what else it needs.
    /// </summary>
    public abstract class DatamartParametersCmdlet : DatamartCmdlet
    {
        /// <summary>Input columns that are not meant to set anything: no warning names them, and a name close to a field's is not refused.</summary>
        [Parameter]
        public string[]? IgnoreColumn { get; set; }

        /// <summary>The whole table list: Get-Datamart's tables, hashtables, or JSON in the API's shape.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("tableList")]
        [AllowNull]
        public object? Tables { get; set; }

        /// <summary>Tenancy settings: Get-Datamart's Tenancy, a hashtable, or JSON in the API's shape.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("tenancySettings")]
        [AllowNull]
        public object? Tenancy { get; set; }

        /// <summary>The whole relationship list; @() removes every relationship.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        public object? Relationships { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(TenancyLevelCompleter))]
        public string? TenancyLevel { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(ClientColumnTypeCompleter))]
        public string? ClientColumnType { get; set; }

        /// <summary>tenancySettings.schemaName: the schema of the client mapping table.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? TenancySchemaName { get; set; }

        /// <summary>tenancySettings.tableName: the client mapping table.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? TenancyTableName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? TableClientNameColumn { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? TablePrimaryKeyColumn { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? PrimaryDatabase { get; set; }

        /// <summary>A JSON file in the API's request shape (a backup is one); the other parameters override its parts.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? Path { get; set; }

        /// <summary>A columns CSV, one row per table column, grouped into the table list.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? ColumnsPath { get; set; }

        /// <summary>The field table of the cmdlet's request (create or update).</summary>
        protected abstract FieldTable Table { get; }

        protected override IEnumerable<string> ReadOnlyColumns => Table.ReadOnlyColumns;

        /// <summary>What the current row gives, for DatamartChange.From; the row's columns are checked first.</summary>
        protected DatamartRequest Request(string? name, string? datasourceName) => new()
        {
            Name = name,
            DatasourceName = datasourceName,
            TenancyValues = ParameterValues.Of(this, DatamartFields.Tenancy.Fields),
            DefinitionPath = ResolvePath(Path),
            ColumnsPath = ResolvePath(ColumnsPath),
            Tables = PSValues.Unwrap(Tables),
            Tenancy = PSValues.Unwrap(Tenancy),
            Relationships = PSValues.Unwrap(Relationships),
        };
    }
}
