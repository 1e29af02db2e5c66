using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Listing;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>The codes of update-workspace, update-datamart and their create/list/delete pages (docs.usedatabrain.com/api-reference/) map to stable, specific ids.</summary>
    public class WorkspaceDatamartErrorTests
    {
        [Theory]
        [InlineData("INVALID_REQUEST_BODY", 400, "InvalidRequest", ErrorCategoryName.InvalidArgument)]
        [InlineData("WORKSPACE_DOES_NOT_EXIST", 400, "WorkspaceNotFound", ErrorCategoryName.ObjectNotFound)]
        [InlineData("INVALID_DATASOURCE_NAME", 400, "DatasourceNotFound", ErrorCategoryName.ObjectNotFound)]
        [InlineData("INVALID_DATAMART_NAME", 400, "DatamartNotFound", ErrorCategoryName.ObjectNotFound)]
        [InlineData("INVALID_LLM_NAME", 400, "LlmNotFound", ErrorCategoryName.ObjectNotFound)]
        [InlineData("INVALID_AI_COPILOT_LLMS", 400, "AiCopilotLlmNotFound", ErrorCategoryName.ObjectNotFound)]
        [InlineData("INVALID_THEME_NAME", 400, "ThemeNotFound", ErrorCategoryName.ObjectNotFound)]
        [InlineData("INVALID_DATA_APP_API_KEY", 401, "AuthenticationFailed", ErrorCategoryName.AuthenticationError)]
        [InlineData("INVALID_DATAMART", 400, "DatamartNotFound", ErrorCategoryName.ObjectNotFound)]
        [InlineData("DATASOURCE_NAME_ERROR", 400, "DatasourceNotFound", ErrorCategoryName.ObjectNotFound)]
        [InlineData("INVALID_TENANCY", 400, "InvalidTenancy", ErrorCategoryName.InvalidArgument)]
        [InlineData("INTERNAL_SERVER_ERROR", 500, "ServerError", ErrorCategoryName.ConnectionError)]
        [InlineData("INVALID_SERVER_ERROR", 500, "ServerError", ErrorCategoryName.ConnectionError)]
        public void EachDocumentedCodeHasItsId(string code, int status, string id, ErrorCategoryName category)
        {
            var classification = ErrorClassifier.Classify(new EmbedAdminApiException(ApiService.DataBrain, status, code, "m"));

            Assert.Equal((id, category), (classification.ErrorId, classification.Category));
        }

        [Fact]
        public void ANameMissingFromAListIsClassifiedLikeTheServicesOwnAnswer()
        {
            Assert.Equal("WorkspaceNotFound", ErrorClassifier.Classify(NotInList.Workspace("x")).ErrorId);
            Assert.Equal("DatamartNotFound", ErrorClassifier.Classify(NotInList.Datamart("x")).ErrorId);
            Assert.Contains("'x'", NotInList.Datamart("x").Message);
        }
    }
}
