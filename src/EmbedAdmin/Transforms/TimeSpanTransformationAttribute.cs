using System;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Transforms
{
    /// <summary>
    /// A TimeSpan from a CSV cell: "01:00:00", "7.00:00:00", or a number with a unit ("90m", "1h", "7d",
    /// "3600000ms"). A bare number is refused: PowerShell would read "3600000" as days and a token meant for an
    /// hour would live ten thousand years. An empty cell means "not set".
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class TimeSpanTransformationAttribute : ArgumentTransformationAttribute
    {
        private static readonly Regex WithUnit = new(@"^\s*(?<n>\d+(\.\d+)?)\s*(?<u>ms|s|m|h|d)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case null:
                    return null;
                case TimeSpan span:
                    return span;
                case string text when FieldValues.IsUnset(text):
                    return null;
                case string text:
                    var unit = WithUnit.Match(text);
                    if (unit.Success)
                    {
                        var n = double.Parse(unit.Groups["n"].Value, CultureInfo.InvariantCulture);
                        return unit.Groups["u"].Value.ToLowerInvariant() switch
                        {
                            "ms" => TimeSpan.FromMilliseconds(n),
                            "s" => TimeSpan.FromSeconds(n),
                            "m" => TimeSpan.FromMinutes(n),
                            "h" => TimeSpan.FromHours(n),
                            _ => TimeSpan.FromDays(n),
                        };
                    }

                    if (text.IndexOf(':') >= 0 && TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var parsed))
                    {
                        return parsed;
                    }

                    break;
            }

            throw new ArgumentTransformationMetadataException(
                $"expects a time span such as 01:00:00, 90m, 1h or 7d; got {FieldValues.Describe(value)}. A bare number is refused because its unit is unclear.");
        }
    }
}
