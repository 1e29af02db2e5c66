namespace EmbedAdmin.Core.Http
{
    /// <summary>Which credential an endpoint takes (docs.usedatabrain.com/api-reference/create-api-token; docs.datadoghq.com/api/latest/authentication).</summary>
    public enum AuthKind
    {
        None,

        /// <summary>DataBrain data-app API key: embeds, dashboard embeds, exports of embeds, guest tokens.</summary>
        DataAppKey,

        /// <summary>
        /// DataBrain service token: workspaces, datamarts, datasources, dashboard export. Older crawls of those
        /// pages said "use your API key from the data app"; the newest say service token. We follow the newest
        /// and tolerate the older: with no service token configured, the data-app key is sent instead.
        /// </summary>
        ServiceToken,

        /// <summary>Datadog DD-API-KEY plus DD-APPLICATION-KEY.</summary>
        DatadogKeys,
    }
}
