using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Sessions;
using EmbedAdmin.Core.Tests.Support;
using EmbedAdmin.Core.DataBrain.Workspaces;
using EmbedAdmin.Emulator;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>Workspaces over real HTTP against the emulator's reading of docs.usedatabrain.com/api-reference/update-workspace and list-workspaces.</summary>
    public class WorkspaceClientTests : IClassFixture<EmulatorFixture>, IAsyncLifetime
    {
        private readonly EmulatorFixture emulator;

        public WorkspaceClientTests(EmulatorFixture emulator)
        {
            this.emulator = emulator;
        }

        public Task InitializeAsync() => emulator.ResetAsync();

        public Task DisposeAsync() => Task.CompletedTask;

        private static WorkspaceChange Change(WorkspaceOperation operation, string name, params (string Name, object? Value)[] values) =>
            WorkspaceChange.Create(operation, name, values.ToDictionary(v => v.Name, v => v.Value));

        private static Task<Models.Workspace> SendAsync(EmbedAdminSession session, WorkspaceChange change) =>
            new WorkspaceClient(session).SendAsync(change, RequestContext.Silent(), CancellationToken.None);

        private async Task CreateManyAsync(EmbedAdminSession session, int count)
        {
            for (var i = 0; i < count; i++)
            {
                await SendAsync(session, Change(WorkspaceOperation.Create, "ws-" + i.ToString("00"), ("ConnectionType", "MULTI_DATASOURCE")));
            }
        }

        [Fact]
        public async Task TheListHoldsTheSeedWorkspacesInNameOrder()
        {
            using var session = emulator.Session();

            var workspaces = await new WorkspaceClient(session).ListAsync(RequestContext.Silent(), CancellationToken.None);

            Assert.Equal(new[] { "Finance", "Sales Analytics", "analytics-workspace" }, workspaces.Select(w => w.Name));
            Assert.All(workspaces, w => Assert.Null(w.ConnectionType));
            Assert.Equal(1, await emulator.ApiRequestCountAsync());
        }

        [Theory]
        [InlineData(7, 10, 2)]
        [InlineData(8, 11, 2)]
        [InlineData(18, 21, 3)]
        public async Task EveryPageIsReadAndTheLoopStopsAtTheFirstShortPage(int created, int total, int pages)
        {
            using var session = emulator.Session();
            await CreateManyAsync(session, created);
            await emulator.ResetStatsAsync();

            var workspaces = await new WorkspaceClient(session).ListAsync(RequestContext.Silent(), CancellationToken.None);

            Assert.Equal(total, workspaces.Count);
            Assert.Equal(total, workspaces.Select(w => w.Name).Distinct().Count());
            Assert.Equal(pages, await emulator.ApiRequestCountAsync());
        }

        [Fact]
        public async Task AnUpdateRepointsTheWorkspace()
        {
            using var session = emulator.Session();

            var result = await SendAsync(session, Change(WorkspaceOperation.Update, "Sales Analytics", ("ConnectionType", "DATAMART"), ("DatamartName", "sales-datamart"), ("ThemeName", "Dark Mode")));

            var stored = await EmulatorState.DataBrainRecordAsync(emulator.Admin, "workspaces", "Sales Analytics");
            Assert.Equal("DATAMART", (string?)stored!["connectionType"]);
            Assert.Equal("sales-datamart", (string?)stored["datamartName"]);
            Assert.Null(stored["datasourceName"]);
            Assert.Equal("Dark Mode", (string?)stored["themeName"]);
            Assert.Equal("Sales Analytics", result.Name);
            Assert.Equal(new[] { "connectionType", "datamartName", "themeName" }, result.UpdatedFields);
        }

        [Fact]
        public async Task EveryAiSettingReachesTheService()
        {
            using var session = emulator.Session();

            await SendAsync(session, Change(
                WorkspaceOperation.Update,
                "Finance",
                ("ConnectionType", "MULTI_DATAMART"),
                ("LlmName", "claude-sonnet"),
                ("AiCopilotLlms", "gpt-4o;llama-3-70b"),
                ("EnableMetricSuggestions", "no"),
                ("EnableMetricSummary", "yes"),
                ("SummaryType", "custom"),
                ("CustomSummaryPrompt", "Explain like a CFO"),
                ("ThemeName", "High Contrast")));

            var stored = await EmulatorState.DataBrainRecordAsync(emulator.Admin, "workspaces", "Finance");
            Assert.Equal("claude-sonnet", (string?)stored!["llmName"]);
            Assert.Equal(new[] { "gpt-4o", "llama-3-70b" }, stored["aiCopilotLlms"]!.AsArray().Select(n => (string?)n));
            Assert.False((bool)stored["isEnableMetricSuggestions"]!);
            Assert.True((bool)stored["isEnableMetricSummary"]!);
            Assert.Equal("custom", (string?)stored["summaryType"]);
            Assert.Equal("Explain like a CFO", (string?)stored["customSummaryPrompt"]);
            Assert.Equal("High Contrast", (string?)stored["themeName"]);
        }

        [Fact]
        public async Task ACreatedWorkspaceIsListed()
        {
            using var session = emulator.Session();

            var created = await SendAsync(session, Change(WorkspaceOperation.Create, "Marketing", ("ConnectionType", "DATASOURCE"), ("DatasourceName", "snowflake-warehouse")));
            var names = (await new WorkspaceClient(session).ListAsync(RequestContext.Silent(), CancellationToken.None)).Select(w => w.Name);

            Assert.Equal("Marketing", created.Name);
            Assert.Contains("Marketing", names);
        }

        [Theory]
        [InlineData("sales analytics", "WORKSPACE_DOES_NOT_EXIST", "WorkspaceNotFound")]
        public async Task AnUnknownWorkspaceIsWorkspaceNotFound(string name, string code, string id)
        {
            using var session = emulator.Session();

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => SendAsync(session, Change(WorkspaceOperation.Update, name, ("ConnectionType", "MULTI_DATAMART"))));

            Assert.Equal(code, error.ApiCode);
            Assert.Equal(id, ErrorClassifier.Classify(error).ErrorId);
            Assert.Equal(ErrorCategoryName.ObjectNotFound, ErrorClassifier.Classify(error).Category);
        }

        [Theory]
        [InlineData("DatasourceName", "no-such-source", "DATASOURCE", "INVALID_DATASOURCE_NAME", "DatasourceNotFound")]
        [InlineData("DatamartName", "no-such-mart", "DATAMART", "INVALID_DATAMART_NAME", "DatamartNotFound")]
        [InlineData("LlmName", "gpt-2", "MULTI_DATAMART", "INVALID_LLM_NAME", "LlmNotFound")]
        [InlineData("AiCopilotLlms", "gpt-4o;gpt-2", "MULTI_DATAMART", "INVALID_AI_COPILOT_LLMS", "AiCopilotLlmNotFound")]
        [InlineData("ThemeName", "Neon", "MULTI_DATAMART", "INVALID_THEME_NAME", "ThemeNotFound")]
        public async Task UnknownNamesAreTheDocumentedCodes(string field, string value, string type, string code, string id)
        {
            using var session = emulator.Session();

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => SendAsync(session, Change(WorkspaceOperation.Update, "Finance", ("ConnectionType", type), (field, value))));

            Assert.Equal(code, error.ApiCode);
            Assert.Equal(id, ErrorClassifier.Classify(error).ErrorId);
        }

        [Fact]
        public async Task WithoutAServiceTokenTheDataAppKeyIsSentAndTheEmulatorRefusesIt()
        {
            // AuthKind.ServiceToken falls back to the data-app key (older docs); the emulator enforces the newest rule.
            using var session = EmbedAdminSession.Create(
                new SessionSettings { DataBrainApiKey = EmulatorFixture.Secure(DevKeys.DemoAppApiKey), DataBrainUri = emulator.BaseUri },
                _ => null);

            var error = await Assert.ThrowsAsync<EmbedAdminApiException>(() => new WorkspaceClient(session).ListAsync(RequestContext.Silent(), CancellationToken.None));

            Assert.Equal("INVALID_DATA_APP_API_KEY", error.ApiCode);
            Assert.Equal("AuthenticationFailed", ErrorClassifier.Classify(error).ErrorId);
            Assert.Equal(1, await emulator.ApiRequestCountAsync());
        }

        [Fact]
        public async Task WithNoDataBrainKeyAtAllNothingIsSent()
        {
            using var session = EmbedAdminSession.Create(new SessionSettings { DataBrainUri = emulator.BaseUri }, _ => null);

            var error = await Assert.ThrowsAsync<EmbedAdminCredentialException>(() => new WorkspaceClient(session).ListAsync(RequestContext.Silent(), CancellationToken.None));

            Assert.Equal("MissingCredential", ErrorClassifier.Classify(error).ErrorId);
            Assert.Equal(0, await emulator.ApiRequestCountAsync());
        }
    }
}
