using System.Text.Json.Nodes;
using EmbedAdmin.Emulator.Infrastructure;
using EmbedAdmin.Emulator.State;

namespace EmbedAdmin.Emulator.DataBrain;

/// <summary>Organisation-level (service token) routes: workspaces (docs.usedatabrain.com/api-reference/update-workspace), datasources, export-dashboard.</summary>
internal static class OrgApi
{
    private static readonly HashSet<string> WorkspaceKeys = new(StringComparer.Ordinal)
    {
        "name", "connectionType", "datasourceName", "datamartName", "llmName", "aiCopilotLlms",
        "isEnableMetricSuggestions", "isEnableMetricSummary", "summaryType", "customSummaryPrompt", "themeName",
    };

    // MULTI_DATAMART appears only in newer crawls of the workspace pages (DRIFT); the newest list is used.
    private static readonly string[] ConnectionTypes = { "DATASOURCE", "DATAMART", "MULTI_DATASOURCE", "MULTI_DATAMART" };
    private static readonly string[] SummaryTypes = { "technicalAndInsightSummary", "forecastAndTrendAnalysis", "comparativeAndAnomalyDetection", "custom" };
    private static readonly HashSet<string> ExportKeys = new(StringComparer.Ordinal) { "dashboardId", "workspaceName" };

    public static void Register(EmulatorRuntime emu)
    {
        emu.Map("GET", "/api/v2/workspace", Db.Route("GET /api/v2/workspace", Db.ServiceAuth, ListWorkspaces));
        emu.Map("POST", "/api/v2/workspace", Db.Route("POST /api/v2/workspace", Db.ServiceAuth, r => UpsertWorkspaceAsync(r, create: true)));
        emu.Map("PUT", "/api/v2/workspace", Db.Route("PUT /api/v2/workspace", Db.ServiceAuth, r => UpsertWorkspaceAsync(r, create: false)));
        emu.Map("GET", "/api/v2/datasource", Db.Route("GET /api/v2/datasource", Db.DatasourceAuth, ListDatasources));
        emu.Map("POST", "/api/v2/data-app/export-dashboard", Db.Route("POST /api/v2/data-app/export-dashboard", Db.ServiceAuth, ExportDashboardAsync));
    }

    private static ValueTask<Reply> ListWorkspaces(ApiRequest r) => ListNames(r, store => store.Workspaces.Keys, includeError: true);

    // The datasource list page shows {data:[{name}]} with no error member.
    private static ValueTask<Reply> ListDatasources(ApiRequest r) => ListNames(r, store => store.Datasources.Keys, includeError: false);

