using System.Linq;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Requests;
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
    public sealed class UpdateDatamartCommand : DatamartParametersCmdlet
    {
        /// <summary>The datamart: its exact, case-sensitive name (it cannot be renamed).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DatamartName")]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(DatamartNameCompleter))]
        public string? Name { get; set; }

        /// <summary>The folder for backups; by default LocalApplicationData/EmbedAdmin/backups.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string? BackupPath { get; set; }

        protected override FieldTable Table => DatamartFields.Update;

        protected override void ProcessRecord()
        {
            var client = new DatamartClient(ActiveSession);
            var backups = BackupsIn(BackupPath);
            var passThru = PassThru.IsPresent;
            ProcessChanges(
                RowOr(Name),
                string.IsNullOrWhiteSpace(Name) ? "(no Name)" : Name!.Trim(),
                () => DatamartChange.From(DatamartOperation.Update, Request(Name, null))
                    .Select(change => DatamartRowChanges.Update(client, change, "Update", restoring: false, backups, passThru)));
        }
    }
}
