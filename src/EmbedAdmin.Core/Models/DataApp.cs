using System;
using System.Collections.Generic;

namespace EmbedAdmin.Core.Models
{
    /// <summary>
    /// A DataBrain data app as the list returns it (docs.usedatabrain.com/api-reference/list-data-apps), with its
    /// embeds. Name binds as -DataAppName into the data-app cmdlets, New-DataAppApiToken and New-GuestToken.
    /// </summary>
    public sealed class DataApp
    {
        public string Name { get; set; } = string.Empty;

        /// <summary>The same value under the name the other cmdlets' parameters bind from.</summary>
        public string DataAppName => Name;

        /// <summary>"embedded" for every data app the list shows.</summary>
        public string? Type { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        public DateTimeOffset? UpdatedAt { get; set; }

        /// <summary>The embedCount the service reports; null from New-DataApp and Rename-DataApp, which answer with the name only.</summary>
        public int? EmbedCount { get; set; }

        public IReadOnlyList<DataAppEmbed> Embeds { get; set; } = Array.Empty<DataAppEmbed>();

        /// <summary>The name before Rename-DataApp; null otherwise.</summary>
        public string? PreviousName { get; set; }

        public override string ToString() => Name;
    }

    /// <summary>One embed of a data app, as the data-app list shows it.</summary>
    public sealed class DataAppEmbed
    {
        public string EmbedId { get; set; } = string.Empty;

        public string? Name { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        public DateTimeOffset? UpdatedAt { get; set; }

        public override string ToString() => EmbedId;
    }
}
