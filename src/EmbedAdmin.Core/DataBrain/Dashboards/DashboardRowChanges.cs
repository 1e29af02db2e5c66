using System.Collections.Generic;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Changes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Journal;

namespace EmbedAdmin.Core.DataBrain.Dashboards
{
    /// <summary>The row pipeline's view of Import-Dashboard, the one dashboard change that is not an embed's.</summary>
    public static class DashboardRowChanges
    {
        public const string ImportCmdlet = "Import-Dashboard";

        /// <param name="path">The export file the dashboard came from, recorded so the entry says what was imported.</param>
        public static RowChange Import(DashboardClient client, DashboardImport import, string path)
        {
            // The export's data can be large and is not a setting: the entry keeps the file it came from instead.
            var fields = new List<JournalField>
            {
                new("workspaceName", null, JsonValue.Create(import.WorkspaceName)),
                new("dashboardId", null, JsonValue.Create(import.DashboardId)),
            };
            if (import.DashboardName is not null)
            {
                fields.Add(new JournalField("dashboardName", null, JsonValue.Create(import.DashboardName)));
            }

            if (import.SchemaPairs is not null)
            {
                fields.Add(new JournalField("schemaPairs", null, import.SchemaPairs.DeepClone()));
            }

            return new RowChange(ChangeOperation.Create, ApiService.DataBrain, import.DashboardId, $"workspace '{import.WorkspaceName}'", import.Describe())
            {
                Cmdlet = ImportCmdlet,
                Fields = fields,
                Recorded = new JsonObject { ["importFile"] = path },
                Send = async (_, context, token) =>
                {
                    var imported = await client.ImportAsync(import, context, token).ConfigureAwait(false);
                    return new ChangeResult { Output = imported, Target = imported.DashboardId };
                },
            };
        }

        /// <summary>
        /// DataBrain documents no endpoint that deletes a dashboard on its own: the only deletion is Delete Embed's
        /// isDeleteDashboard (docs.usedatabrain.com/api-reference/delete-embed), which needs an embed of it.
        /// </summary>
        public static RowChange Undo(JournalEntry entry) =>
            throw ChangeUndo.NotReversible(entry, $"DataBrain's API documents no endpoint that deletes a dashboard on its own; only an embed of it can be deleted with its dashboard (Remove-Embed -DeleteDashboard).");
    }
}
