using System;
using System.Collections.Generic;
using System.Reflection;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// The values of the given fields' parameters for the current pipeline object, read from the parameter
    /// properties. Not from MyInvocation.BoundParameters: between pipeline objects PowerShell resets a parameter
    /// bound by property name to its default, but leaves the previous object's value in BoundParameters, so a row
    /// without a column would inherit the row before's value (a flag set on one workspace would be sent for the next).
    /// </summary>
    internal static class ParameterValues
    {
        /// <exception cref="Core.Errors.EmbedAdminValidationException">The row's columns break a column rule.</exception>
        public static IReadOnlyDictionary<string, object?> Of(EmbedAdminApiCmdlet cmdlet, IEnumerable<FieldSpec> fields)
        {
            cmdlet.CheckRowColumns();
            var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in fields)
            {
                var property = cmdlet.GetType().GetProperty(field.Parameter, BindingFlags.Public | BindingFlags.Instance);
                var value = property is null ? null : PSValues.Unwrap(property.GetValue(cmdlet));
                if (value is not null && cmdlet.ValueCounts(field.Parameter))
                {
                    values[field.Parameter] = value;
                }
            }

            return values;
        }
    }
}
