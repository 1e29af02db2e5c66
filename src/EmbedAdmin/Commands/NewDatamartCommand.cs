using System;
using System.Collections.Generic;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>Creates DataBrain datamarts (POST /api/v2/data-app/datamarts), one per input row.</summary>
    [Cmdlet(VerbsCommon.New, "Datamart", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Datamart))]
    public sealed class NewDatamartCommand : EmbedAdminApiCmdlet
    {
        /// <summary>Input columns that are not meant to set anything: no warning names them, and a name close to a field's is not refused.</summary>
        [Parameter]
        public string[]? IgnoreColumn { get; set; }

        /// <summary>The new datamart's name; unique and unchangeable.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DatamartName")]
        [AllowEmptyString]
        [AllowNull]
        public string? Name { get; set; }

        /// <summary>The datasource it reads (case-sensitive).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? DatasourceName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("tableList")]
        [AllowNull]
        public object? Tables { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("tenancySettings")]
        [AllowNull]
        public object? Tenancy { get; set; }

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

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string? TenancySchemaName { get; set; }

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

        /// <summary>A JSON file in the API's shape: a create body, or a backup (its datamartName is the name).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? Path { get; set; }

        /// <summary>A columns CSV, one row per table column, grouped into the table list.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? ColumnsPath { get; set; }

        /// <summary>Emit a Datamart object per created datamart, holding what was sent.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The whole pipeline object, kept as the error record's TargetObject so failed rows can be replayed.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override object? InputRow => InputObject;

        protected override void ProcessRecord()
        {
            var row = RowOr(Name);
            var target = string.IsNullOrWhiteSpace(Name) ? "(no Name)" : Name!.Trim();
            IReadOnlyList<DatamartChange> changes;
            try
            {
                changes = DatamartChange.From(DatamartOperation.Create, new DatamartRequest
                {
                    Name = Name,
                    DatasourceName = DatasourceName,
                    DefinitionPath = Resolve(Path),
                    ColumnsPath = Resolve(ColumnsPath),
                    Tables = PSValues.Unwrap(Tables),
                    Tenancy = PSValues.Unwrap(Tenancy),
                    Relationships = PSValues.Unwrap(Relationships),
                    TenancyValues = ParameterValues.Of(this, DatamartChange.TenancyFields),
                });
            }
            catch (EmbedAdminValidationException exception)
            {
                Reject(row, target, exception);
                return;
            }

            var client = new DatamartClient(ActiveSession);
            foreach (var change in changes)
            {
                if (!ShouldProcess($"datamart '{change.Name}'", $"Create datamart on datasource '{change.DatasourceName}': {change.Describe()}"))
                {
                    continue;
                }

                var context = Runner.Context;
                var passThru = PassThru.IsPresent;
                Pump(Runner.Submit(row, change.Name, async cancellationToken =>
                {
                    await client.CreateAsync(change, context, cancellationToken).ConfigureAwait(false);
                    return passThru ? new object[] { change.ToDatamart() } : Array.Empty<object>();
                }));
            }
        }

        private string? Resolve(string? path) =>
            string.IsNullOrWhiteSpace(path) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(path!.Trim());
    }
}
