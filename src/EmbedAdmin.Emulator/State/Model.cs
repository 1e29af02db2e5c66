using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EmbedAdmin.Emulator.State;

// The persisted document. The seed file, the --state file, GET /_emulator/state and the body of
// POST /_emulator/reset all share this one shape, so a dump can be fed straight back in.
// These are the emulator's own records, not copies of any client's DTOs.

internal sealed class StateDocument
{
    public int FormatVersion { get; set; } = 1;

    // Only in --state snapshots (never in dumps, where it is 0 and omitted): journal lines of any other
    // generation predate this snapshot and must not be replayed over it.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long JournalGeneration { get; set; }
    public DataBrainState DataBrain { get; set; } = new();
    public DatadogState Datadog { get; set; } = new();
}

internal sealed class DataBrainState
{
    public List<string> ServiceTokens { get; set; } = new();
    public List<DataAppRecord> DataApps { get; set; } = new();
    public List<string> Llms { get; set; } = new();
    public List<string> Themes { get; set; } = new();
    public List<DatasourceRecord> Datasources { get; set; } = new();
    public List<DatamartRecord> Datamarts { get; set; } = new();
    public List<WorkspaceRecord> Workspaces { get; set; } = new();
    public List<DashboardRecord> Dashboards { get; set; } = new();
    public List<EmbedRecord> Embeds { get; set; } = new();
    public List<GuestTokenRecord> GuestTokens { get; set; } = new();

    // Drives generated ids and the list order of embeds; persisted so a restart never reuses an id.
    public long NextSequence { get; set; } = 1;
}

internal sealed class DataAppRecord
{
    public string Name { get; set; } = "";

    // Keys given in a seed by value only; they list as API tokens named "default".
    public List<string> ApiKeys { get; set; } = new();

    // Keys made through POST /api/v2/data-app/api-tokens, with the name and time the list page shows.
    public List<ApiTokenRecord> ApiTokens { get; set; } = new();
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";
}

internal sealed class ApiTokenRecord
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    public string? Description { get; set; }
    public string CreatedAt { get; set; } = "";
}

internal sealed class DatasourceRecord
{
    public string Name { get; set; } = "";
    public string DatasourceType { get; set; } = "postgres";

    // The credentials object as last sent (name included); null for seeded datasources without one.
    public JsonObject? Credentials { get; set; }
    public JsonObject? TenancySettings { get; set; }
    public string? CreatedAt { get; set; }
    public string? UpdatedAt { get; set; }
    public string? LastSyncedAt { get; set; }
    public int SyncCount { get; set; }
    public List<SourceTableRecord> Tables { get; set; } = new();
}

internal sealed class SourceTableRecord
{
    public string? SchemaName { get; set; }
    public string Name { get; set; } = "";
    public List<SourceColumnRecord> Columns { get; set; } = new();
}

internal sealed class SourceColumnRecord
{
    public string Name { get; set; } = "";
    public string Datatype { get; set; } = "string";
}

internal sealed class DatamartRecord
{
    public string Name { get; set; } = "";
    public string DatasourceName { get; set; } = "";
    public TenancyRecord? TenancySettings { get; set; }
    public List<DatamartTableRecord> Tables { get; set; } = new();
    public List<RelationshipRecord> Relationships { get; set; } = new();
}

internal sealed class TenancyRecord
{
    public string? TenancyLevel { get; set; }
    public string? ClientColumnType { get; set; }
    public string? SchemaName { get; set; }
    public string? TableName { get; set; }
    public string? TableClientNameColumn { get; set; }
    public string? TablePrimaryKeyColumn { get; set; }
    public string? PrimaryDatabase { get; set; }
}

internal sealed class DatamartTableRecord
{
    public string Name { get; set; } = "";
    public string? SchemaName { get; set; }
    public string? ClientColumn { get; set; }
    public bool IsHide { get; set; }
    public string? Label { get; set; }
    public string? IndexPattern { get; set; }
    public List<DatamartColumnRecord> Columns { get; set; } = new();
}

internal sealed class DatamartColumnRecord
{
    public string Name { get; set; } = "";
    public string? Datatype { get; set; }
    public string? Alias { get; set; }
    public string? Label { get; set; }
    public bool IsHide { get; set; }
    public bool IsCustomColumn { get; set; }
    public string? Sql { get; set; }
    public bool IsAggregate { get; set; }
    public bool IsApplyTimezone { get; set; }
}

internal sealed class RelationshipRecord
{
    public string ParentTableName { get; set; } = "";
    public string ParentColumnName { get; set; } = "";
    public string ChildTableName { get; set; } = "";
    public string ChildColumnName { get; set; } = "";
    public string RelationshipName { get; set; } = "";
    public string? Cardinality { get; set; }
    public string? Join { get; set; }
}

