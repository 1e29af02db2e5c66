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
            var client = new EmbedClient(ActiveSession);
            ProcessChange(
                RowOr(EmbedId),
                KeyOf(EmbedId, nameof(EmbedId)),
                () => EmbedRowChanges.SetAccess(client, EmbedAccessChange.Create(EmbedId, BoundValues(EmbedAccessChange.Fields)), PassThru.IsPresent));
        }
    }
}
