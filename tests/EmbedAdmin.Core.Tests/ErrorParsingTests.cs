using System;
using System.Text;
using EmbedAdmin.Core.Errors;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    public class ErrorParsingTests
    {
        private static EmbedAdminApiException Parse(ApiService service, int status, string body) =>
            ApiErrorParser.Parse(service, status, Encoding.UTF8.GetBytes(body), "req-1", null);

        [Fact]
        public void DataBrainErrorObjectGivesCodeMessageAndStatus()
        {
            var error = Parse(ApiService.DataBrain, 404, "{\"error\":{\"code\":\"EMBED_NOT_FOUND\",\"message\":\"Embed configuration not found\",\"status\":404}}");

            Assert.Equal("EMBED_NOT_FOUND", error.ApiCode);
            Assert.Equal("Embed configuration not found", error.ApiMessage);
            Assert.Equal(404, error.StatusCode);
            Assert.Equal("req-1", error.RequestId);
            Assert.Contains("req-1", error.Message);
        }

        [Fact]
        public void DataBrainErrorWithoutStatusFieldStillParses()
        {
            var error = Parse(ApiService.DataBrain, 401, "{\"error\":{\"message\":\"API key is invalid or expired\",\"code\":\"AUTHENTICATION_ERR\"}}");

            Assert.Equal("AUTHENTICATION_ERR", error.ApiCode);
            Assert.Equal("API key is invalid or expired", error.ApiMessage);
        }

        [Fact]
        public void DataBrainErrorWithOnlyAMessageTakesItsCodeFromTheStatusField()
        {
            var error = Parse(ApiService.DataBrain, 400, "{\"error\":{\"message\":\"Datamart not found\",\"status\":404}}");

            Assert.Equal("NOT_FOUND", error.ApiCode);
        }

        [Fact]
        public void LegacyDataBrainErrorAsABareStringIsTolerated()
        {
            var error = Parse(ApiService.DataBrain, 400, "{\"error\":\"invalid dashboard id\"}");

            Assert.Equal("UNKNOWN_ERROR", error.ApiCode);
            Assert.Equal("invalid dashboard id", error.ApiMessage);
        }

        [Fact]
        public void DatadogJsonApiErrorsKeepTitleDetailAndPointer()
        {
            var error = Parse(ApiService.Datadog, 404, "{\"errors\":[{\"status\":\"404\",\"title\":\"Not Found\",\"detail\":\"Dashboard Not Found\",\"source\":{\"pointer\":\"/data/id\"}}]}");

            Assert.Equal("NOT_FOUND", error.ApiCode);
            Assert.Equal("Not Found: Dashboard Not Found (/data/id)", error.ApiMessage);
            Assert.Single(error.Details);
        }

        [Fact]
        public void DatadogRateLimitListOfStringsIsParsed()
        {
            var error = Parse(ApiService.Datadog, 429, "{\"errors\":[\"Rate limit of 100 requests in 10 seconds reached. Please try again later.\"]}");

            Assert.Equal("RATE_LIMITED", error.ApiCode);
            Assert.StartsWith("Rate limit of 100 requests", error.ApiMessage);
        }

        [Fact]
        public void NonJsonBodyKeepsASnippetAndACodeFromTheStatus()
        {
            var error = Parse(ApiService.DataBrain, 502, "<html>Bad Gateway</html>");

            Assert.Equal("SERVER_ERROR", error.ApiCode);
            Assert.Equal("<html>Bad Gateway</html>", error.ApiMessage);
        }

        [Fact]
        public void EmptyBodySaysTheStatus()
        {
            var error = ApiErrorParser.Parse(ApiService.Datadog, 403, ReadOnlyMemory<byte>.Empty, null, TimeSpan.FromSeconds(3));

            Assert.Equal("FORBIDDEN", error.ApiCode);
            Assert.Equal("HTTP 403", error.ApiMessage);
            Assert.Equal(TimeSpan.FromSeconds(3), error.RetryAfter);
        }

        [Theory]
        [InlineData(400, "BAD_REQUEST")]
        [InlineData(401, "UNAUTHORIZED")]
        [InlineData(409, "CONFLICT")]
        [InlineData(429, "RATE_LIMITED")]
        [InlineData(503, "SERVER_ERROR")]
        [InlineData(418, "HTTP_418")]
        public void CodesFromStatus(int status, string code) => Assert.Equal(code, ApiErrorParser.CodeFromStatus(status));
    }

    public class ErrorClassifierTests
    {
        // Every code of update-embed's "Possible Errors" table, with the id and category a script can rely on.
        [Theory]
        [InlineData("EMBED_NOT_FOUND", 404, "EmbedNotFound", ErrorCategoryName.ObjectNotFound)]
        [InlineData("INVALID_WORKSPACE_NAME", 404, "WorkspaceNotFound", ErrorCategoryName.ObjectNotFound)]
        [InlineData("INVALID_DATAMART", 404, "DatamartNotFound", ErrorCategoryName.ObjectNotFound)]
        [InlineData("INSUFFICIENT_PERMISSIONS", 403, "PermissionDenied", ErrorCategoryName.PermissionDenied)]
        [InlineData("AUTHENTICATION_ERR", 401, "AuthenticationFailed", ErrorCategoryName.AuthenticationError)]
        [InlineData("INVALID_ACCESS_SETTINGS", 400, "InvalidAccessSettings", ErrorCategoryName.InvalidArgument)]
        [InlineData("CONFLICTING_UPDATE", 409, "ConflictingUpdate", ErrorCategoryName.ResourceExists)]
        [InlineData("RATE_LIMIT_EXCEEDED", 429, "ApiThrottled", ErrorCategoryName.LimitsExceeded)]
        [InlineData("INTERNAL_SERVER_ERROR", 500, "ServerError", ErrorCategoryName.ConnectionError)]
        public void SeedZeroCodesMapToStableIds(string code, int status, string errorId, ErrorCategoryName category)
        {
            var classification = ErrorClassifier.Classify(new EmbedAdminApiException(ApiService.DataBrain, status, code, "m"));

            Assert.Equal(errorId, classification.ErrorId);
            Assert.Equal(category, classification.Category);
        }

        [Fact]
        public void TheCodeWinsOverTheStatusWhenDocsDisagree()
        {
            // INVALID_DATA_APP_API_KEY is 400 on one page and 401 on another; both are an authentication failure.
            var at400 = ErrorClassifier.Classify(new EmbedAdminApiException(ApiService.DataBrain, 400, "INVALID_DATA_APP_API_KEY", "m"));
            var at401 = ErrorClassifier.Classify(new EmbedAdminApiException(ApiService.DataBrain, 401, "INVALID_DATA_APP_API_KEY", "m"));

            Assert.Equal("AuthenticationFailed", at400.ErrorId);
            Assert.Equal(at400.ErrorId, at401.ErrorId);
        }

        [Fact]
        public void UnknownCodesFallBackToTheStatus()
        {
            var classification = ErrorClassifier.Classify(new EmbedAdminApiException(ApiService.DataBrain, 404, "SOMETHING_NEW", "m"));

            Assert.Equal("DataBrainNotFound", classification.ErrorId);
            Assert.Equal(ErrorCategoryName.ObjectNotFound, classification.Category);
        }

        [Fact]
        public void DatadogErrorsAreNamedForDatadog()
        {
            Assert.Equal("DatadogNotFound", ErrorClassifier.Classify(new EmbedAdminApiException(ApiService.Datadog, 404, "NOT_FOUND", "m")).ErrorId);
            Assert.Equal("DatadogConflict", ErrorClassifier.Classify(new EmbedAdminApiException(ApiService.Datadog, 409, "CONFLICT", "m")).ErrorId);
        }

        [Fact]
        public void TransportFailuresHaveTheirOwnIds()
        {
            Assert.Equal("ConnectionFailed", ErrorClassifier.Classify(new EmbedAdminApiException(ApiService.DataBrain, null, "CONNECTION_FAILED", "m")).ErrorId);
            Assert.Equal(ErrorCategoryName.OperationTimeout, ErrorClassifier.Classify(new EmbedAdminApiException(ApiService.DataBrain, null, "REQUEST_TIMEOUT", "m")).Category);
        }

        [Fact]
        public void AMissingKeyIsMissingCredential()
        {
            var classification = ErrorClassifier.Classify(new EmbedAdminCredentialException("no key"));

            Assert.Equal("MissingCredential", classification.ErrorId);
            Assert.Equal(ErrorCategoryName.AuthenticationError, classification.Category);
        }

        [Fact]
        public void ValidationErrorsKeepTheirFirstProblemsId()
        {
            var error = new EmbedAdminValidationException(new[]
            {
                new ValidationProblem("InvalidJoinModel", "JoinModel", "bad"),
                new ValidationProblem("InvalidAllowEmailReports", "AllowEmailReports", "bad"),
            });

            var classification = ErrorClassifier.Classify(error);

            Assert.Equal("InvalidJoinModel", classification.ErrorId);
            Assert.Equal(ErrorCategoryName.InvalidArgument, classification.Category);
        }
    }
}
