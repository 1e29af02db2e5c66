using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Core.Listing
{
    /// <summary>
    /// DataBrain has no "get one" endpoint for workspaces or datamarts, so "not found" is decided by reading the
    /// whole list. The error carries the service's own code for that case, so it is classified (and can be
    /// branched on) exactly like the service's answer to an update of a name that does not exist.
    /// </summary>
    public static class NotInList
    {
        /// <summary>The list answered (HTTP 200) and did not hold the name.</summary>
        public const int ListStatus = 200;

        public static EmbedAdminApiException Workspace(string name) =>
            new(ApiService.DataBrain, ListStatus, "WORKSPACE_DOES_NOT_EXIST", $"No workspace is named '{name}' in the list of workspaces (names are case-sensitive in DataBrain).");

        public static EmbedAdminApiException DataApp(string name) =>
            new(ApiService.DataBrain, ListStatus, "DATA_APP_NOT_FOUND", $"No data app is named '{name}' in the list of data apps (names are case-sensitive in DataBrain).");

        public static EmbedAdminApiException Datasource(string name) =>
            new(ApiService.DataBrain, ListStatus, "DATASOURCE_NAME_ERROR", $"No datasource is named '{name}' in the list of datasources (names are case-sensitive in DataBrain).");

        public static EmbedAdminApiException Datamart(string name) =>
            new(ApiService.DataBrain, ListStatus, "INVALID_DATAMART", $"No datamart is named '{name}' in the list of datamarts (names are case-sensitive in DataBrain).");
    }
}
