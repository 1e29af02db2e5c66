using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain.Embeds
{
    /// <summary>
    /// The accessSettings object of the create endpoints (create embed, create dashboard embed): the same fields
    /// and rules as an update, plus secure defaults for what the caller left out.
    /// </summary>
    public static class AccessSettings
    {
        public static IEnumerable<FieldSpec> PermissionFields =>
            EmbedAccessChange.Fields.Where(f => f.Kind == FieldKind.Boolean && f.Parameter.StartsWith("Allow", System.StringComparison.Ordinal));

        /// <summary>
        /// Builds accessSettings for a new embed. Every permission flag not given is sent as false and
        /// metricCreationMode as DRAG_DROP: a new tenant gets the least access unless someone asked for more.
        /// </summary>
        /// <returns>The JSON object, and the names of the fields that took a default (for -WhatIf).</returns>
        public static (JsonObject Settings, IReadOnlyList<string> Defaulted) ForCreate(IReadOnlyDictionary<string, object?> values, List<ValidationProblem> problems)
        {
            var body = new PartialBody();
            PartialUpdate.Apply(EmbedAccessChange.Fields, values, body, problems);
            var settings = body.Get("accessSettings") as JsonObject ?? new JsonObject();
            var defaulted = new List<string>();
            foreach (var flag in PermissionFields)
            {
                if (!settings.ContainsKey(flag.ApiName))
                {
                    settings[flag.ApiName] = false;
                    defaulted.Add(flag.ApiName);
                }
            }

            if (!settings.ContainsKey("metricCreationMode"))
            {
                settings["metricCreationMode"] = EmbedAccessChange.CreationModeDragDrop;
                defaulted.Add("metricCreationMode");
            }

            if (!settings.ContainsKey("datamartName") && !problems.Any(p => p.ErrorId == ErrorIds.InvalidDatamartName))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingDatamartName, "DatamartName (accessSettings.datamartName)", "is required: the datamart the embed reads."));
            }

            // Detached so the caller can place it in another document.
            return ((JsonObject)JsonNode.Parse(settings.ToJsonString())!, defaulted);
        }

        /// <summary>Reads an accessSettings object (export's embedDataAppAccessSetting, or the legacy list's) into the model.</summary>
        public static EmbedAccess Read(string embedId, JsonObject source) =>
            EmbedAccessChange.Table.ReadInto(new EmbedAccess { EmbedId = embedId }, source);
    }
}
