using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace EmbedAdmin.Emulator.Tests;

/// <summary>16 concurrent clients: every acknowledged change is applied once, counted once, and (with --state) on disk.</summary>
public sealed class ConcurrencyTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Concurrent_updates_are_all_applied_and_counted(bool persist)
    {
        var state = Path.Combine(Path.GetTempPath(), "emu-conc-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            await using var emu = await TestEmulator.StartAsync(o => o.StateFile = persist ? state : null);
            (await emu.Admin("POST", "/_emulator/embeds/generate", """{"count":160,"prefix":"conc"}""")).AssertOk();
            const int workers = 16;
            const int perWorker = 10;
            await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
            {
                for (var i = 0; i < perWorker; i++)
                {
                    var id = "conc_" + ((w * perWorker) + i + 1).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
                    (await emu.DataBrain("PUT", "/api/v2/data-app/embeds", "{\"embedId\":\"" + id + "\",\"accessSettings\":{\"isAllowMetricDeletion\":true,\"metricCreationMode\":\"CHAT\"}}")).AssertOk();
                    await emu.DataBrain("GET", "/api/v2/data-app/embeds?isPagination=true&pageNumber=" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }));

            var stats = await emu.StatsAsync();
            Assert.Equal(workers * perWorker * 2, (int)stats["totalRequests"]!);
            Assert.Equal(workers * perWorker, (int)stats["mutations"]!);
            Assert.Equal(workers * perWorker * 2, (int)stats["byStatus"]!["200"]!);

            var dump = JsonNode.Parse(await emu.StateAsync())!;
            var conc = dump["dataBrain"]!["embeds"]!.AsArray().Where(e => ((string)e!["embedId"]!).StartsWith("conc_", StringComparison.Ordinal)).ToArray();
            Assert.Equal(160, conc.Length);
            Assert.All(conc, e => Assert.True((bool)e!["accessSettings"]!["isAllowMetricDeletion"]!));
            Assert.All(conc, e => Assert.Equal("CHAT", (string?)e!["accessSettings"]!["metricCreationMode"]));

            if (persist)
            {
                // A second instance on the same file (snapshot + journal) sees exactly the live state.
                await using var restarted = await TestEmulator.StartAsync(o => o.StateFile = state);
                Assert.True(JsonNode.DeepEquals(dump, JsonNode.Parse(await restarted.StateAsync())));
            }
        }
        finally
        {
            File.Delete(state);
            File.Delete(state + ".journal");
        }
    }
}
