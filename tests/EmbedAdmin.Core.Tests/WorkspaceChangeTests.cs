using System.Collections.Generic;
using System.Linq;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.DataBrain.Workspaces;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>Every field and conditional rule of docs.usedatabrain.com/api-reference/update-workspace (Update Workspace), checked before anything is sent.</summary>
    public class WorkspaceChangeTests
    {
        private static WorkspaceChange Change(string? name, params (string Name, object? Value)[] values) =>
            WorkspaceChange.Create(WorkspaceOperation.Update, name, values.ToDictionary(v => v.Name, v => v.Value));

        private static EmbedAdminValidationException Rejected(string? name, params (string Name, object? Value)[] values) =>
            Assert.Throws<EmbedAdminValidationException>(() => Change(name, values));

        private static IEnumerable<string> Ids(EmbedAdminValidationException e) => e.Problems.Select(p => p.ErrorId);

        [Fact]
        public void EveryFieldIsSentUnderItsApiName()
        {
            var change = Change(
                "analytics-workspace",
                ("ConnectionType", "DATAMART"),
                ("DatamartName", "customer-analytics"),
                ("LlmName", "gpt-4o"),
                ("AiCopilotLlms", new[] { "gpt-4o", "claude-sonnet" }),
                ("EnableMetricSuggestions", false),
                ("EnableMetricSummary", true),
                ("SummaryType", "custom"),
                ("CustomSummaryPrompt", "Explain like a CFO"),
                ("ThemeName", "Dark Mode"));

            Assert.Equal(
                "{\"name\":\"analytics-workspace\",\"connectionType\":\"DATAMART\",\"datamartName\":\"customer-analytics\",\"llmName\":\"gpt-4o\","
                + "\"aiCopilotLlms\":[\"gpt-4o\",\"claude-sonnet\"],\"isEnableMetricSuggestions\":false,\"isEnableMetricSummary\":true,"
                + "\"summaryType\":\"custom\",\"customSummaryPrompt\":\"Explain like a CFO\",\"themeName\":\"Dark Mode\"}",
                change.Body.ToJsonString());
        }

        [Fact]
        public void OnlyWhatIsSetIsSentAndEmptyCellsAreNotSet()
        {
            var change = Change(" Sales Analytics ", ("ConnectionType", "datasource"), ("DatasourceName", "postgres-production"), ("LlmName", ""), ("ThemeName", "  "), ("EnableMetricSummary", ""));

            Assert.Equal("{\"name\":\"Sales Analytics\",\"connectionType\":\"DATASOURCE\",\"datasourceName\":\"postgres-production\"}", change.Body.ToJsonString());
            Assert.Equal("Sales Analytics", change.Name);
        }

        [Fact]
        public void TheNameIsRequired() =>
            Assert.Equal(new[] { "MissingWorkspaceName" }, Ids(Rejected("  ", ("ConnectionType", "MULTI_DATAMART"))));

        [Fact]
        public void ConnectionTypeIsRequired() =>
            Assert.Equal(new[] { "MissingConnectionType" }, Ids(Rejected("Finance")));

        [Fact]
        public void ARowCarryingEveryColumnEmptyIsAnUneditedExportThatSetsNothing()
        {
            // Get-Workspace | Export-Csv: every field's column (by parameter name), all empty, plus read-only ones.
            var columns = WorkspaceChange.Fields.Select(f => f.Parameter).Concat(new[] { "Name", "UpdatedFields" }).ToList();
            var values = WorkspaceChange.Fields.ToDictionary(f => f.Parameter, f => (object?)(f.Parameter == "AiCopilotLlms" ? new[] { "" } : ""));

            var change = WorkspaceChange.Create(WorkspaceOperation.Update, " Finance ", values, columns);

            Assert.True(change.SetsNothing);
            Assert.Equal("{\"name\":\"Finance\"}", change.Body.ToJsonString());
        }

        [Fact]
        public void ARowThatLeavesOutAColumnOrComesFromTheCommandLineStillNeedsAConnectionType()
        {
            var missingOne = WorkspaceChange.Fields.Where(f => f.Parameter != "ThemeName").Select(f => f.ApiName).ToList();
            var empty = new Dictionary<string, object?>();

            Assert.Equal(new[] { "MissingConnectionType" }, Ids(Assert.Throws<EmbedAdminValidationException>(() => WorkspaceChange.Create(WorkspaceOperation.Update, "Finance", empty, missingOne))));
            Assert.Equal(new[] { "MissingConnectionType" }, Ids(Assert.Throws<EmbedAdminValidationException>(() => WorkspaceChange.Create(WorkspaceOperation.Update, "Finance", empty, null))));
            Assert.Equal(new[] { "MissingConnectionType" }, Ids(Assert.Throws<EmbedAdminValidationException>(() => WorkspaceChange.Create(WorkspaceOperation.Create, "Finance", empty, WorkspaceChange.Fields.Select(f => f.ApiName)))));
        }

        [Fact]
        public void AnExportRowWithOneCellFilledIsAnOrdinaryUpdate()
        {
            var columns = WorkspaceChange.Fields.Select(f => f.ApiName).ToList();
            var values = new Dictionary<string, object?> { ["ConnectionType"] = "DATAMART", ["DatamartName"] = "sales-datamart", ["ThemeName"] = "" };

            var change = WorkspaceChange.Create(WorkspaceOperation.Update, "Finance", values, columns);

            Assert.False(change.SetsNothing);
            Assert.Equal("{\"name\":\"Finance\",\"connectionType\":\"DATAMART\",\"datamartName\":\"sales-datamart\"}", change.Body.ToJsonString());
        }

        [Theory]
        [InlineData("DATASOURCES")]
        [InlineData("MULTI")]
        public void ConnectionTypeMustBeOneOfFour(string value)
        {
            var error = Rejected("Finance", ("ConnectionType", value));

            Assert.Equal(new[] { "InvalidConnectionType" }, Ids(error));
            Assert.Contains("DATASOURCE, DATAMART, MULTI_DATASOURCE, MULTI_DATAMART", error.Message);
        }

        [Theory]
        [InlineData("multi_datasource", "MULTI_DATASOURCE")]
        [InlineData("Multi_Datamart", "MULTI_DATAMART")]
        public void ConnectionTypeIsMatchedWithoutCase(string given, string sent) =>
            Assert.Equal(sent, Change("Finance", ("ConnectionType", given)).ConnectionType);

        [Fact]
        public void DatasourceNeedsADatasourceName() =>
            Assert.Equal(new[] { "MissingDatasourceName" }, Ids(Rejected("Finance", ("ConnectionType", "DATASOURCE"), ("DatasourceName", ""))));

        [Fact]
        public void DatamartNeedsADatamartName() =>
            Assert.Equal(new[] { "MissingDatamartName" }, Ids(Rejected("Finance", ("ConnectionType", "DATAMART"))));

        [Theory]
        [InlineData("DATAMART", "DatasourceName", "UnexpectedDatasourceName")]
        [InlineData("MULTI_DATASOURCE", "DatasourceName", "UnexpectedDatasourceName")]
        [InlineData("DATASOURCE", "DatamartName", "UnexpectedDatamartName")]
        [InlineData("MULTI_DATAMART", "DatamartName", "UnexpectedDatamartName")]
        public void ANameForTheOtherConnectionTypeIsRejected(string type, string field, string id)
        {
            var values = new List<(string, object?)> { ("ConnectionType", type), (field, "x") };
            if (type == "DATAMART")
            {
                values.Add(("DatamartName", "customer-analytics"));
            }
            else if (type == "DATASOURCE")
            {
                values.Add(("DatasourceName", "postgres-production"));
            }

            Assert.Equal(new[] { id }, Ids(Rejected("Finance", values.ToArray())));
        }

        [Theory]
        [InlineData(true)]
        [InlineData("yes")]
        [InlineData("1")]
        public void AnEnabledSummaryNeedsASummaryType(object enabled) =>
            Assert.Equal(new[] { "MissingSummaryType" }, Ids(Rejected("Finance", ("ConnectionType", "MULTI_DATAMART"), ("EnableMetricSummary", enabled))));

        [Fact]
        public void ADisabledSummaryNeedsNoSummaryType() =>
            Assert.Equal("{\"name\":\"Finance\",\"connectionType\":\"MULTI_DATAMART\",\"isEnableMetricSummary\":false}", Change("Finance", ("ConnectionType", "MULTI_DATAMART"), ("EnableMetricSummary", "no")).Body.ToJsonString());

        [Fact]
        public void SummaryTypeMustBeOneOfFour()
        {
            var error = Rejected("Finance", ("ConnectionType", "MULTI_DATAMART"), ("EnableMetricSummary", true), ("SummaryType", "executive"));

            // One problem, not two: an invalid summary type is not also a missing one.
            Assert.Equal(new[] { "InvalidSummaryType" }, Ids(error));
            Assert.Contains("technicalAndInsightSummary, forecastAndTrendAnalysis, comparativeAndAnomalyDetection, custom", error.Message);
        }

        [Fact]
        public void SummaryTypeIsSentInTheApiSpelling() =>
            Assert.Equal("forecastAndTrendAnalysis", (string?)Change("Finance", ("ConnectionType", "MULTI_DATAMART"), ("SummaryType", "FORECASTANDTRENDANALYSIS")).Body.Get("summaryType"));

        [Fact]
        public void ACustomSummaryNeedsAPrompt() =>
            Assert.Equal(new[] { "MissingCustomSummaryPrompt" }, Ids(Rejected("Finance", ("ConnectionType", "MULTI_DATAMART"), ("SummaryType", "custom"), ("CustomSummaryPrompt", " "))));

        [Fact]
        public void APromptWithoutCustomIsAllowed() =>
            Assert.True(Change("Finance", ("ConnectionType", "MULTI_DATAMART"), ("SummaryType", "technicalAndInsightSummary"), ("CustomSummaryPrompt", "x")).Body.Contains("customSummaryPrompt"));

        [Theory]
        [InlineData("gpt-4o;claude-sonnet")]
        [InlineData("gpt-4o | claude-sonnet")]
        [InlineData("[\"gpt-4o\",\"claude-sonnet\"]")]
        public void CopilotLlmsTakeOneCellOrJson(string cell)
        {
            Assert.Equal("[\"gpt-4o\",\"claude-sonnet\"]", Change("Finance", ("ConnectionType", "MULTI_DATAMART"), ("AiCopilotLlms", cell)).Body.Get("aiCopilotLlms")!.ToJsonString());

            // A string[] parameter receives the CSV cell as its only item.
            Assert.Equal("[\"gpt-4o\",\"claude-sonnet\"]", Change("Finance", ("ConnectionType", "MULTI_DATAMART"), ("AiCopilotLlms", new[] { cell })).Body.Get("aiCopilotLlms")!.ToJsonString());
        }

        [Fact]
        public void AnEmptyCellBoundToAListIsNotSet() =>
            Assert.False(Change("Finance", ("ConnectionType", "MULTI_DATAMART"), ("AiCopilotLlms", new[] { "" })).Body.Contains("aiCopilotLlms"));

        [Fact]
        public void CopilotLlmsTakeAList() =>
            Assert.Equal("[\"gpt-4o\",\"llama-3-70b\"]", Change("Finance", ("ConnectionType", "MULTI_DATAMART"), ("AiCopilotLlms", new object[] { "gpt-4o", " llama-3-70b " })).Body.Get("aiCopilotLlms")!.ToJsonString());

        [Theory]
        [InlineData("gpt-4o;;claude-sonnet")]
        [InlineData("[\"gpt-4o\",\"\"]")]
        [InlineData("[]")]
        [InlineData("[not json")]
        public void CopilotLlmsRejectEmptyNamesAndBadJson(string cell) =>
            Assert.Equal(new[] { "InvalidAiCopilotLlms" }, Ids(Rejected("Finance", ("ConnectionType", "MULTI_DATAMART"), ("AiCopilotLlms", cell))));

        [Fact]
        public void BooleansRejectOtherWords()
        {
            var error = Rejected("Finance", ("ConnectionType", "MULTI_DATAMART"), ("EnableMetricSuggestions", "maybe"));

            Assert.Equal(new[] { "InvalidEnableMetricSuggestions" }, Ids(error));
            Assert.Contains("EnableMetricSuggestions (isEnableMetricSuggestions)", error.Message);
        }

        [Fact]
        public void EveryBrokenRuleIsNamedFirstOneGivesTheId()
        {
            var error = Rejected("", ("ConnectionType", "DATASOURCE"), ("EnableMetricSummary", true), ("SummaryType", "custom"));

            Assert.Equal(new[] { "MissingWorkspaceName", "MissingDatasourceName", "MissingCustomSummaryPrompt" }, Ids(error));
            Assert.Equal("MissingWorkspaceName", error.ErrorId);
        }

        [Fact]
        public void CreateTakesTheSameRules() =>
            Assert.Throws<EmbedAdminValidationException>(() => WorkspaceChange.Create(WorkspaceOperation.Create, "New", new Dictionary<string, object?> { ["ConnectionType"] = "DATAMART" }));

        [Fact]
        public void TheWarningNamesTheWorkspaceAndTheNewConnection()
        {
            Assert.Equal(
                "Every metric in workspace 'Sales Analytics' will be switched to datamart 'sales-datamart'; metrics break if it lacks the tables and columns they use.",
                Change("Sales Analytics", ("ConnectionType", "DATAMART"), ("DatamartName", "sales-datamart")).MetricImpactWarning());
            Assert.EndsWith(
                "The workspace's single-datasource or single-datamart link is cleared.",
                Change("Sales Analytics", ("ConnectionType", "MULTI_DATASOURCE")).MetricImpactWarning());
        }

        [Fact]
        public void TheResultHoldsWhatWasSent()
        {
            var workspace = Change("Finance", ("ConnectionType", "MULTI_DATAMART"), ("AiCopilotLlms", "gpt-4o"), ("EnableMetricSuggestions", true)).ToWorkspace("Finance");

            Assert.Equal("MULTI_DATAMART", workspace.ConnectionType);
            Assert.Equal(new[] { "gpt-4o" }, workspace.AiCopilotLlms);
            Assert.True(workspace.EnableMetricSuggestions);
            Assert.Null(workspace.EnableMetricSummary);
            Assert.Equal(new[] { "connectionType", "aiCopilotLlms", "isEnableMetricSuggestions" }, workspace.UpdatedFields);
        }

        [Fact]
        public void DescribeListsTheFieldsSent() =>
            Assert.Equal(
                "connectionType = \"DATASOURCE\", datasourceName = \"postgres-production\"",
                Change("Sales Analytics", ("ConnectionType", "DATASOURCE"), ("DatasourceName", "postgres-production")).Describe());
    }
}
