using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Changes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Journal;

namespace EmbedAdmin.Core.DataBrain.DataApps
{
    /// <summary>
    /// The row pipeline's view of data-app changes: creating and renaming data apps and creating their API tokens.
    /// An API token's key is never part of the change: it exists only in the answer, which the journal does not keep.
    /// </summary>
    public static class DataAppRowChanges
    {
        public const string NewCmdlet = "New-DataApp";
        public const string RenameCmdlet = "Rename-DataApp";
        public const string NewApiTokenCmdlet = "New-DataAppApiToken";

        private const string NameField = "name";

        public static RowChange Create(DataAppClient client, string name, bool passThru) =>
            new(ChangeOperation.Create, ApiService.DataBrain, name, $"data app '{name}'", "Create data app")
            {
                Cmdlet = NewCmdlet,
                Fields = new[] { new JournalField(NameField, null, JsonValue.Create(name)) },
                Send = async (_, context, token) =>
                {
                    var app = await client.CreateAsync(name, context, token).ConfigureAwait(false);
                    return new ChangeResult { Output = passThru ? app : null, Target = app.Name };
                },
            };

        /// <summary>
        /// PUT {name, updateName}. The name given is the "before": a rename needs the exact current name, and the
        /// service refuses one it does not know (DATA_APP_NOT_FOUND), so a rename that succeeded started from it.
        /// </summary>
        public static RowChange Rename(DataAppClient client, string name, string newName, bool passThru)
        {
            var warning = $"Guest-token requests that name data app '{name}' (dataAppName) fail once it is called '{newName}'.";
            return new RowChange(ChangeOperation.Update, ApiService.DataBrain, name, $"data app '{name}'", $"Rename data app to '{newName}'")
            {
                Cmdlet = RenameCmdlet,
                PlanTitle = $"Rename data app '{name}'",
                Prompt = _ => new ChangePrompt(
                    $"Rename data app '{name}' to '{newName}'. {warning}",
                    $"{warning}{Environment.NewLine}Rename data app '{name}' to '{newName}'?",
                    RenameCmdlet),
                Fields = new[] { new JournalField(NameField, JsonValue.Create(name), JsonValue.Create(newName)) },
                Send = async (_, context, token) =>
                {
                    var app = await client.RenameAsync(name, newName, context, token).ConfigureAwait(false);
                    return new ChangeResult { Output = passThru ? app : null };
                },
            };
        }

        /// <summary>
        /// The token's data app and name; the key that the answer carries goes to <paramref name="output"/> only,
        /// never into the change's fields.
        /// </summary>
        /// <param name="action">ShouldProcess's action, naming the secret the key will be stored as.</param>
        /// <param name="output">What to write for the created token (the token rides with its input row).</param>
        public static RowChange CreateApiToken(DataAppClient client, string dataAppName, string tokenName, string action, Func<Models.DataAppApiToken, object> output) =>
            new(ChangeOperation.Create, ApiService.DataBrain, dataAppName + "/" + tokenName, $"data app '{dataAppName}'", action)
            {
                Cmdlet = NewApiTokenCmdlet,
                Fields = new[]
                {
                    new JournalField("dataAppName", null, JsonValue.Create(dataAppName)),
                    new JournalField(NameField, null, JsonValue.Create(tokenName)),
                },
                Send = async (_, context, token) => new ChangeResult
                {
                    Output = output(await client.CreateApiTokenAsync(dataAppName, tokenName, context, token).ConfigureAwait(false)),
                },
            };

        /// <summary>
        /// A rename is undone by renaming back, after checking that the data app still has the name the rename gave
        /// it. DataBrain documents no endpoint that deletes a data app or an API token
        /// (docs.usedatabrain.com/api-reference/create-data-app, update-data-app, list-data-apps, create-api-token,
        /// list-api-tokens), so creations cannot be undone through the API.
        /// </summary>
        public static RowChange Undo(DataAppClient client, JournalEntry entry, UndoOptions options)
        {
            switch (entry.Cmdlet)
            {
                case RenameCmdlet:
                    var field = entry.Fields.FirstOrDefault(f => f.Name == NameField);
                    if (field?.AfterNode is not JsonValue after || !after.TryGetValue<string>(out var renamedTo)
                        || field.BeforeNode is not JsonValue before || !before.TryGetValue<string>(out var renamedFrom))
                    {
                        throw ChangeUndo.NotReversible(entry, "the names before and after the rename were not recorded.");
                    }

                    var undo = Rename(client, renamedTo, renamedFrom, passThru: true);
                    undo.Read = async (context, token) =>
                    {
                        var names = new HashSet<string>((await client.ListAsync(context, token).ConfigureAwait(false)).Select(a => a.Name), StringComparer.Ordinal);

                        // The name is the data app's only identity: "now" is the recorded name it still has, or none.
                        JsonNode? Now(string _) => names.Contains(renamedTo) ? JsonValue.Create(renamedTo) : names.Contains(renamedFrom) ? JsonValue.Create(renamedFrom) : null;
                        return ChangeUndo.Plan(entry, Now, options);
                    };
                    return undo;
                case NewCmdlet:
                    throw ChangeUndo.NotReversible(entry, "DataBrain's API documents no endpoint that deletes a data app (only create, rename and list).");
                default:
                    throw ChangeUndo.NotReversible(entry, "DataBrain's API documents no endpoint that deletes or revokes an API token (only create and list); the key stays valid.");
            }
        }
    }
}
