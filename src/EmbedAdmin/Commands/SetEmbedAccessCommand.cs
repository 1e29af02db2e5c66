using System;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Changes an embed's access settings (DataBrain "Update an Embed"). Only the settings given are sent; the
    /// others keep their values. Built for CSV: every parameter binds from a column named like the parameter
    /// or like the API field. Under -WhatIf it reads each embed and shows "field: old -> new", sending nothing.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "EmbedAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(EmbedAccess))]
    public sealed class SetEmbedAccessCommand : EmbedAccessParametersCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(EmbedIdCompleter))]
        public string EmbedId { get; set; } = string.Empty;

        /// <summary>Emit an EmbedAccess object per updated embed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override bool ModuleObjectNamesTargetOnly => true;

        protected override void ProcessRecord()
        {
            var row = RowOr(EmbedId);
            Func<EmbedAccessChange> create = () => EmbedAccessChange.Create(EmbedId, BoundValues(EmbedAccessChange.Fields));
            var client = new EmbedClient(ActiveSession);
            if (IsWhatIf)
            {
                // The plan is read through the pool like any row; WriteRowOutput shows it when it comes back.
                ProcessRow(
                    row,
                    KeyOf(EmbedId, nameof(EmbedId)),
                    create,
                    change => new RowDescription(change.EmbedId, $"embed '{change.EmbedId}'", "Read the current access settings"),
                    async (change, context, token) => await client.PlanAccessChangeAsync(change, context, token).ConfigureAwait(false),
                    changesState: false);
                return;
            }

            var passThru = PassThru.IsPresent;
            ProcessRow(
                row,
                KeyOf(EmbedId, nameof(EmbedId)),
                create,
                change => new RowDescription(change.EmbedId, $"embed '{change.EmbedId}'", "Set access: " + change.Describe()),
                async (change, context, token) =>
                {
                    var access = await client.UpdateEmbedAccessAsync(change, context, token).ConfigureAwait(false);
                    return passThru ? access : null;
                });
        }

        protected override void WriteRowOutput(object output)
        {
            if (output is EmbedAccessPlan plan)
            {
                var description = $"Set access on embed '{plan.EmbedId}':{Environment.NewLine}{plan.Describe()}";
                ShouldProcess(description, description, "Set-EmbedAccess");
                return;
            }

            base.WriteRowOutput(output);
        }
    }
}
