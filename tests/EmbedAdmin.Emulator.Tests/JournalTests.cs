using System;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>--state as snapshot + journal: a restart reproduces exactly the state every acknowledged change left.</summary>
public sealed class JournalTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "emu-journal-" + Guid.NewGuid().ToString("N"));

    public JournalTests() => Directory.CreateDirectory(dir);

    private string State => Path.Combine(dir, "state.json");

    private string Journal => State + ".journal";

    public void Dispose()
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>One call of every mutating route, so a handler that forgets to journal its change fails here.</summary>
    private static async Task MutateEverythingAsync(TestEmulator emu)
    {
        const string access = """{"datamartName":"customer-analytics","isAllowEmailReports":false,"isAllowManageMetrics":true,"isAllowCreateDashboardView":true,"isAllowMetricCreation":true,"isAllowMetricDeletion":false,"isAllowMetricLayoutChange":true,"isAllowMetricUpdate":true,"isAllowUnderlyingData":false,"metricCreationMode":"DRAG_DROP"}""";
        (await emu.DataBrain("PUT", "/api/v2/data-app/embeds", """{"embedId":"embed_acme","accessSettings":{"isAllowEmailReports":false,"joinModel":"single"}}""")).AssertOk();
        (await emu.DataBrain("POST", "/api/v2/dataApp/embed/update", """{"embedId":"embed_globex","accessSettings":{"tableTenancySettings":[]}}""")).AssertOk();
        (await emu.DataBrain("POST", "/api/v2/data-app/embeds", """{"dashboardId":"sales-overview","embedType":"metric","metricId":"m-sales-total","accessSettings":{"datamartName":"sales-datamart"}}""")).AssertOk();
        (await emu.DataBrain("POST", "/api/v2/data-app/dashboard-embeds", "{\"dashboardId\":\"client-j\",\"clientId\":\"j\",\"workspaceName\":\"analytics-workspace\",\"templateDashboardId\":\"template-dashboard-001\",\"isImportMetrics\":true,\"accessSettings\":" + access + "}")).AssertOk();
        (await emu.DataBrain("POST", "/api/v2/guest-token/create", """{"clientId":"j","dataAppName":"demo-app","params":{"allowedEmbeds":["embed_wayne"]}}""")).AssertOk();
        (await emu.DataBrain("POST", "/api/v2/guest-token/create", """{"clientId":"k","dataAppName":"demo-app","params":{"allowedEmbeds":["client-j"]}}""")).AssertOk();
        (await emu.DataBrain("DELETE", "/api/v2/data-app/embeds?embedId=embed_wayne")).AssertOk();
        (await emu.DataBrain("DELETE", "/api/v2/data-app/embeds?embedId=embed_orphan&isDeleteDashboard=true")).AssertOk();
        (await emu.DataBrain("POST", "/api/v2/workspace", """{"name":"Journal WS","connectionType":"DATASOURCE","datasourceName":"postgres-production"}""", TestEmulator.Service)).AssertOk();
        (await emu.DataBrain("PUT", "/api/v2/workspace", """{"name":"Finance","connectionType":"DATAMART","datamartName":"finance-datamart","themeName":"Dark Mode"}""", TestEmulator.Service)).AssertOk();
        (await emu.DataBrain("POST", "/api/v2/data-app/datamarts", """{"name":"journal-mart","datasourceName":"postgres-production","tableList":[{"name":"products","schemaName":"public","columns":[{"name":"id"},{"name":"price","isAggregate":true}]}]}""", TestEmulator.Service)).AssertOk();
        (await emu.DataBrain("PUT", "/api/v2/data-app/datamarts", """{"datamartName":"sales-datamart","tenancySettings":{"tenancyLevel":"DATABASE","primaryDatabase":"X"},"relationships":[]}""", TestEmulator.Service)).AssertOk();
        (await emu.DataBrain("DELETE", "/api/v2/data-app/datamart?datamartName=finance-datamart", key: TestEmulator.Service)).AssertOk();
        const string share = """{"data":{"type":"secure_embed_request","attributes":{"global_time":{"live_span":"1h"},"global_time_selectable":true,"selectable_template_vars":[],"status":"active","title":"J","viewing_preferences":{"high_density":false,"theme":"dark"}}}}""";
        var token = (string)(await emu.Datadog("POST", "/api/v2/dashboard/xyz-123-uvw/shared/secure-embed", share)).AssertOk().Json!["data"]!["attributes"]!["token"]!;
        (await emu.Datadog("PATCH", "/api/v2/dashboard/xyz-123-uvw/shared/secure-embed/" + token, """{"data":{"type":"secure_embed_update_request","attributes":{"status":"paused"}}}""")).AssertOk();
        Assert.Equal(204, (await emu.Datadog("DELETE", "/api/v2/dashboard/abc-def-ghi/shared/secure-embed/s3cur3t0k3n-abcdef123456")).Code);
    }

    [Fact]
    public async Task Restart_replays_the_journal_to_the_identical_state()
    {
        string expected;
        await using (var first = await TestEmulator.StartAsync(o => o.StateFile = State))
        {
            await MutateEverythingAsync(first);
            expected = await first.StateAsync();
            Assert.True(File.Exists(Journal));
            Assert.True(new FileInfo(Journal).Length > 0);
        }

        await using (var second = await TestEmulator.StartAsync(o => o.StateFile = State))
        {
            Assert.Equal(expected, await second.StateAsync());

            // Start folded the journal into the snapshot.
            Assert.False(File.Exists(Journal));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), WithoutGeneration(File.ReadAllText(State))));

            // Ids keep counting where they stopped (100 create, 101 dashboard embed, 102-103 guest tokens).
            var created = (await second.DataBrain("POST", "/api/v2/data-app/embeds", """{"dashboardId":"sales-overview","embedType":"dashboard","accessSettings":{"datamartName":"sales-datamart"}}""")).AssertOk();
            Assert.Equal("embed_000104", (string?)created.Json!["id"]);
        }
    }

    [Fact]
    public async Task A_torn_last_journal_line_is_ignored()
    {
        string expected;
        await using (var first = await TestEmulator.StartAsync(o => o.StateFile = State))
        {
            (await first.DataBrain("PUT", "/api/v2/data-app/embeds", """{"embedId":"embed_acme","accessSettings":{"isAllowEmailReports":false}}""")).AssertOk();
            expected = await first.StateAsync();
        }

        File.AppendAllText(Journal, """{"gen":1,"nextSequence":100,"changes":[{"kind":"embed","key":"embed_acme","val""");
        await using var second = await TestEmulator.StartAsync(o => o.StateFile = State);
        Assert.Equal(expected, await second.StateAsync());
    }

    [Fact]
    public async Task Journal_lines_older_than_the_snapshot_are_not_replayed_over_it()
    {
        // 1: an acknowledged change sits in the journal (generation g).
        await using (var first = await TestEmulator.StartAsync(o => o.StateFile = State))
        {
            (await first.DataBrain("PUT", "/api/v2/data-app/embeds", """{"embedId":"embed_acme","accessSettings":{"metricCreationMode":"CHAT"}}""")).AssertOk();
        }

        var staleJournal = File.ReadAllText(Journal);

        // 2: a later change of the same embed goes straight into a newer snapshot.
        string expected;
        await using (var second = await TestEmulator.StartAsync(o =>
        {
            o.StateFile = State;
            o.StateCompactAfterBytes = 0;
        }))
        {
            (await second.DataBrain("PUT", "/api/v2/data-app/embeds", """{"embedId":"embed_acme","accessSettings":{"metricCreationMode":"DRAG_DROP"}}""")).AssertOk();
            expected = await second.StateAsync();
        }

        // 3: as if the process died after renaming that snapshot but before deleting the old journal.
        File.WriteAllText(Journal, staleJournal);
        await using var third = await TestEmulator.StartAsync(o => o.StateFile = State);
        Assert.Equal("DRAG_DROP", (string?)(await third.AccessSettingsAsync("embed_acme"))["metricCreationMode"]);
        Assert.Equal(expected, await third.StateAsync());
    }

    [Fact]
    public async Task Past_the_threshold_every_change_compacts_into_the_snapshot()
    {
        await using var emu = await TestEmulator.StartAsync(o =>
        {
            o.StateFile = State;
            o.StateCompactAfterBytes = 0;
        });
        (await emu.DataBrain("PUT", "/api/v2/data-app/embeds", """{"embedId":"embed_acme","accessSettings":{"isAllowEmailReports":false}}""")).AssertOk();
        (await emu.DataBrain("PUT", "/api/v2/data-app/embeds", """{"embedId":"embed_hooli","accessSettings":{"isAllowEmailReports":true}}""")).AssertOk();
        Assert.False(File.Exists(Journal));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await emu.StateAsync()), WithoutGeneration(File.ReadAllText(State))));
    }

    [Fact]
    public async Task A_stale_journal_next_to_a_missing_state_file_is_discarded()
    {
        File.WriteAllText(Journal, """{"gen":0,"nextSequence":1,"nextShareId":1,"changes":[{"kind":"embed","key":"embed_acme","deleted":true}]}""" + "\n");
        await using var emu = await TestEmulator.StartAsync(o => o.StateFile = State);
        (await emu.DataBrain("GET", "/api/v2/data-app/embeds/export?embedId=embed_acme")).AssertOk();
        Assert.False(File.Exists(Journal));
    }

    private static JsonNode WithoutGeneration(string snapshot)
    {
        var node = JsonNode.Parse(snapshot)!;
        Assert.True((long)node["journalGeneration"]! > 0);
        node.AsObject().Remove("journalGeneration");
        return node;
    }
}
