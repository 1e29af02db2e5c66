using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain.DataApps
{
    /// <summary>The rules for names the data-app cmdlets send; checked before anything is sent.</summary>
    public static class DataAppInput
    {
        /// <summary>The trimmed value, or a validation error naming the parameter, the API field and what it is for.</summary>
        /// <param name="errorId">Stable id for a missing value, e.g. MissingDataAppName.</param>
        /// <param name="field">"Name (name)": the parameter and the API field it feeds.</param>
        public static string Required(object? value, string errorId, string field, string purpose)
        {
            if (FieldValues.IsUnset(value) || value is not string text)
            {
                throw new EmbedAdminValidationException(errorId, field, "is required: " + purpose + ".");
            }

            return text.Trim();
        }

        /// <summary>
        /// {"name": …} or {"name": …, "updateName": …}. A rename to the same name is refused here: the service would
        /// either reject it or do nothing, and a silent no-op hides a typo in the CSV.
        /// </summary>
        public static (string Name, string? NewName) Rename(string? name, string? newName)
        {
            var current = Required(name, ErrorIds.MissingDataAppName, "Name (name)", "the exact (case-sensitive) name of the data app to rename");
            var next = Required(newName, ErrorIds.MissingNewName, "NewName (updateName)", "the data app's new name");
            if (string.Equals(current, next, System.StringComparison.Ordinal))
            {
                throw new EmbedAdminValidationException(ErrorIds.SameDataAppName, "NewName (updateName)", $"is the data app's current name '{current}'; give a different name.");
            }

            return (current, next);
        }
    }
}