internal sealed class WorkspaceRecord
{
    public string Name { get; set; } = "";
    public string ConnectionType { get; set; } = "DATASOURCE";
    public string? DatasourceName { get; set; }
    public string? DatamartName { get; set; }
    public string? LlmName { get; set; }
    public List<string>? AiCopilotLlms { get; set; }
    public bool? IsEnableMetricSuggestions { get; set; }
    public bool? IsEnableMetricSummary { get; set; }
    public string? SummaryType { get; set; }
    public string? CustomSummaryPrompt { get; set; }
    public string? ThemeName { get; set; }
}

internal sealed class DashboardRecord
{
    public string DashboardId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? WorkspaceName { get; set; }

    // Set for per-client dashboards created through dashboard-embeds; null for workspace dashboards.
    public string? DataAppName { get; set; }
    public string? ClientId { get; set; }
    public JsonObject? Metadata { get; set; }

    // The exportable body: layout, filters, gridMargins, metrics[{metricId, name, ...}].
    public JsonObject Data { get; set; } = new();
}

internal sealed class EmbedRecord
{
    public string EmbedId { get; set; } = "";
    public long Sequence { get; set; }
    public string DataAppName { get; set; } = "";
    public string Name { get; set; } = "";
    public string EmbedType { get; set; } = "dashboard";
    public string? DashboardId { get; set; }
    public string? MetricId { get; set; }
    public string? WorkspaceName { get; set; }
    public string? ClientId { get; set; }
    public string? EmbedDescription { get; set; }
    public bool IsAllowPrivateMetricsByDefault { get; set; }
    public string CreatedAt { get; set; } = "";
    public string UpdatedAt { get; set; } = "";
    public AccessSettingsRecord AccessSettings { get; set; } = new();
}

internal sealed class AccessSettingsRecord
{
    public string? DatamartName { get; set; }
    public bool IsAllowAiPilot { get; set; }
    public bool IsAllowEmailReports { get; set; }
    public bool IsAllowManageMetrics { get; set; }
    public bool IsAllowCreateDashboardView { get; set; }
    public bool IsAllowMetricCreation { get; set; }
    public bool IsAllowMetricDeletion { get; set; }
    public bool IsAllowMetricLayoutChange { get; set; }
    public bool IsAllowMetricUpdate { get; set; }
    public bool IsAllowUnderlyingData { get; set; }
    public string? JoinModel { get; set; }
    public bool IsIncrementalJoin { get; set; }
    public string MetricCreationMode { get; set; } = "DRAG_DROP";
    public List<TableTenancyRecord>? TableTenancySettings { get; set; }

    public AccessSettingsRecord Clone()
    {
        var copy = (AccessSettingsRecord)MemberwiseClone();
        copy.TableTenancySettings = TableTenancySettings?.Select(t => new TableTenancyRecord { Name = t.Name, ClientColumn = t.ClientColumn }).ToList();
        return copy;
    }
}

internal sealed class TableTenancyRecord
{
    public string Name { get; set; } = "";
    public string ClientColumn { get; set; } = "";
}

internal sealed class GuestTokenRecord
{
    public string Token { get; set; } = "";
    public string DataAppName { get; set; } = "";
    public string ClientId { get; set; } = "";
    public List<string> AllowedEmbeds { get; set; } = new();
    public long? ExpiryTime { get; set; }
    public string CreatedAt { get; set; } = "";
    public JsonObject? Params { get; set; }
    public JsonObject? Permissions { get; set; }
}

internal sealed class DatadogState
{
    public List<string> ApiKeys { get; set; } = new();
    public List<string> ApplicationKeys { get; set; } = new();
    public int MaxSharesPerDashboard { get; set; } = 1000;
    public List<DatadogDashboardRecord> Dashboards { get; set; } = new();
    public List<ShareRecord> Shares { get; set; } = new();
    public long NextShareId { get; set; } = 1;
}

internal sealed class DatadogDashboardRecord
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
}

internal sealed class ShareRecord
{
    public string Id { get; set; } = "";
    public string Token { get; set; } = "";
    public string DashboardId { get; set; } = "";

    // Stored in the create-schema spelling; the list endpoint renders secure_embed as "secure-embed".
    public string ShareType { get; set; } = "secure_embed";
    public string Title { get; set; } = "";
    public string Status { get; set; } = "active";
    public string? LiveSpan { get; set; }
    public bool GlobalTimeSelectable { get; set; }
    public List<TemplateVarRecord> SelectableTemplateVars { get; set; } = new();
    public bool HighDensity { get; set; }
    public string Theme { get; set; } = "system";
    public string? Credential { get; set; }
    public string CreatedAt { get; set; } = "";
    public string Url { get; set; } = "";
    public List<string>? Invitees { get; set; }
    public List<string>? EmbeddableDomains { get; set; }
    public string? Expiration { get; set; }
    public bool SharerDisabled { get; set; }
}

internal sealed class TemplateVarRecord
{
    public string? Name { get; set; }
    public string? Prefix { get; set; }
    public List<string>? DefaultValues { get; set; }
    public List<string>? VisibleTags { get; set; }

    [JsonIgnore]
    public TemplateVarRecord Copy => new() { Name = Name, Prefix = Prefix, DefaultValues = DefaultValues?.ToList(), VisibleTags = VisibleTags?.ToList() };
}
