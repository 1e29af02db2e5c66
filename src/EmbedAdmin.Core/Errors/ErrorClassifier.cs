using System;
using System.Collections.Generic;

namespace EmbedAdmin.Core.Errors
{
    /// <summary>
    /// The names of PowerShell's ErrorCategory values that EmbedAdmin uses. Core cannot reference
    /// System.Management.Automation, so the cmdlet layer parses these names into the real enum.
    /// </summary>
    public enum ErrorCategoryName
    {
        NotSpecified,
        InvalidArgument,
        InvalidData,
        InvalidOperation,
        ObjectNotFound,
        PermissionDenied,
        AuthenticationError,
        ResourceExists,
        LimitsExceeded,
        ConnectionError,
        OperationTimeout,
        OperationStopped,
        ProtocolError,
        WriteError,
        ReadError,
        NotInstalled,
    }

    public sealed class ErrorClassification
    {
        /// <summary>An id of the catalog (<see cref="ErrorIds"/>), under the category the catalog declares for it.</summary>
        public ErrorClassification(string errorId, string? recommendedAction = null)
            : this(errorId, ErrorIds.CategoryOf(errorId), recommendedAction)
        {
        }

        public ErrorClassification(string errorId, ErrorCategoryName category, string? recommendedAction = null)
        {
            ErrorId = errorId;
            Category = category;
            RecommendedAction = recommendedAction;
        }

        public string ErrorId { get; }

        public ErrorCategoryName Category { get; }

        public string? RecommendedAction { get; }
    }

    /// <summary>The one error mapping: every exception a cmdlet can meet becomes a stable error id and category.</summary>
    public static class ErrorClassifier
    {
        // Keyed on the API code, not the status: DataBrain's pages give different statuses for the same code
        // (INVALID_DATA_APP_API_KEY 400 vs 401, INVALID_WORKSPACE_NAME 400 vs 404).
        private static readonly Dictionary<string, ErrorClassification> DataBrainCodes = new(StringComparer.OrdinalIgnoreCase)
        {
            ["EMBED_NOT_FOUND"] = new(ErrorIds.EmbedNotFound, "Check the embed id with Get-Embed."),
            ["INVALID_WORKSPACE_NAME"] = new(ErrorIds.WorkspaceNotFound, "Check the workspace name with Get-Workspace."),
            ["WORKSPACE_ID_ERROR"] = new(ErrorIds.WorkspaceNotFound, "Check the workspace name with Get-Workspace."),
            ["WORKSPACE_DOES_NOT_EXIST"] = new(ErrorIds.WorkspaceNotFound, "Check the workspace name with Get-Workspace."),
            ["INVALID_DATAMART"] = new(ErrorIds.DatamartNotFound, "Check the datamart name with Get-Datamart."),
            ["INVALID_DATAMART_NAME"] = new(ErrorIds.DatamartNotFound, "Check the datamart name with Get-Datamart."),
            ["DATAMART_TABLE_NOT_FOUND"] = new(ErrorIds.DatamartTableNotFound),
            ["INVALID_DATASOURCE_NAME"] = new(ErrorIds.DatasourceNotFound),
            ["DATASOURCE_NAME_ERROR"] = new(ErrorIds.DatasourceNotFound, "Check the datasource name (case-sensitive) with Get-Datasource."),
            ["INVALID_DASHBOARD_ID"] = new(ErrorIds.InvalidDashboardId),
            ["INVALID_METRIC_ID"] = new(ErrorIds.MetricNotFound),
            ["TEMPLATE_DASHBOARD_ERROR"] = new(ErrorIds.TemplateDashboardNotFound),
            ["INVALID_DASHBOARD_DATA"] = new(ErrorIds.InvalidDashboardData),
            ["DASHBOARD_CREATE_ERROR"] = new(ErrorIds.DashboardCreateFailed),
            ["CLIENT_ID_ERROR"] = new(ErrorIds.InvalidClientId),
            ["DASHBOARD_PARAM_ERROR"] = new(ErrorIds.InvalidDashboardFilter),
            ["APP_FILTER_PARAM_ERROR"] = new(ErrorIds.InvalidAppFilter),
            ["RLS_SETTINGS_PARAM_ERROR"] = new(ErrorIds.InvalidRlsSettings),
            ["EMBED_PARAM_ERROR"] = new(ErrorIds.InvalidEmbedParameter),
            ["INVALID_TENANCY"] = new(ErrorIds.InvalidTenancy),
            ["INVALID_LLM_NAME"] = new(ErrorIds.LlmNotFound),
            ["INVALID_AI_COPILOT_LLMS"] = new(ErrorIds.AiCopilotLlmNotFound),
            ["INVALID_THEME_NAME"] = new(ErrorIds.ThemeNotFound),
            ["INSUFFICIENT_PERMISSIONS"] = new(ErrorIds.PermissionDenied, "The key's data app does not own this object."),
            // The update-embed page's own example says AUTHENTICATION_ERR; the guest-token page says
            // AUTHENTICATION_ERROR; older pages say INVALID_DATA_APP_API_KEY. All mean the same.
            ["AUTHENTICATION_ERR"] = new(ErrorIds.AuthenticationFailed, AuthAction),
            ["AUTHENTICATION_ERROR"] = new(ErrorIds.AuthenticationFailed, AuthAction),
            ["INVALID_DATA_APP_API_KEY"] = new(ErrorIds.AuthenticationFailed, AuthAction),
            ["INVALID_ACCESS_SETTINGS"] = new(ErrorIds.InvalidAccessSettings),
            ["CONFLICTING_UPDATE"] = new(ErrorIds.ConflictingUpdate, "Read the embed's current settings and resolve the conflict (joinModel vs isIncrementalJoin)."),
            ["DATA_APP_ALREADY_EXISTS"] = new(ErrorIds.DataAppAlreadyExists, "Data app names are unique in the organisation; list them with Get-DataApp."),
            ["DATA_APP_NOT_FOUND"] = new(ErrorIds.DataAppNotFound, "Check the data app name (case-sensitive) with Get-DataApp."),
            ["DATASOURCE_IN_USE"] = new(ErrorIds.DatasourceInUse, "Point the workspaces and datamarts named in the message at another datasource (Update-Workspace, Update-Datamart) or remove them, then remove the datasource."),
            ["RATE_LIMIT_EXCEEDED"] = new(ErrorIds.ApiThrottled, ThrottleAction),
            ["INVALID_REQUEST_BODY"] = new(ErrorIds.InvalidRequest),
            ["INTERNAL_SERVER_ERROR"] = new(ErrorIds.ServerError, RetryAction),
            ["INVALID_SERVER_ERROR"] = new(ErrorIds.ServerError, RetryAction),
        };

