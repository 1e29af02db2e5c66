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
    }

    public sealed class ErrorClassification
    {
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
            ["EMBED_NOT_FOUND"] = new("EmbedNotFound", ErrorCategoryName.ObjectNotFound, "Check the embed id with Get-Embed."),
            ["INVALID_WORKSPACE_NAME"] = new("WorkspaceNotFound", ErrorCategoryName.ObjectNotFound, "Check the workspace name with Get-Workspace."),
            ["WORKSPACE_ID_ERROR"] = new("WorkspaceNotFound", ErrorCategoryName.ObjectNotFound, "Check the workspace name with Get-Workspace."),
            ["WORKSPACE_DOES_NOT_EXIST"] = new("WorkspaceNotFound", ErrorCategoryName.ObjectNotFound, "Check the workspace name with Get-Workspace."),
            ["INVALID_DATAMART"] = new("DatamartNotFound", ErrorCategoryName.ObjectNotFound, "Check the datamart name with Get-Datamart."),
            ["INVALID_DATAMART_NAME"] = new("DatamartNotFound", ErrorCategoryName.ObjectNotFound, "Check the datamart name with Get-Datamart."),
            ["DATAMART_TABLE_NOT_FOUND"] = new("DatamartTableNotFound", ErrorCategoryName.ObjectNotFound),
            ["INVALID_DATASOURCE_NAME"] = new("DatasourceNotFound", ErrorCategoryName.ObjectNotFound),
            ["DATASOURCE_NAME_ERROR"] = new("DatasourceNotFound", ErrorCategoryName.ObjectNotFound, "Check the datasource name (case-sensitive) with Get-Datasource."),
            ["INVALID_DASHBOARD_ID"] = new("InvalidDashboardId", ErrorCategoryName.InvalidArgument),
            ["INVALID_METRIC_ID"] = new("MetricNotFound", ErrorCategoryName.ObjectNotFound),
            ["TEMPLATE_DASHBOARD_ERROR"] = new("TemplateDashboardNotFound", ErrorCategoryName.ObjectNotFound),
            ["INVALID_DASHBOARD_DATA"] = new("InvalidDashboardData", ErrorCategoryName.InvalidData),
            ["DASHBOARD_CREATE_ERROR"] = new("DashboardCreateFailed", ErrorCategoryName.InvalidOperation),
            ["CLIENT_ID_ERROR"] = new("InvalidClientId", ErrorCategoryName.InvalidArgument),
            ["DASHBOARD_PARAM_ERROR"] = new("InvalidDashboardFilter", ErrorCategoryName.InvalidArgument),
            ["APP_FILTER_PARAM_ERROR"] = new("InvalidAppFilter", ErrorCategoryName.InvalidArgument),
            ["RLS_SETTINGS_PARAM_ERROR"] = new("InvalidRlsSettings", ErrorCategoryName.InvalidArgument),
            ["EMBED_PARAM_ERROR"] = new("InvalidEmbedParameter", ErrorCategoryName.InvalidArgument),
            ["INVALID_TENANCY"] = new("InvalidTenancy", ErrorCategoryName.InvalidArgument),
            ["INVALID_LLM_NAME"] = new("LlmNotFound", ErrorCategoryName.ObjectNotFound),
            ["INVALID_AI_COPILOT_LLMS"] = new("AiCopilotLlmNotFound", ErrorCategoryName.ObjectNotFound),
            ["INVALID_THEME_NAME"] = new("ThemeNotFound", ErrorCategoryName.ObjectNotFound),
            ["INSUFFICIENT_PERMISSIONS"] = new("PermissionDenied", ErrorCategoryName.PermissionDenied, "The key's data app does not own this object."),
            // The update-embed page's own example says AUTHENTICATION_ERR; the guest-token page says
            // AUTHENTICATION_ERROR; older pages say INVALID_DATA_APP_API_KEY. All mean the same.
            ["AUTHENTICATION_ERR"] = new("AuthenticationFailed", ErrorCategoryName.AuthenticationError, AuthAction),
            ["AUTHENTICATION_ERROR"] = new("AuthenticationFailed", ErrorCategoryName.AuthenticationError, AuthAction),
            ["INVALID_DATA_APP_API_KEY"] = new("AuthenticationFailed", ErrorCategoryName.AuthenticationError, AuthAction),
            ["INVALID_ACCESS_SETTINGS"] = new("InvalidAccessSettings", ErrorCategoryName.InvalidArgument),
            ["CONFLICTING_UPDATE"] = new("ConflictingUpdate", ErrorCategoryName.ResourceExists, "Read the embed's current settings and resolve the conflict (joinModel vs isIncrementalJoin)."),
            ["DATA_APP_ALREADY_EXISTS"] = new("DataAppAlreadyExists", ErrorCategoryName.ResourceExists, "Data app names are unique in the organisation; list them with Get-DataApp."),
            ["DATA_APP_NOT_FOUND"] = new("DataAppNotFound", ErrorCategoryName.ObjectNotFound, "Check the data app name (case-sensitive) with Get-DataApp."),
            ["DATASOURCE_IN_USE"] = new("DatasourceInUse", ErrorCategoryName.InvalidOperation, "Point the workspaces and datamarts named in the message at another datasource (Update-Workspace, Update-Datamart) or remove them, then remove the datasource."),
            ["RATE_LIMIT_EXCEEDED"] = new("ApiThrottled", ErrorCategoryName.LimitsExceeded, ThrottleAction),
            ["INVALID_REQUEST_BODY"] = new("InvalidRequest", ErrorCategoryName.InvalidArgument),
            ["INTERNAL_SERVER_ERROR"] = new("ServerError", ErrorCategoryName.ConnectionError, RetryAction),
            ["INVALID_SERVER_ERROR"] = new("ServerError", ErrorCategoryName.ConnectionError, RetryAction),
        };

        // Datadog sends no error codes. These are the codes Datadog/SecureEmbedClient gives its errors from the route
        // and the status (DatadogCodes), plus the status-derived code of a 403, whose cause deserves a hint.
        private static readonly Dictionary<string, ErrorClassification> DatadogCodes = new(StringComparer.OrdinalIgnoreCase)
        {
            ["SECURE_EMBED_NOT_FOUND"] = new("SecureEmbedNotFound", ErrorCategoryName.ObjectNotFound, "List the dashboard's secure embeds with Get-SecureEmbed -DashboardId."),
            ["DASHBOARD_NOT_FOUND"] = new("DashboardNotFound", ErrorCategoryName.ObjectNotFound, "Check the dashboard id: the part of the dashboard's URL after /dashboard/."),
            ["SHARE_LIMIT_REACHED"] = new("ShareLimitReached", ErrorCategoryName.LimitsExceeded, "A dashboard can have at most 1000 share URLs; remove unused ones with Remove-SecureEmbed."),
            ["FORBIDDEN"] = new("PermissionDenied", ErrorCategoryName.PermissionDenied, "Check the Datadog API and application keys, that the application key has dashboards_embed_share (dashboards_read to read), and that Embed sharing is enabled in Organization Settings."),
        };

        private const string AuthAction = "Check the key given to Connect-EmbedAdmin and that it is the right kind (data-app API key or service token) for this call.";
        private const string ThrottleAction = "Lower -ThrottleLimit or raise -MaximumRetryCount on Connect-EmbedAdmin.";
        private const string RetryAction = "Retry the failed rows: $ev.TargetObject | Export-Csv failed.csv, then run again with the file.";

        public static ErrorClassification Classify(Exception exception) => exception switch
        {
            EmbedAdminValidationException validation => new ErrorClassification(validation.ErrorId, ErrorCategoryName.InvalidArgument),
            EmbedAdminApiException api => ClassifyApi(api),
            EmbedAdminCredentialException => new ErrorClassification("MissingCredential", ErrorCategoryName.AuthenticationError, AuthAction),
            OperationCanceledException => new ErrorClassification("OperationCancelled", ErrorCategoryName.OperationStopped),
            _ => new ErrorClassification("UnexpectedError", ErrorCategoryName.NotSpecified),
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
                "CONNECTION_FAILED" => new ErrorClassification("ConnectionFailed", ErrorCategoryName.ConnectionError, RetryAction),
                "REQUEST_TIMEOUT" => new ErrorClassification("RequestTimeout", ErrorCategoryName.OperationTimeout, RetryAction),
                "UNEXPECTED_RESPONSE" => new ErrorClassification("UnexpectedResponse", ErrorCategoryName.ProtocolError),
                "RESPONSE_TOO_LARGE" => new ErrorClassification("ResponseTooLarge", ErrorCategoryName.LimitsExceeded, "Narrow the request, or connect with a larger -MaximumResponseSize."),
                "UNEXPECTED_REDIRECT" => new ErrorClassification("UnexpectedRedirect", ErrorCategoryName.ProtocolError, "Connect-EmbedAdmin with the address the service really answers on (https)."),
                "RETRY_AFTER_TOO_LONG" => new ErrorClassification("ApiThrottled", ErrorCategoryName.LimitsExceeded, "Wait for the time the service asked for, or raise -MaximumRetryWaitSec on Connect-EmbedAdmin."),
                _ => FromStatus(exception.Service, exception.StatusCode),
            };
        }

        private static ErrorClassification FromStatus(ApiService service, int? status)
        {
            var prefix = service == ApiService.Datadog ? "Datadog" : "DataBrain";
            return status switch
            {
                400 or 422 => new ErrorClassification(prefix + "InvalidRequest", ErrorCategoryName.InvalidArgument),
                401 => new ErrorClassification("AuthenticationFailed", ErrorCategoryName.AuthenticationError, AuthAction),
                403 => new ErrorClassification("PermissionDenied", ErrorCategoryName.PermissionDenied),
                404 => new ErrorClassification(prefix + "NotFound", ErrorCategoryName.ObjectNotFound),
                409 => new ErrorClassification(prefix + "Conflict", ErrorCategoryName.ResourceExists),
                429 => new ErrorClassification("ApiThrottled", ErrorCategoryName.LimitsExceeded, ThrottleAction),
                >= 500 => new ErrorClassification("ServerError", ErrorCategoryName.ConnectionError, RetryAction),
                _ => new ErrorClassification(prefix + "ApiError", ErrorCategoryName.NotSpecified),
            };
        }
    }
}
