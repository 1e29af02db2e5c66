using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace EmbedAdmin.Core.Tests.Support
{
    /// <summary>Reads records out of the emulator's whole-state dump (GET /_emulator/state).</summary>
    public static class EmulatorState
    {
        public static async Task<JsonObject?> DataBrainRecordAsync(HttpClient admin, string collection, string name)
        {
            var state = JsonNode.Parse(await admin.GetStringAsync("_emulator/state"))!;
            return state["dataBrain"]![collection]!.AsArray().OfType<JsonObject>().FirstOrDefault(o => (string?)o["name"] == name);
        }

        /// <summary>An embed's access settings as the emulator holds them, i.e. what every request so far has left.</summary>
        public static async Task<JsonObject> EmbedAccessAsync(HttpClient admin, string embedId)
        {
            var state = JsonNode.Parse(await admin.GetStringAsync("_emulator/state"))!;
            var embed = state["dataBrain"]!["embeds"]!.AsArray().OfType<JsonObject>().Single(o => (string?)o["embedId"] == embedId);
            return embed["accessSettings"]!.AsObject();
        }

        /// <summary>Zeroes the request counters, so a test counts only its own requests.</summary>
        public static async Task ResetStatsAsync(this EmulatorFixture emulator) =>
            (await emulator.Admin.PostAsync("_emulator/stats/reset", null)).EnsureSuccessStatusCode();
    }
}