        // Datadog sends no error codes. These are the codes Datadog/SecureEmbedClient gives its errors from the route
        // and the status (DatadogCodes), plus the status-derived code of a 403, whose cause deserves a hint.
        private static readonly Dictionary<string, ErrorClassification> DatadogCodes = new(StringComparer.OrdinalIgnoreCase)
        {
            ["SECURE_EMBED_NOT_FOUND"] = new(ErrorIds.SecureEmbedNotFound, "List the dashboard's secure embeds with Get-SecureEmbed -DashboardId."),
            ["DASHBOARD_NOT_FOUND"] = new(ErrorIds.DashboardNotFound, "Check the dashboard id: the part of the dashboard's URL after /dashboard/."),
            ["SHARE_LIMIT_REACHED"] = new(ErrorIds.ShareLimitReached, "A dashboard can have at most 1000 share URLs; remove unused ones with Remove-SecureEmbed."),
            ["FORBIDDEN"] = new(ErrorIds.PermissionDenied, "Check the Datadog API and application keys, that the application key has dashboards_embed_share (dashboards_read to read), and that Embed sharing is enabled in Organization Settings."),
        };

        private const string AuthAction = "Check the key given to Connect-EmbedAdmin and that it is the right kind (data-app API key or service token) for this call.";
        private const string ThrottleAction = "Lower -ThrottleLimit or raise -MaximumRetryCount on Connect-EmbedAdmin.";
        private const string RetryAction = "Retry the failed rows: $ev.TargetObject | Export-Csv failed.csv, then run again with the file.";

        public static ErrorClassification Classify(Exception exception) => exception switch
        {
            EmbedAdminValidationException validation => new ErrorClassification(validation.ErrorId),
            EmbedAdminApiException api => ClassifyApi(api),
            EmbedAdminCredentialException => new ErrorClassification(ErrorIds.MissingCredential, AuthAction),
            OperationCanceledException => new ErrorClassification(ErrorIds.OperationCancelled),
            _ => new ErrorClassification(ErrorIds.UnexpectedError),
        };

        public static ErrorClassification ClassifyApi(EmbedAdminApiException exception)
        {
            if (exception.Service == ApiService.DataBrain && DataBrainCodes.TryGetValue(exception.ApiCode, out var known))
            {
                return known;
            }

            if (exception.Service == ApiService.Datadog && DatadogCodes.TryGetValue(exception.ApiCode, out var datadog))
            {
                return datadog;
            }

            return exception.ApiCode switch
            {
                "CONNECTION_FAILED" => new ErrorClassification(ErrorIds.ConnectionFailed, RetryAction),
                "REQUEST_TIMEOUT" => new ErrorClassification(ErrorIds.RequestTimeout, RetryAction),
                "UNEXPECTED_RESPONSE" => new ErrorClassification(ErrorIds.UnexpectedResponse),
                "RESPONSE_TOO_LARGE" => new ErrorClassification(ErrorIds.ResponseTooLarge, "Narrow the request, or connect with a larger -MaximumResponseSize."),
                "UNEXPECTED_REDIRECT" => new ErrorClassification(ErrorIds.UnexpectedRedirect, "Connect-EmbedAdmin with the address the service really answers on (https)."),
                "RETRY_AFTER_TOO_LONG" => new ErrorClassification(ErrorIds.ApiThrottled, "Wait for the time the service asked for, or raise -MaximumRetryWaitSec on Connect-EmbedAdmin."),
                _ => FromStatus(exception.Service, exception.StatusCode),
            };
        }

        private static ErrorClassification FromStatus(ApiService service, int? status)
        {
            var datadog = service == ApiService.Datadog;
            return status switch
            {
                400 or 422 => new ErrorClassification(datadog ? ErrorIds.DatadogInvalidRequest : ErrorIds.DataBrainInvalidRequest),
                401 => new ErrorClassification(ErrorIds.AuthenticationFailed, AuthAction),
                403 => new ErrorClassification(ErrorIds.PermissionDenied),
                404 => new ErrorClassification(datadog ? ErrorIds.DatadogNotFound : ErrorIds.DataBrainNotFound),
                409 => new ErrorClassification(datadog ? ErrorIds.DatadogConflict : ErrorIds.DataBrainConflict),
                429 => new ErrorClassification(ErrorIds.ApiThrottled, ThrottleAction),
                >= 500 => new ErrorClassification(ErrorIds.ServerError, RetryAction),
                _ => new ErrorClassification(datadog ? ErrorIds.DatadogApiError : ErrorIds.DataBrainApiError),
            };
        }
    }
}
