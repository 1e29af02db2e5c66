using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// Strips PowerShell's wrappers so Core sees plain .NET values: a PSCustomObject becomes a dictionary of its
    /// properties, a PSObject its base object, and lists are unwrapped item by item.
    /// </summary>
    internal static class PSValues
    {
        public static object? Unwrap(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case PSObject { BaseObject: PSCustomObject } custom:
                    var properties = new Dictionary<string, object?>(System.StringComparer.OrdinalIgnoreCase);
                    foreach (var property in custom.Properties)
                    {
                        properties[property.Name] = Unwrap(property.Value);
                    }

                    return properties;
                case PSObject wrapped:
                    return Unwrap(wrapped.BaseObject);
                case string text:
                    return text;
                case IDictionary dictionary:
                    var copy = new Dictionary<string, object?>(System.StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        copy[entry.Key?.ToString() ?? string.Empty] = Unwrap(entry.Value);
                    }

                    return copy;
                case IList list:
                    var items = new List<object?>(list.Count);
                    foreach (var item in list)
                    {
                        items.Add(Unwrap(item));
                    }

                    return items;
                default:
                    return value;
            }
        }
    }
}
