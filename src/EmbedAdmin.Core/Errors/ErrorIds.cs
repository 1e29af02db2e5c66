using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace EmbedAdmin.Core.Errors
{
    /// <summary>
    /// The one catalog of the error ids the module gives (the first part of an ErrorRecord's FullyQualifiedErrorId),
    /// each declared once with its category. Scripts branch on these, so an id is never spelled anywhere else: code
    /// names the constant, and a test fails on an id literal outside this file or on an id the help does not name.
    /// Two families are built from a parameter's name, as the help says: Invalid&lt;Parameter&gt; for a value that
    /// breaks its field's rule, Missing&lt;Parameter&gt; for a required one left out (<see cref="Invalid"/>,
    /// <see cref="Missing"/>); the ones the module gives for a fixed parameter are listed here as well.
    /// </summary>
    public static class ErrorIds
    {
        private static readonly Lazy<IReadOnlyDictionary<string, ErrorCategoryName>> Catalog = new(Read);

        /// <summary>Every id of the catalog and its category.</summary>
        public static IReadOnlyDictionary<string, ErrorCategoryName> All => Catalog.Value;

        /// <summary>The id for a value of <paramref name="parameter"/> that breaks its field's rule: Invalid&lt;Parameter&gt;.</summary>
        public static string Invalid(string parameter) => nameof(Invalid) + parameter;

        /// <summary>The id for a required <paramref name="parameter"/> left out: Missing&lt;Parameter&gt;.</summary>
        public static string Missing(string parameter) => nameof(Missing) + parameter;

        /// <summary>The id's category: the catalog's, or InvalidArgument for an id of the Invalid/Missing families.</summary>
        public static ErrorCategoryName CategoryOf(string id) =>
            All.TryGetValue(id, out var category) ? category : ErrorCategoryName.InvalidArgument;

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string AiCopilotLlmNotFound = "AiCopilotLlmNotFound";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string AmbiguousDatamartInput = "AmbiguousDatamartInput";

        [Category(ErrorCategoryName.LimitsExceeded)]
        public const string ApiThrottled = "ApiThrottled";

        [Category(ErrorCategoryName.AuthenticationError)]
        public const string AuthenticationFailed = "AuthenticationFailed";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string BackupFailed = "BackupFailed";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string ChangedSinceRecorded = "ChangedSinceRecorded";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string ColumnsCsvNotFound = "ColumnsCsvNotFound";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string ConflictingColumns = "ConflictingColumns";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string ConflictingTableInput = "ConflictingTableInput";

        [Category(ErrorCategoryName.ResourceExists)]
        public const string ConflictingUpdate = "ConflictingUpdate";

        [Category(ErrorCategoryName.ConnectionError)]
        public const string ConnectionFailed = "ConnectionFailed";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string DanglingRelationship = "DanglingRelationship";

        [Category(ErrorCategoryName.InvalidOperation)]
        public const string DashboardCreateFailed = "DashboardCreateFailed";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string DashboardNotFound = "DashboardNotFound";

        [Category(ErrorCategoryName.ResourceExists)]
        public const string DataAppAlreadyExists = "DataAppAlreadyExists";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string DataAppNotFound = "DataAppNotFound";

        [Category(ErrorCategoryName.NotSpecified)]
        public const string DataBrainApiError = "DataBrainApiError";

        [Category(ErrorCategoryName.ResourceExists)]
        public const string DataBrainConflict = "DataBrainConflict";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string DataBrainInvalidRequest = "DataBrainInvalidRequest";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string DataBrainNotFound = "DataBrainNotFound";

        [Category(ErrorCategoryName.NotSpecified)]
        public const string DatadogApiError = "DatadogApiError";

        [Category(ErrorCategoryName.ResourceExists)]
        public const string DatadogConflict = "DatadogConflict";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string DatadogInvalidRequest = "DatadogInvalidRequest";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string DatadogNotFound = "DatadogNotFound";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string DatamartNameMismatch = "DatamartNameMismatch";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string DatamartNotFound = "DatamartNotFound";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string DatamartTableNotFound = "DatamartTableNotFound";

        [Category(ErrorCategoryName.InvalidOperation)]
        public const string DatasourceInUse = "DatasourceInUse";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string DatasourceNameMismatch = "DatasourceNameMismatch";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string DatasourceNotFound = "DatasourceNotFound";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string DefinitionFileNotFound = "DefinitionFileNotFound";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string DeleteDashboardNeedsCurrentPaths = "DeleteDashboardNeedsCurrentPaths";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string DuplicateColumn = "DuplicateColumn";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string DuplicateConnectionField = "DuplicateConnectionField";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string DuplicateExportPath = "DuplicateExportPath";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string DuplicateTable = "DuplicateTable";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string EmbedNotFound = "EmbedNotFound";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string EmptyColumnList = "EmptyColumnList";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string EmptyTableList = "EmptyTableList";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string EmptyTenancySettings = "EmptyTenancySettings";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string ExportFileExists = "ExportFileExists";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string ImportFileNotFound = "ImportFileNotFound";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InconsistentTableSetting = "InconsistentTableSetting";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidAccessSettings = "InvalidAccessSettings";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidAppFilter = "InvalidAppFilter";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidBooleanValue = "InvalidBooleanValue";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidCardinality = "InvalidCardinality";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidClientColumnType = "InvalidClientColumnType";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidClientId = "InvalidClientId";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidColumnsCsv = "InvalidColumnsCsv";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidConnection = "InvalidConnection";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidConnectionSetting = "InvalidConnectionSetting";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidConnectionType = "InvalidConnectionType";

        [Category(ErrorCategoryName.InvalidData)]
        public const string InvalidDashboardData = "InvalidDashboardData";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidDashboardFilter = "InvalidDashboardFilter";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidDashboardId = "InvalidDashboardId";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidDatamartName = "InvalidDatamartName";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidDatasourceType = "InvalidDatasourceType";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidDefinitionFile = "InvalidDefinitionFile";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidEmbedParameter = "InvalidEmbedParameter";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidEmbedType = "InvalidEmbedType";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidIdentifier = "InvalidIdentifier";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidImportFile = "InvalidImportFile";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidJoinModel = "InvalidJoinModel";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidJoinType = "InvalidJoinType";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidRelationships = "InvalidRelationships";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidRequest = "InvalidRequest";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidRlsSettings = "InvalidRlsSettings";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidSchemaMap = "InvalidSchemaMap";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidSecretName = "InvalidSecretName";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidSelectableTemplateVariables = "InvalidSelectableTemplateVariables";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidSummaryType = "InvalidSummaryType";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidTableList = "InvalidTableList";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidTenancy = "InvalidTenancy";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidTenancyLevel = "InvalidTenancyLevel";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string InvalidTenancySettings = "InvalidTenancySettings";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string JournalEntryOtherService = "JournalEntryOtherService";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string LlmNotFound = "LlmNotFound";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string MetricNotFound = "MetricNotFound";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingClientId = "MissingClientId";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingColumnName = "MissingColumnName";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingConnectionField = "MissingConnectionField";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingConnectionType = "MissingConnectionType";

        [Category(ErrorCategoryName.AuthenticationError)]
        public const string MissingCredential = "MissingCredential";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingCustomSummaryPrompt = "MissingCustomSummaryPrompt";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingDashboardId = "MissingDashboardId";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingDataAppName = "MissingDataAppName";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingDatamartName = "MissingDatamartName";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingDatasourceName = "MissingDatasourceName";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingDatasourceType = "MissingDatasourceType";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingEmbedId = "MissingEmbedId";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingImportFile = "MissingImportFile";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingMetricId = "MissingMetricId";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingNewName = "MissingNewName";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingRelationshipField = "MissingRelationshipField";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingSql = "MissingSql";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingSummaryType = "MissingSummaryType";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingTableName = "MissingTableName";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingTenancyField = "MissingTenancyField";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingTitle = "MissingTitle";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingToken = "MissingToken";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingTokenName = "MissingTokenName";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string MissingWorkspaceName = "MissingWorkspaceName";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string NoAccessSettings = "NoAccessSettings";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string NoDatamartChanges = "NoDatamartChanges";

        [Category(ErrorCategoryName.InvalidOperation)]
        public const string NoJournal = "NoJournal";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string NoSecureEmbedSettings = "NoSecureEmbedSettings";

        [Category(ErrorCategoryName.ConnectionError)]
        public const string NoSession = "NoSession";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string NotReversible = "NotReversible";

        [Category(ErrorCategoryName.OperationStopped)]
        public const string OperationCancelled = "OperationCancelled";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string PartialCredentialSet = "PartialCredentialSet";

        [Category(ErrorCategoryName.PermissionDenied)]
        public const string PermissionDenied = "PermissionDenied";

        [Category(ErrorCategoryName.OperationTimeout)]
        public const string RequestTimeout = "RequestTimeout";

        [Category(ErrorCategoryName.LimitsExceeded)]
        public const string ResponseTooLarge = "ResponseTooLarge";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string RunNotFound = "RunNotFound";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string SameDataAppName = "SameDataAppName";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string SecretInConnection = "SecretInConnection";

        [Category(ErrorCategoryName.NotInstalled)]
        public const string SecretManagementNotInstalled = "SecretManagementNotInstalled";

        [Category(ErrorCategoryName.WriteError)]
        public const string SecretStoreFailed = "SecretStoreFailed";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string SecureEmbedNotFound = "SecureEmbedNotFound";

        [Category(ErrorCategoryName.ConnectionError)]
        public const string ServerError = "ServerError";

        [Category(ErrorCategoryName.LimitsExceeded)]
        public const string ShareLimitReached = "ShareLimitReached";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string TemplateDashboardNotFound = "TemplateDashboardNotFound";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string ThemeNotFound = "ThemeNotFound";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string UnexpectedDatamartName = "UnexpectedDatamartName";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string UnexpectedDatasourceName = "UnexpectedDatasourceName";

        [Category(ErrorCategoryName.NotSpecified)]
        public const string UnexpectedError = "UnexpectedError";

        [Category(ErrorCategoryName.ProtocolError)]
        public const string UnexpectedRedirect = "UnexpectedRedirect";

        [Category(ErrorCategoryName.ProtocolError)]
        public const string UnexpectedResponse = "UnexpectedResponse";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string UnexpectedSql = "UnexpectedSql";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string UnexpectedTenancyField = "UnexpectedTenancyField";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string UnknownColumn = "UnknownColumn";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string UnknownCsvColumn = "UnknownCsvColumn";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string UnknownField = "UnknownField";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string UnknownRelationshipColumn = "UnknownRelationshipColumn";

        [Category(ErrorCategoryName.InvalidArgument)]
        public const string UnknownRelationshipTable = "UnknownRelationshipTable";

        [Category(ErrorCategoryName.ObjectNotFound)]
        public const string WorkspaceNotFound = "WorkspaceNotFound";

        private static IReadOnlyDictionary<string, ErrorCategoryName> Read() =>
            typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .ToDictionary(
                    f => (string)f.GetRawConstantValue()!,
                    f => f.GetCustomAttribute<CategoryAttribute>()?.Category
                        ?? throw new InvalidOperationException($"ErrorIds.{f.Name} declares no category."),
                    StringComparer.Ordinal);

        /// <summary>The PowerShell ErrorCategory an id is reported under.</summary>
        [AttributeUsage(AttributeTargets.Field)]
        private sealed class CategoryAttribute : Attribute
        {
            public CategoryAttribute(ErrorCategoryName category)
            {
                Category = category;
            }

            public ErrorCategoryName Category { get; }
        }
    }
}
