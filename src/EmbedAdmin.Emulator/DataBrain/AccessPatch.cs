using System.Text.Json.Nodes;
using EmbedAdmin.Emulator.State;

namespace EmbedAdmin.Emulator.DataBrain;

/// <summary>
/// The accessSettings object as sent: every field optional, so it serves the update page's merge
/// ("Only provided fields will be updated") and, with <see cref="MissingRequired"/>, the create pages.
/// </summary>
internal sealed class AccessPatch
{
    public static readonly string[] FlagNames =
    {
        "isAllowAiPilot",
        "isAllowEmailReports",
        "isAllowManageMetrics",
        "isAllowCreateDashboardView",
        "isAllowMetricCreation",
        "isAllowMetricDeletion",
        "isAllowMetricLayoutChange",
        "isAllowMetricUpdate",
        "isAllowUnderlyingData",
    };

    private static readonly Dictionary<string, int> FlagIndex = BuildFlagIndex();

    public bool?[] Flags { get; } = new bool?[FlagNames.Length];

    public string? DatamartName { get; private set; }

    public string? JoinModel { get; private set; }

    public bool? IsIncrementalJoin { get; private set; }

    public string? MetricCreationMode { get; private set; }

    public List<TableTenancyRecord>? TableTenancy { get; private set; }

    /// <summary>Parses and type-checks; returns an error message or null.</summary>
    public static string? Parse(JsonObject o, out AccessPatch patch)
    {
        patch = new AccessPatch();
        foreach (var (key, node) in o)
        {
            if (FlagIndex.TryGetValue(key, out var index))
            {
                if (!Db.TryBool(node, out var b))
                {
                    return $"accessSettings.{key} must be a boolean.";
                }

                if (patch.Flags[index] is { } earlier && earlier != b)
                {
                    return "accessSettings.isAllowAiPilot and its legacy spelling isAllowAipilot disagree.";
                }

                patch.Flags[index] = b;
                continue;
            }

            switch (key)
            {
                case "datamartName":
                    if (!Db.TryNonEmptyString(node, out var dm))
                    {
                        return "accessSettings.datamartName must be a non-empty string.";
                    }

                    patch.DatamartName = dm;
                    break;
                case "joinModel":
                    if (!Db.TryString(node, out var jm) || (jm != "single" && jm != "multi"))
                    {
                        return "accessSettings.joinModel must be \"single\" or \"multi\".";
                    }

                    patch.JoinModel = jm;
                    break;
                case "isIncrementalJoin":
                    if (!Db.TryBool(node, out var inc))
                    {
                        return "accessSettings.isIncrementalJoin must be a boolean.";
                    }

                    patch.IsIncrementalJoin = inc;
                    break;
                case "metricCreationMode":
                    if (!Db.TryString(node, out var mode) || (mode != "DRAG_DROP" && mode != "CHAT"))
                    {
                        return "accessSettings.metricCreationMode must be \"DRAG_DROP\" or \"CHAT\".";
                    }

                    patch.MetricCreationMode = mode;
                    break;

                // tableList is the older name of tableTenancySettings; both are accepted.
                case "tableTenancySettings":
                case "tableList":
                    if (patch.TableTenancy is not null)
                    {
                        return "Send tableTenancySettings or its legacy name tableList, not both.";
                    }

                    var error = ParseTables(key, node, out var tables);
                    if (error is not null)
                    {
                        return error;
                    }

                    patch.TableTenancy = tables;
                    break;
                default:
                    return $"Unknown access setting '{key}'.";
            }
        }

        return null;
    }

    /// <summary>The create pages' required set: datamartName, the eight permission flags and metricCreationMode.</summary>
    public string? MissingRequired()
    {
        if (DatamartName is null)
        {
            return "accessSettings.datamartName";
        }

        for (var i = 1; i < FlagNames.Length; i++)
        {
            if (Flags[i] is null)
            {
                return "accessSettings." + FlagNames[i];
            }
        }

        return MetricCreationMode is null ? "accessSettings.metricCreationMode" : null;
    }

    /// <summary>joinModel is the current name of the isIncrementalJoin flag ("multi" = joins resolved incrementally per chart).</summary>
    public bool JoinConflict() =>
        JoinModel is not null && IsIncrementalJoin is { } inc && (JoinModel == "multi") != inc;

    public void ApplyTo(AccessSettingsRecord r)
    {
        if (DatamartName is not null)
        {
            r.DatamartName = DatamartName;
        }

        for (var i = 0; i < Flags.Length; i++)
        {
            if (Flags[i] is not { } b)
            {
                continue;
            }

            switch (i)
            {
                case 0: r.IsAllowAiPilot = b; break;
                case 1: r.IsAllowEmailReports = b; break;
                case 2: r.IsAllowManageMetrics = b; break;
                case 3: r.IsAllowCreateDashboardView = b; break;
                case 4: r.IsAllowMetricCreation = b; break;
                case 5: r.IsAllowMetricDeletion = b; break;
                case 6: r.IsAllowMetricLayoutChange = b; break;
                case 7: r.IsAllowMetricUpdate = b; break;
                default: r.IsAllowUnderlyingData = b; break;
            }
        }

        // The two join fields describe one setting, so either one keeps the other in step; a client that
        // reads back after writing one of them sees a consistent pair.
        if (JoinModel is not null)
        {
            r.JoinModel = JoinModel;
            r.IsIncrementalJoin = JoinModel == "multi";
        }
        else if (IsIncrementalJoin is { } inc)
        {
            r.IsIncrementalJoin = inc;
            r.JoinModel = inc ? "multi" : "single";
        }

        if (MetricCreationMode is not null)
        {
            r.MetricCreationMode = MetricCreationMode;
        }

        if (TableTenancy is not null)
        {
            r.TableTenancySettings = TableTenancy.Select(t => new TableTenancyRecord { Name = t.Name, ClientColumn = t.ClientColumn }).ToList();
        }
    }

    private static string? ParseTables(string key, JsonNode? node, out List<TableTenancyRecord> tables)
    {
        tables = new List<TableTenancyRecord>();
        if (node is not JsonArray array)
        {
            return $"accessSettings.{key} must be an array of {{name, clientColumn}}.";
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                return $"accessSettings.{key}[{i}] must be an object.";
            }

            if (!Db.TryNonEmptyString(item["name"], out var name))
            {
                return $"accessSettings.{key}[{i}].name is required.";
            }

            if (!Db.TryNonEmptyString(item["clientColumn"], out var column))
            {
                return $"accessSettings.{key}[{i}].clientColumn is required.";
            }

            foreach (var (k, _) in item)
            {
                if (k != "name" && k != "clientColumn")
                {
                    return $"accessSettings.{key}[{i}] has unknown field '{k}'.";
                }
            }

            tables.Add(new TableTenancyRecord { Name = name, ClientColumn = column });
        }

        return null;
    }

    private static Dictionary<string, int> BuildFlagIndex()
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < FlagNames.Length; i++)
        {
            d[FlagNames[i]] = i;
        }

        // Older pages spell it isAllowAipilot; tolerated as an alias of the newest isAllowAiPilot.
        d["isAllowAipilot"] = 0;
        return d;
    }
}
