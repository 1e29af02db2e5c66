using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EmbedAdmin.Core.Listing;

namespace EmbedAdmin.Base
{
    /// <summary>Turns -Name values into Core's name filter with PowerShell's own wildcard rules.</summary>
    internal static class NamePatterns
    {
        public static NameFilter From(IEnumerable<string>? names) => new(
            (names ?? Enumerable.Empty<string>())
                .Where(name => !string.IsNullOrWhiteSpace(name))
                .Select(name => name.Trim())
                .Select(name =>
                {
                    // Case-insensitive, as PowerShell matches names; the objects written carry the exact spelling
                    // DataBrain uses, which is what the case-sensitive update endpoints then receive.
                    var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                    return new NamePattern(WildcardPattern.Unescape(name), WildcardPattern.ContainsWildcardCharacters(name), pattern.IsMatch);
                }));
    }
}
