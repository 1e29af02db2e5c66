using System.Management.Automation;
using EmbedAdmin.Completers;
using EmbedAdmin.Core.DataBrain.Datasources;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// The datasource settings shared by New-Datasource and Set-Datasource, declared once: the type, the
    /// credential (user name and secret, never shown), the type's other connection fields and tenancy settings.
    /// </summary>
    public abstract class DatasourceParametersCmdlet : EmbedAdminBulkCmdlet
    {
        /// <summary>Input columns that are not meant to set anything: no warning names them, and a name close to a field's is not refused.</summary>
        [Parameter]
        public string[]? IgnoreColumn { get; set; }

        /// <summary>One of the 18 documented datasourceType values, e.g. postgres, snowflake, bigquery.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(DatasourceTypeCompleter))]
        public string? DatasourceType { get; set; }

        /// <summary>The user name and the secret (password, token, private key) of the datasource.</summary>
        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        public PSCredential? Credential { get; set; }

        /// <summary>The type's other connection fields: a hashtable or a JSON object, e.g. @{ host = 'db'; port = 5432; database = 'app' }.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        public object? Connection { get; set; }

        /// <summary>tenancySettings, sent as given: a hashtable or a JSON object.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        public object? TenancySettings { get; set; }

        /// <summary>Emit a Datasource object per datasource, holding what was sent (never the secret).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The datasource named by the row; the subclass declares the parameter.</summary>
        protected abstract string DatasourceName { get; }

        protected abstract DatasourceOperation Operation { get; }

        protected override void ProcessRecord()
        {
            var client = new DatasourceClient(ActiveSession);
            var passThru = PassThru.IsPresent;
            ProcessChange(
                RowOr(DatasourceName),
                KeyOf(DatasourceName, "Name"),
                () => DatasourceRowChanges.Send(client, DatasourceChange.Create(Operation, DatasourceName, BoundValues(DatasourceChange.Fields), Credential?.UserName, Credential?.Password), passThru));
        }
    }
}
