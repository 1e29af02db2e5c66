using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Json;

namespace EmbedAdmin.Core.Journal
{
    /// <summary>One field of a change: its value before (as read for the change) and the value sent.</summary>
    public sealed class JournalField
    {
        public JournalField(string name, JsonNode? before, JsonNode? after, bool beforeKnown = true)
        {
            Name = name;
            BeforeNode = before;
            AfterNode = after;
            BeforeKnown = beforeKnown;
        }

        /// <summary>The API's name of the field (isAllowEmailReports, live_span, tableList).</summary>
        public string Name { get; }

        /// <summary>The value before: text, a boolean, a number, or a list or table of those; null when not set.</summary>
        public object? Before => JournalValues.ToPlain(BeforeNode);

        /// <summary>The value sent.</summary>
        public object? After => JournalValues.ToPlain(AfterNode);

        internal JsonNode? BeforeNode { get; }

        internal JsonNode? AfterNode { get; }

        /// <summary>False where the service offers no way to read the value (a workspace's settings) and no earlier entry recorded it.</summary>
        public bool BeforeKnown { get; }

        public override string ToString() => $"{Name}: {JournalValues.Show(BeforeNode, BeforeKnown)} -> {JournalValues.Show(AfterNode, true)}";
    }

    /// <summary>
    /// One line of the change journal: a change that was sent, who sent it from where, what each field was and
    /// became, and how it ended. Never holds a secret: guest tokens, credentials and keys are not fields of any change.
    /// </summary>
    public sealed class JournalEntry
    {
        public const string Succeeded = "Succeeded";
        public const string Failed = "Failed";
        public const string Interrupted = "Interrupted";

        public string RunId { get; set; } = string.Empty;

        public DateTimeOffset Time { get; set; }

        public string User { get; set; } = string.Empty;

        public string Host { get; set; } = string.Empty;

        public string Cmdlet { get; set; } = string.Empty;

        /// <summary>DataBrain or Datadog.</summary>
        public string Service { get; set; } = string.Empty;

        public string BaseUri { get; set; } = string.Empty;

        /// <summary>Update, Create or Remove.</summary>
        public string Operation { get; set; } = string.Empty;

        /// <summary>What was changed: an embed id, a workspace or datamart name, "dashboard/token" of a secure embed.</summary>
        public string Target { get; set; } = string.Empty;

        public IReadOnlyList<JournalField> Fields { get; set; } = Array.Empty<JournalField>();

        public string Outcome { get; set; } = Succeeded;

        public string? ErrorId { get; set; }

        public string? RequestId { get; set; }

        /// <summary>A datamart's full definition before the change, in its own file.</summary>
        public string? BackupFile { get; set; }

        /// <summary>What else an undo needs and the fields do not say (e.g. the dashboard of a created embed).</summary>
        public string? Recorded => RecordedNode?.ToJsonString(EmbedAdminJson.Options);

        internal JsonObject? RecordedNode { get; set; }

        /// <summary>Set on the entries of an undo: the run it put back.</summary>
        public string? UndoOf { get; set; }

        /// <summary>The file and line it was read from (not written).</summary>
        public string? Source { get; set; }

        /// <summary>A copy whose fields can be replaced without touching this entry.</summary>
        public JournalEntry Copy() => (JournalEntry)MemberwiseClone();

        /// <summary>The names of the fields, for the table view.</summary>
        public string FieldNames => string.Join(", ", Fields.Select(f => f.Name));

        public string ToJsonLine()
        {
            var line = new JsonObject
            {
                ["runId"] = RunId,
                ["time"] = Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                ["user"] = User,
                ["host"] = Host,
                ["cmdlet"] = Cmdlet,
                ["service"] = Service,
                ["baseUri"] = BaseUri,
                ["operation"] = Operation,
                ["target"] = Target,
                ["fields"] = new JsonArray(Fields.Select(f =>
                {
                    var field = new JsonObject { ["name"] = f.Name, ["before"] = f.BeforeNode?.DeepClone(), ["after"] = f.AfterNode?.DeepClone() };
                    if (!f.BeforeKnown)
                    {
                        field["beforeKnown"] = false;
                    }

                    return (JsonNode)field;
                }).ToArray()),
                ["outcome"] = Outcome,
            };
            Optional(line, "errorId", ErrorId);
            Optional(line, "requestId", RequestId);
            Optional(line, "backupFile", BackupFile);
            Optional(line, "undoOf", UndoOf);
            if (RecordedNode is not null)
            {
                line["recorded"] = RecordedNode.DeepClone();
            }

            return line.ToJsonString(EmbedAdminJson.Options);
        }

        /// <summary>Null for a line that is not a whole entry (the torn last line of a process killed mid-write).</summary>
        public static JournalEntry? TryParse(string line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return null;
            }

            try
            {
                if (JsonNode.Parse(line) is not JsonObject o || o["runId"] is null || o["outcome"] is null)
                {
                    return null;
                }

                string Text(string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
                string? Maybe(string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                return new JournalEntry
                {
                    RunId = Text("runId"),
                    Time = DateTimeOffset.Parse(Text("time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                    User = Text("user"),
                    Host = Text("host"),
                    Cmdlet = Text("cmdlet"),
                    Service = Text("service"),
                    BaseUri = Text("baseUri"),
                    Operation = Text("operation"),
                    Target = Text("target"),
                    Fields = (o["fields"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().Select(f => new JournalField(
                        f["name"]?.GetValue<string>() ?? string.Empty,
                        f["before"]?.DeepClone(),
                        f["after"]?.DeepClone(),
                        !(f["beforeKnown"] is JsonValue known && known.TryGetValue<bool>(out var k) && !k))).ToList(),
                    Outcome = Text("outcome"),
                    ErrorId = Maybe("errorId"),
                    RequestId = Maybe("requestId"),
                    BackupFile = Maybe("backupFile"),
                    UndoOf = Maybe("undoOf"),
                    RecordedNode = o["recorded"]?.DeepClone() as JsonObject,
                };
            }
            catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
            {
                return null;
            }
        }

        private static void Optional(JsonObject line, string name, string? value)
        {
            if (value is not null)
            {
                line[name] = value;
            }
        }
    }

    /// <summary>How journal values read in a diff and compare.</summary>
    public static class JournalValues
    {
        public const string NotSet = "(not set)";
        public const string Unknown = "(unknown)";

        /// <summary>Strings without quotes; lists and objects as compact JSON.</summary>
        public static string Show(JsonNode? node, bool known = true) => !known ? Unknown : node switch
        {
            null => NotSet,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            _ => node.ToJsonString(EmbedAdminJson.Options),
        };

        /// <summary>A recorded value as the cmdlets' parameters take it: text, a boolean, a number, or a list of those.</summary>
        public static object? ToPlain(JsonNode? node) => node switch
        {
            null => null,
            JsonArray array => array.Select(ToPlain).ToList(),
            JsonObject obj => obj.ToDictionary(p => p.Key, p => ToPlain(p.Value)),
            JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            JsonValue value when value.TryGetValue<long>(out var whole) => whole,
            JsonValue value when value.TryGetValue<double>(out var number) => number,
            _ => node.ToJsonString(),
        };

        /// <summary>Same JSON value; object members in any order.</summary>
        public static bool Same(JsonNode? left, JsonNode? right) => Canonical(left) == Canonical(right);

        private static string Canonical(JsonNode? node) => node switch
        {
            null => "null",
            JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
            JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
            _ => node.ToJsonString(),
        };
    }
}
