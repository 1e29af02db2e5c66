using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Replaces parts of a DataBrain datamart's definition (PUT /api/v2/data-app/datamarts, docs.usedatabrain.com/api-reference/update-datamart): its table
    /// list, tenancy settings or relationships. Dangerous in production, because a table list replaces every table
    /// and column; so the current definition is read and saved to a backup first, -WhatIf and -Confirm list every
    /// table, column, tenancy and relationship difference, and a failure names the backup.
    /// </summary>
    [Cmdlet(VerbsData.Update, "Datamart", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DatamartChangeResult))]
    public sealed class UpdateDatamartCommand : DatamartChangeCmdlet
    {
        /// <summary>Input columns that are not meant to set anything: no warning names them, and a name close to a field's is not refused.</summary>
        [Parameter]
        public string[]? IgnoreColumn { get; set; }

        /// <summary>The datamart: its exact, case-sensitive name (it cannot be renamed).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DatamartName")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(DatamartNameCompleter))]
        public string? Name { get; set; }

        /// <summary>The whole new table list: Get-Datamart's tables, hashtables, or JSON in the API's shape.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("tableList")]
        [AllowNull]
        public object? Tables { get; set; }

        /// <summary>Tenancy settings: Get-Datamart's Tenancy, a hashtable, or JSON in the API's shape.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("tenancySettings")]
        [AllowNull]
        public object? Tenancy { get; set; }

        /// <summary>The whole new relationship list; @() removes every relationship.</summary>
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

        protected override void ProcessRecord()
        {
            var row = RowOr(Name);
            var target = string.IsNullOrWhiteSpace(Name) ? "(no Name)" : Name!.Trim();
            System.Collections.Generic.IReadOnlyList<DatamartChange> changes;
            try
            {
                changes = DatamartChange.From(DatamartOperation.Update, new DatamartRequest
                {
                    Name = Name,
                    DefinitionPath = ResolvePath(Path),
                    ColumnsPath = ResolvePath(ColumnsPath),
                    Tables = PSValues.Unwrap(Tables),
                    Tenancy = PSValues.Unwrap(Tenancy),
                    Relationships = PSValues.Unwrap(Relationships),
                    TenancyValues = ParameterValues.Of(this, DatamartChange.TenancyFields),
                });
            }
            catch (EmbedAdminValidationException exception)
            {
                RejectRow(row, target, exception);
                return;
            }

            foreach (var change in changes)
            {
                SubmitUpdate(row, change, "Update", restoring: false);
            }
        }
    }
}
