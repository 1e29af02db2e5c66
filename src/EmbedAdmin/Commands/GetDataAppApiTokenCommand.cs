using System.Linq;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.DataApps;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;

namespace EmbedAdmin.Commands
{
    /// <summary>
    /// Lists a data app's API tokens (GET /api/v2/data-app/api-tokens?dataAppName=, service token): names,
    /// descriptions and creation times. The service lists the keys in full; only "****" and the last four
    /// characters are kept.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DataAppApiToken")]
    [OutputType(typeof(DataAppApiToken))]
    public sealed class GetDataAppApiTokenCommand : EmbedAdminApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(DataAppNameCompleter))]
        public string DataAppName { get; set; } = string.Empty;

        /// <summary>Token names or wildcard patterns; all tokens when omitted.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [AllowEmptyString]
        [AllowNull]
        public string[]? TokenName { get; set; }

        /// <summary>The whole pipeline object, kept as the error record's TargetObject.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override object? InputRow => InputObject;

        protected override void ProcessRecord()
        {
            var row = RowOr(DataAppName);
            string dataApp;
            try
            {
                dataApp = DataAppInput.Required(DataAppName, ErrorIds.MissingDataAppName, "DataAppName (dataAppName)", "the data app whose API tokens to list");
            }
            catch (EmbedAdminValidationException exception)
            {
                Reject(row, "(no DataAppName)", exception);
                return;
            }

            var filter = NamePatterns.From(TokenName);
            var client = new DataAppClient(ActiveSession);
            var context = Runner.Context;
            Pump(Runner.Submit(row, dataApp, async token =>
                filter.Select(await client.ListApiTokensAsync(dataApp, context, token).ConfigureAwait(false), t => t.Name).Matches.Cast<object>().ToList()));
        }
    }
}