    private static ValueTask<Reply> ListNames(ApiRequest r, Func<Store, IEnumerable<string>> names, bool includeError)
    {
        if (Db.ParseQueryPaging(r, out var paged, out var page) is { } error)
        {
            return ValueTask.FromResult(Db.BadBody(error));
        }

        var store = r.Store;
        lock (store.Gate)
        {
            var sorted = names(store).OrderBy(n => n, StringComparer.Ordinal).ToList();
            var (start, end) = Db.PageRange(sorted.Count, paged, page);
            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteStartArray("data");
            for (var i = start; i < end; i++)
            {
                w.WriteStartObject();
                w.WriteString("name", sorted[i]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (includeError)
            {
                w.WriteNull("error");
            }

            w.WriteEndObject();
            return ValueTask.FromResult(JsonOut.Reply(200, w));
        }
    }

    /// <summary>
    /// Create (POST) and update (PUT) share the rules of docs.usedatabrain.com/api-reference/update-workspace: connectionType enum; datasourceName
    /// required for DATASOURCE, datamartName for DATAMART; summaryType required when
    /// isEnableMetricSummary is true; customSummaryPrompt required when summaryType is custom; LLM,
    /// Copilot-LLM and theme names must exist. Optional AI settings merge on update.
    /// </summary>
    private static async ValueTask<Reply> UpsertWorkspaceAsync(ApiRequest r, bool create)
    {
        var body = await r.ReadJsonAsync().ConfigureAwait(false);
        if (body.Malformed)
        {
            return Db.BadBody(body.Problem!);
        }

        if (body.Object is not { } o)
        {
            return Db.BadBody("Request body must be a JSON object.");
        }

        if (Db.UnknownKey(o, WorkspaceKeys) is { } unknown)
        {
            return Db.BadBody($"Unknown field '{unknown}'.");
        }

        if (!Db.TryNonEmptyString(o["name"], out var name))
        {
            return Db.BadBody("name is required.");
        }

        if (!Db.TryString(o["connectionType"], out var connectionType) || Array.IndexOf(ConnectionTypes, connectionType) < 0)
        {
            return Db.BadBody("connectionType is required and must be one of DATASOURCE, DATAMART, MULTI_DATASOURCE, MULTI_DATAMART.");
        }

        string? datasourceName = null;
        if (Db.Has(o, "datasourceName", out var dsNode) && !Db.TryNonEmptyString(dsNode, out datasourceName!))
        {
            return Db.BadBody("datasourceName must be a non-empty string.");
        }

        string? datamartName = null;
        if (Db.Has(o, "datamartName", out var dmNode) && !Db.TryNonEmptyString(dmNode, out datamartName!))
        {
            return Db.BadBody("datamartName must be a non-empty string.");
        }

        if (connectionType == "DATASOURCE" && datasourceName is null)
        {
            return Db.BadBody("datasourceName is required when connectionType is DATASOURCE.");
        }

        if (connectionType == "DATAMART" && datamartName is null)
        {
            return Db.BadBody("datamartName is required when connectionType is DATAMART.");
        }

        bool? suggestions = null;
        if (Db.Has(o, "isEnableMetricSuggestions", out var sugNode))
        {
            if (!Db.TryBool(sugNode, out var b))
            {
                return Db.BadBody("isEnableMetricSuggestions must be a boolean.");
            }

            suggestions = b;
        }

        bool? summary = null;
        if (Db.Has(o, "isEnableMetricSummary", out var sumNode))
        {
            if (!Db.TryBool(sumNode, out var b))
            {
                return Db.BadBody("isEnableMetricSummary must be a boolean.");
            }

            summary = b;
        }

        string? summaryType = null;
        if (Db.Has(o, "summaryType", out var stNode))
        {
            if (!Db.TryString(stNode, out var st) || Array.IndexOf(SummaryTypes, st) < 0)
            {
                return Db.BadBody("summaryType must be one of technicalAndInsightSummary, forecastAndTrendAnalysis, comparativeAndAnomalyDetection, custom.");
            }

            summaryType = st;
        }

        if (summary == true && summaryType is null)
        {
            return Db.BadBody("summaryType is required when isEnableMetricSummary is true.");
        }

        string? prompt = null;
        if (Db.Has(o, "customSummaryPrompt", out var promptNode) && !Db.TryNonEmptyString(promptNode, out prompt!))
        {
            return Db.BadBody("customSummaryPrompt must be a non-empty string.");
        }

        if (summaryType == "custom" && prompt is null)
        {
            return Db.BadBody("customSummaryPrompt is required when summaryType is custom.");
        }

        string? llm = null;
        if (Db.Has(o, "llmName", out var llmNode) && !Db.TryNonEmptyString(llmNode, out llm!))
        {
            return Db.Error(400, "INVALID_LLM_NAME", "llmName must be a non-empty string.");
        }

        List<string>? copilot = null;
        if (Db.Has(o, "aiCopilotLlms", out var copNode))
        {
            if (copNode is not JsonArray arr)
            {
                return Db.Error(400, "INVALID_AI_COPILOT_LLMS", "aiCopilotLlms must be an array of LLM names.");
            }

            copilot = new List<string>();
            foreach (var item in arr)
            {
                if (!Db.TryNonEmptyString(item, out var s))
                {
                    return Db.Error(400, "INVALID_AI_COPILOT_LLMS", "aiCopilotLlms must contain LLM names.");
                }

                copilot.Add(s);
            }
        }

        string? theme = null;
        if (Db.Has(o, "themeName", out var themeNode) && !Db.TryNonEmptyString(themeNode, out theme!))
        {
            return Db.Error(400, "INVALID_THEME_NAME", "themeName must be a non-empty string.");
        }

        var store = r.Store;
        lock (store.Gate)
        {
            store.Workspaces.TryGetValue(name, out var workspace);
            if (create && workspace is not null)
            {
                return Db.BadBody($"Workspace '{name}' already exists.");
            }

            if (!create && workspace is null)
            {
                return Db.Error(400, "WORKSPACE_DOES_NOT_EXIST", $"Workspace '{name}' does not exist.");
            }

            if (connectionType == "DATASOURCE" && !store.Datasources.ContainsKey(datasourceName!))
            {
                return Db.Error(400, "INVALID_DATASOURCE_NAME", $"Datasource '{datasourceName}' not found.");
            }

            if (connectionType == "DATAMART" && !store.Datamarts.ContainsKey(datamartName!))
            {
                return Db.Error(400, "INVALID_DATAMART_NAME", $"Datamart '{datamartName}' not found.");
            }

            var llms = store.Doc.DataBrain.Llms;
            if (llm is not null && !llms.Contains(llm))
            {
                return Db.Error(400, "INVALID_LLM_NAME", $"LLM '{llm}' is not configured in this organization.");
            }

            if (copilot?.Find(c => !llms.Contains(c)) is { } badLlm)
            {
                return Db.Error(400, "INVALID_AI_COPILOT_LLMS", $"LLM '{badLlm}' is not configured in this organization.");
            }

            if (theme is not null && !store.Doc.DataBrain.Themes.Contains(theme))
            {
                return Db.Error(400, "INVALID_THEME_NAME", $"Theme '{theme}' does not exist.");
            }

            if (workspace is null)
            {
                workspace = new WorkspaceRecord { Name = name };
                store.Workspaces[name] = workspace;
                store.Doc.DataBrain.Workspaces.Add(workspace);
            }

            // A connection change replaces the link; MULTI_* "clears prior single-datasource or single-datamart links".
            workspace.ConnectionType = connectionType;
            workspace.DatasourceName = connectionType == "DATASOURCE" ? datasourceName : null;
            workspace.DatamartName = connectionType == "DATAMART" ? datamartName : null;
            workspace.LlmName = llm ?? workspace.LlmName;
            workspace.AiCopilotLlms = copilot ?? workspace.AiCopilotLlms;
            workspace.IsEnableMetricSuggestions = suggestions ?? workspace.IsEnableMetricSuggestions;
            workspace.IsEnableMetricSummary = summary ?? workspace.IsEnableMetricSummary;
            workspace.SummaryType = summaryType ?? workspace.SummaryType;
            workspace.CustomSummaryPrompt = prompt ?? workspace.CustomSummaryPrompt;
            workspace.ThemeName = theme ?? workspace.ThemeName;
            store.Changed(Kinds.Workspace, name, workspace);
            store.Touch();

            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteStartObject("data");
            w.WriteString("name", name);
            w.WriteEndObject();
            w.WriteNull("error");
            w.WriteEndObject();
            return JsonOut.Reply(200, w, mutated: true);
        }
    }

    /// <summary>Export Dashboard (service token): {_meta{exportedAt, workspaceName, dashboardId}, data{...}}.</summary>
    private static async ValueTask<Reply> ExportDashboardAsync(ApiRequest r)
    {
        var body = await r.ReadJsonAsync().ConfigureAwait(false);
        if (body.Malformed)
        {
            return Db.BadBody(body.Problem!);
        }

        if (body.Object is not { } o)
        {
            return Db.BadBody("Request body must be a JSON object with dashboardId and workspaceName.");
        }

        if (Db.UnknownKey(o, ExportKeys) is { } unknown)
        {
            return Db.BadBody($"Unknown field '{unknown}'.");
        }

        if (!Db.TryNonEmptyString(o["dashboardId"], out var dashboardId) || !Db.TryNonEmptyString(o["workspaceName"], out var workspaceName))
        {
            return Db.BadBody("dashboardId and workspaceName are required.");
        }

        var store = r.Store;
        lock (store.Gate)
        {
            if (!store.Workspaces.ContainsKey(workspaceName))
            {
                return Db.Error(400, "INVALID_WORKSPACE_NAME", $"Workspace '{workspaceName}' not found.");
            }

            if (!store.Dashboards.TryGetValue(dashboardId, out var dashboard) || dashboard.WorkspaceName != workspaceName)
            {
                return Db.Error(400, "INVALID_DASHBOARD_ID", $"Dashboard '{dashboardId}' not found in workspace '{workspaceName}'.");
            }

            var w = JsonOut.Begin();
            w.WriteStartObject();
            w.WriteStartObject("_meta");
            w.WriteString("exportedAt", store.Now());
            w.WriteString("workspaceName", workspaceName);
            w.WriteString("dashboardId", dashboardId);
            w.WriteEndObject();
            w.WritePropertyName("data");
            dashboard.Data.WriteTo(w);
            w.WriteEndObject();
            return JsonOut.Reply(200, w);
        }
    }
}
