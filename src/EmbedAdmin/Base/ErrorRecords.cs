using System;
using System.Management.Automation;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Base
{
    /// <summary>Turns Core's error classification into PowerShell ErrorRecords.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord ForRow(Exception error, ErrorClassification classification, object? targetObject)
        {
            var record = new ErrorRecord(error, classification.ErrorId, ToCategory(classification.Category), targetObject);
            if (classification.RecommendedAction is not null)
            {
                record.ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = classification.RecommendedAction };
            }

            return record;
        }

        /// <summary>A record of one of the catalog's ids (ErrorIds), under the category the catalog gives it.</summary>
        public static ErrorRecord Create(Exception error, string errorId, object? targetObject, string? recommendedAction = null) =>
            ForRow(error, new ErrorClassification(errorId, recommendedAction), targetObject);

        private static ErrorCategory ToCategory(ErrorCategoryName name) =>
            Enum.TryParse<ErrorCategory>(name.ToString(), out var category) ? category : ErrorCategory.NotSpecified;
    }
}
