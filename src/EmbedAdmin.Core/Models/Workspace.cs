using System;
using System.Collections.Generic;

namespace EmbedAdmin.Core.Models
{
    /// <summary>
    /// A DataBrain workspace. The list endpoint returns names only, so from Get-Workspace every other property
    /// is null; from New-Workspace and Update-Workspace -PassThru the properties hold what was sent (the
    /// endpoints answer with the name only), and <see cref="UpdatedFields"/> says which.
    /// </summary>
    public sealed class Workspace
    {
        public string Name { get; set; } = string.Empty;

        public string? ConnectionType { get; set; }

        public string? DatasourceName { get; set; }

        public string? DatamartName { get; set; }

        public string? LlmName { get; set; }

        public IReadOnlyList<string>? AiCopilotLlms { get; set; }

        public bool? EnableMetricSuggestions { get; set; }

        public bool? EnableMetricSummary { get; set; }

        public string? SummaryType { get; set; }

        public string? CustomSummaryPrompt { get; set; }

        public string? ThemeName { get; set; }

        /// <summary>The API field names that were sent; empty for objects read from the list.</summary>
        public IReadOnlyList<string> UpdatedFields { get; set; } = Array.Empty<string>();

        public override string ToString() => Name;
    }
}
