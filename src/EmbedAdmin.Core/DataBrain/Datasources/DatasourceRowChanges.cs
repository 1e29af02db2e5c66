using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Changes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Journal;

namespace EmbedAdmin.Core.DataBrain.Datasources
{
    /// <summary>
    /// The row pipeline's view of datasource changes. The journal records the type, the connection fields
    /// (host, port, database, …) and the tenancy settings, never the credential: neither the user name nor the
    /// secret of -Credential is a field of any entry. DataBrain cannot read a datasource's settings
    /// (docs.usedatabrain.com/api-reference/list-datasources returns names only), so an update's "before" is unknown.
    /// </summary>
    public static class DatasourceRowChanges
    {
        public const string NewCmdlet = "New-Datasource";
        public const string SetCmdlet = "Set-Datasource";
        public const string RemoveCmdlet = "Remove-Datasource";
        public const string SyncCmdlet = "Sync-Datasource";

        public static RowChange Send(DatasourceClient client, DatasourceChange change, bool passThru)
        {
            var create = change.Operation == DatasourceOperation.Create;
            return new RowChange(create ? ChangeOperation.Create : ChangeOperation.Update, ApiService.DataBrain, change.Name, $"datasource '{change.Name}'", $"{(create ? "Create" : "Update")} datasource: {change.Describe()}")
            {
                Cmdlet = create ? NewCmdlet : SetCmdlet,
                Fields = Recorded(change).Select(p => create ? new JournalField(p.Key, null, p.Value) : new JournalField(p.Key, null, p.Value, beforeKnown: false)).ToList(),
                Send = async (_, context, token) =>
                {
                    var datasource = await client.SendAsync(change, context, token).ConfigureAwait(false);
                    return new ChangeResult { Output = passThru ? datasource : null, Target = datasource.Name };
                },
            };
        }

        public static RowChange Remove(DatasourceClient client, string name, bool passThru, string action) =>
            new(ChangeOperation.Remove, ApiService.DataBrain, name, $"datasource '{name}'", action)
            {
                Cmdlet = RemoveCmdlet,
                Send = async (_, context, token) =>
                {
                    var removed = await client.DeleteAsync(name, context, token).ConfigureAwait(false);
                    return new ChangeResult { Output = passThru ? removed : null };
                },
            };

        /// <summary>
        /// Journaled although it sets no field: a sync changes what DataBrain holds (the cached schema that datamarts
        /// are built from, docs.usedatabrain.com/helpers/embedding-apis/sync-datasource), so when it ran explains tables
        /// that appear in or vanish from a datamart afterwards. The entry has no fields: nothing was set.
        /// </summary>
        public static RowChange Sync(DatasourceClient client, string name) =>
            new(ChangeOperation.Update, ApiService.DataBrain, name, $"datasource '{name}'", "Sync datasource schema")
            {
                Cmdlet = SyncCmdlet,
                Send = async (_, context, token) => new ChangeResult { Output = await client.SyncAsync(name, context, token).ConfigureAwait(false) },
            };

        /// <summary>
        /// A created datasource is undone by deleting it (docs.usedatabrain.com/api-reference/delete-datasource). Nothing
        /// else can be put back: DataBrain takes only a full credential set, which it never returns and the journal
        /// never records.
        /// </summary>
        public static RowChange Undo(DatasourceClient client, JournalEntry entry)
        {
            switch (entry.Cmdlet)
            {
                case NewCmdlet:
                    return Remove(client, entry.Target, passThru: true, $"Remove the datasource {entry.Cmdlet} created (undo of run {entry.RunId})");
                case SetCmdlet:
                    throw ChangeUndo.NotReversible(entry, "DataBrain updates a datasource only with its full credential set, and the earlier one is known nowhere: DataBrain does not return credentials, and the journal never records them (neither the user name nor the secret). Set-Datasource with the earlier credentials puts them back.");
                case RemoveCmdlet:
                    throw ChangeUndo.NotReversible(entry, "creating it again needs its full credential set, which DataBrain does not return and the journal never records. New-Datasource with its credentials creates it again.");
                default:
                    throw ChangeUndo.NotReversible(entry, "a sync re-reads the schema from the database; there is no earlier schema to put back.");
            }
        }

        /// <summary>What the journal keeps of a change: the type, the connection fields and the tenancy settings.</summary>
        private static IEnumerable<KeyValuePair<string, JsonNode?>> Recorded(DatasourceChange change)
        {
            yield return new KeyValuePair<string, JsonNode?>("datasourceType", JsonValue.Create(change.Type.Name));

            // DatasourceChange refuses a secret in the connection fields; the check here keeps one out of the journal
            // should that rule ever change.
            foreach (var pair in change.Connection.Where(p => !Redactor.IsSecretProperty(p.Key) && !string.Equals(p.Key, change.Type.SecretField, System.StringComparison.OrdinalIgnoreCase) && !string.Equals(p.Key, change.Type.UserField, System.StringComparison.OrdinalIgnoreCase)))
            {
                yield return new KeyValuePair<string, JsonNode?>("credentials." + pair.Key, pair.Value?.DeepClone());
            }

            if (change.TenancySettings is not null)
            {
                yield return new KeyValuePair<string, JsonNode?>("tenancySettings", change.TenancySettings.DeepClone());
            }
        }
    }
}
