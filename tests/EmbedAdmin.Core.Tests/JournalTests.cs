using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.Changes;
using EmbedAdmin.Core.DataBrain.DataApps;
using EmbedAdmin.Core.DataBrain.Datasources;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Journal;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Tests.Support;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>The change journal: its file format, concurrent appends, retention, and what the row pipeline records.</summary>
    public sealed class JournalTests : IClassFixture<EmulatorFixture>, IAsyncLifetime, IDisposable
    {
        private readonly EmulatorFixture emulator;
        private readonly string folder = Path.Combine(Path.GetTempPath(), "embedadmin-journal-tests-" + Guid.NewGuid().ToString("N"));

        public JournalTests(EmulatorFixture emulator)
        {
            this.emulator = emulator;
        }

        public Task InitializeAsync() => emulator.ResetAsync();

        public Task DisposeAsync() => Task.CompletedTask;

        public void Dispose()
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        private static JournalEntry Entry(string target, DateTimeOffset time, string runId = "run-1") => new()
        {
            RunId = runId,
            Time = time,
            User = "u",
            Host = "h",
            Cmdlet = "Set-EmbedAccess",
            Service = "DataBrain",
            BaseUri = "http://127.0.0.1/",
            Operation = "Update",
            Target = target,
            Fields = new[] { new JournalField("isAllowEmailReports", JsonValue.Create(true), JsonValue.Create(false)) },
        };

        [Fact]
        public void AnEntryReadsBackAsWrittenAndATornLastLineIsSkipped()
        {
            var journal = new ChangeJournal(folder);
            var time = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
            journal.Append(Entry("embed_a", time));
            journal.Append(Entry("embed_b", time.AddSeconds(1)));
            // A process killed in the middle of a write leaves part of a line.
            File.AppendAllText(journal.FileFor(time), "{\"runId\":\"run-2\",\"time\":\"2026-12-01T10:00:02Z\",\"fie");

            var entries = journal.ReadAll().ToList();

            Assert.Equal(new[] { "embed_a", "embed_b" }, entries.Select(e => e.Target));
            Assert.Equal("2026-12-01.jsonl", Path.GetFileName(journal.FileFor(time)));
            var field = Assert.Single(entries[0].Fields);
            Assert.Equal("isAllowEmailReports: true -> false", field.ToString());
            Assert.Equal(time, entries[0].Time);
        }

        [Fact]
        public void ConcurrentWritersThroughSeparateJournalsLeaveOnlyWholeLines()
        {
            // Two journal objects on one folder stand for two processes: they share no lock but the file's own.
            var first = new ChangeJournal(folder);
            var second = new ChangeJournal(folder);
            var now = DateTimeOffset.UtcNow;
            Parallel.For(0, 800, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
                (i % 2 == 0 ? first : second).Append(Entry("embed_" + i.ToString("D4"), now, runId: new string('x', 200) + i)));

            var lines = File.ReadAllText(first.FileFor(now)).Split('\n').Where(l => l.Length > 0).ToList();

            Assert.Equal(800, lines.Count);
            Assert.All(lines, line => Assert.NotNull(JournalEntry.TryParse(line)));
            Assert.Equal(800, first.ReadAll().Select(e => e.Target).Distinct().Count());
        }

        [Fact]
        public async Task AnAppendWaitsWhileAnotherProcessHasTheDayFileOpen()
        {
            // Another process holding the day file open, even a reader that lets writers in (as tail -f does),
            // must never meet half a line, nor another writer's line written over its own: the append waits for
            // the file to be closed, then writes its whole line.
            var journal = new ChangeJournal(folder);
            var now = DateTimeOffset.UtcNow;
            journal.Append(Entry("embed_first", now));
            Task append;
            using (new FileStream(journal.FileFor(now), FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                append = Task.Run(() => journal.Append(Entry("embed_second", now)));

                // A bound, not a pause: the append may not end while the file is open, and an append that does
                // not wait ends in milliseconds.
                Assert.NotSame(append, await Task.WhenAny(append, Task.Delay(TimeSpan.FromSeconds(2))));
                Assert.Single(File.ReadAllLines(journal.FileFor(now)), line => line.Length > 0);
            }

            await append;
            Assert.Equal(new[] { "embed_first", "embed_second" }, journal.ReadAll().Select(e => e.Target));
        }

        [Fact]
        public void PruningRemovesDayFilesOlderThanTheRetention()
        {
            var journal = new ChangeJournal(folder);
            var now = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
            journal.Append(Entry("old", now.AddDays(-91)));
            journal.Append(Entry("kept", now.AddDays(-90)));
            journal.Append(Entry("today", now));

            var removed = journal.Prune(90, now);

            Assert.Equal(1, removed);
            Assert.Equal(new[] { "kept", "today" }, journal.ReadAll().Select(e => e.Target));
        }

        [Fact]
        public void TheDefaultFolderFollowsTheEnvironment()
        {
            Assert.Equal("/given", ChangeJournal.DefaultFolder(name => name == ChangeJournal.EnvironmentVariable ? "/given" : null));
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                Assert.Equal(Path.Combine("/data", "EmbedAdmin", "journal"), ChangeJournal.DefaultFolder(name => name == "XDG_DATA_HOME" ? "/data" : null));
                Assert.Equal(Path.Combine("/home/u", ".local", "share", "EmbedAdmin", "journal"), ChangeJournal.DefaultFolder(name => name == "HOME" ? "/home/u" : null));
            }
        }

        [Fact]
        public async Task AnAccessChangeIsJournaledWithEachFieldBeforeAndAfterAndTheRequestId()
        {
            var before = await emulator.ExportedAccessAsync("embed_acme");
            var flipped = !before.GetProperty("isAllowEmailReports").GetBoolean();
            using var session = emulator.Session(configure: s => { s.NoJournal = false; s.JournalPath = folder; });
            var change = EmbedAccessChange.Create("embed_acme", new Dictionary<string, object?> { ["AllowEmailReports"] = flipped });
            var recorder = new ChangeRecorder(session, "run-42", "Set-EmbedAccess");

            var result = await recorder.ApplyAsync(EmbedRowChanges.SetAccess(new EmbedClient(session), change, passThru: false), null, RequestContext.Silent(), CancellationToken.None);

            Assert.Equal(RowOutcome.Changed, result.Kind);
            var entry = Assert.Single(session.Journal!.ReadAll());
            Assert.Equal(("run-42", "Set-EmbedAccess", "embed_acme", "Update", JournalEntry.Succeeded), (entry.RunId, entry.Cmdlet, entry.Target, entry.Operation, entry.Outcome));
            var field = Assert.Single(entry.Fields);
            Assert.Equal("isAllowEmailReports", field.Name);
            Assert.Equal(!flipped, field.BeforeNode!.GetValue<bool>());
            Assert.Equal(flipped, field.AfterNode!.GetValue<bool>());
            Assert.StartsWith("emu-", entry.RequestId);
            Assert.Equal(session.DataBrainUri.ToString(), entry.BaseUri);
            Assert.Equal(Environment.UserName, entry.User);
        }

        [Theory]
        [InlineData(false, 2)]
        [InlineData(true, 1)]
        public async Task AnAccessChangeReadsTheEmbedFirstOnlyWhenAJournalRecordsTheBeforeValue(bool noJournal, long requests)
        {
            // The update merges the fields sent, so the read is there only for the journal's "before".
            var flipped = !(await emulator.ExportedAccessAsync("embed_acme")).GetProperty("isAllowEmailReports").GetBoolean();
            using var session = emulator.Session(configure: s => { s.NoJournal = noJournal; s.JournalPath = folder; });
            var change = EmbedAccessChange.Create("embed_acme", new Dictionary<string, object?> { ["AllowEmailReports"] = flipped });
            await emulator.ResetStatsAsync();

            var result = await new ChangeRecorder(session, "run-44", "Set-EmbedAccess").ApplyAsync(
                EmbedRowChanges.SetAccess(new EmbedClient(session), change, passThru: false), null, RequestContext.Silent(), CancellationToken.None);

            Assert.Equal(RowOutcome.Changed, result.Kind);
            Assert.Equal(requests, await emulator.ApiRequestCountAsync());
            Assert.Equal(flipped, (await emulator.ExportedAccessAsync("embed_acme")).GetProperty("isAllowEmailReports").GetBoolean());
        }

        [Fact]
        public async Task AFailedChangeIsJournaledWithItsErrorAndNothingIsJournaledForARowThatIsNeverSent()
        {
            using var session = emulator.Session(configure: s => { s.NoJournal = false; s.JournalPath = folder; });
            var recorder = new ChangeRecorder(session, "run-7", "Set-EmbedAccess");
            var client = new EmbedClient(session);
            var unknownDatamart = EmbedAccessChange.Create("embed_acme", new Dictionary<string, object?> { ["DatamartName"] = "no-such-datamart" });
            var unknownEmbed = EmbedAccessChange.Create("embed_nope", new Dictionary<string, object?> { ["AllowAiPilot"] = true });

            await Assert.ThrowsAsync<EmbedAdminApiException>(() => recorder.ApplyAsync(EmbedRowChanges.SetAccess(client, unknownDatamart, false), null, RequestContext.Silent(), CancellationToken.None));
            await Assert.ThrowsAsync<EmbedAdminApiException>(() => recorder.ApplyAsync(EmbedRowChanges.SetAccess(client, unknownEmbed, false), null, RequestContext.Silent(), CancellationToken.None));

            var entry = Assert.Single(session.Journal!.ReadAll());
            Assert.Equal(("embed_acme", JournalEntry.Failed, "DatamartNotFound"), (entry.Target, entry.Outcome, entry.ErrorId));
            Assert.StartsWith("emu-", entry.RequestId);
        }

        [Fact]
        public async Task AChangeWhoseJournalLineCannotBeWrittenIsNotReportedAsDone()
        {
            // A row reported done must be in the journal, so a line that cannot be written must not end in
            // "changed". A file where the journal folder should be makes every append fail.
            var blocked = folder + ".file";
            File.WriteAllText(blocked, string.Empty);
            try
            {
                var flipped = !(await emulator.ExportedAccessAsync("embed_acme")).GetProperty("isAllowEmailReports").GetBoolean();
                using var session = emulator.Session(configure: s => { s.NoJournal = false; s.JournalPath = blocked; });
                var change = EmbedAccessChange.Create("embed_acme", new Dictionary<string, object?> { ["AllowEmailReports"] = flipped });
                var recorder = new ChangeRecorder(session, "run-43", "Set-EmbedAccess");

                await Assert.ThrowsAnyAsync<IOException>(() => recorder.ApplyAsync(EmbedRowChanges.SetAccess(new EmbedClient(session), change, passThru: false), null, RequestContext.Silent(), CancellationToken.None));
            }
            finally
            {
                File.Delete(blocked);
            }
        }

        [Fact]
        public async Task ACreatedSecureEmbedsCredentialNeverReachesTheJournal()
        {
            using var session = emulator.Session(configure: s => { s.NoJournal = false; s.JournalPath = folder; });
            var creation = SecureEmbedCreation.Create("abc-def-ghi", new Dictionary<string, object?> { ["Title"] = "Journal scan" });
            var recorder = new ChangeRecorder(session, "run-9", "New-SecureEmbed");

            var result = await recorder.ApplyAsync(SecureEmbedRowChanges.Create(new SecureEmbedClient(session), creation, embed => embed), null, RequestContext.Silent(), CancellationToken.None);

            var embed = (SecureEmbed)Assert.Single(result.Outputs);
            var credential = new NetworkCredential(string.Empty, embed.Credential).Password;
            Assert.True(credential.Length > 8);
            var text = string.Join("\n", Directory.GetFiles(folder).Select(File.ReadAllText));
            Assert.Contains("Journal scan", text);
            for (var i = 0; i + 8 <= credential.Length; i++)
            {
                Assert.DoesNotContain(credential.Substring(i, 8), text, StringComparison.OrdinalIgnoreCase);
            }

            Assert.Equal("abc-def-ghi/" + embed.Token, Assert.Single(session.Journal!.ReadAll()).Target);
        }

        [Fact]
        public async Task ANewApiTokensKeyNeverReachesTheJournal()
        {
            using var session = emulator.Session(configure: s => { s.NoJournal = false; s.JournalPath = folder; });
            var recorder = new ChangeRecorder(session, "run-10", "New-DataAppApiToken");

            var result = await recorder.ApplyAsync(DataAppRowChanges.CreateApiToken(new DataAppClient(session), "demo-app", "journal-scan", "Create API token", token => token), null, RequestContext.Silent(), CancellationToken.None);

            var key = new NetworkCredential(string.Empty, ((DataAppApiToken)Assert.Single(result.Outputs)).Key).Password;
            Assert.True(key.Length > 8);
            AssertNoPieceOf(key, JournalText(), "journal-scan");
            var entry = Assert.Single(session.Journal!.ReadAll());
            Assert.Equal(("demo-app/journal-scan", "Create"), (entry.Target, entry.Operation));
        }

        [Fact]
        public async Task ADatasourcesCredentialNeverReachesTheJournalButItsConnectionFieldsDo()
        {
            using var session = emulator.Session(configure: s => { s.NoJournal = false; s.JournalPath = folder; });
            const string Secret = "Jrnl-Core-Secret-5Tq9";
            const string User = "journal_core_reader";
            var password = new NetworkCredential(string.Empty, Secret).SecurePassword;
            var values = new Dictionary<string, object?> { ["DatasourceType"] = "postgres", ["Connection"] = new Dictionary<string, object?> { ["host"] = "db.journal", ["port"] = 5432, ["database"] = "app" } };
            var change = DatasourceChange.Create(DatasourceOperation.Update, "postgres-production", values, User, password);
            var recorder = new ChangeRecorder(session, "run-11", "Set-Datasource");

            await recorder.ApplyAsync(DatasourceRowChanges.Send(new DatasourceClient(session), change, passThru: false), null, RequestContext.Silent(), CancellationToken.None);

            var text = JournalText();
            AssertNoPieceOf(Secret, text, "db.journal");
            Assert.DoesNotContain(User, text, StringComparison.Ordinal);
            var entry = Assert.Single(session.Journal!.ReadAll());
            Assert.Equal(new[] { "datasourceType", "credentials.host", "credentials.port", "credentials.database" }, entry.Fields.Select(f => f.Name));
            Assert.All(entry.Fields, f => Assert.False(f.BeforeKnown));
            var undo = Assert.Throws<EmbedAdminValidationException>(() => new UndoPlanner(session, new UndoOptions()).Build(entry, e => e));
            Assert.Equal(ChangeUndo.NotReversibleId, undo.ErrorId);
            Assert.Contains("never records them", undo.Message);
        }

        private string JournalText() => string.Join("\n", Directory.GetFiles(folder).Select(File.ReadAllText));

        private static void AssertNoPieceOf(string secret, string text, string expected)
        {
            Assert.Contains(expected, text);
            for (var i = 0; i + 8 <= secret.Length; i++)
            {
                Assert.DoesNotContain(secret.Substring(i, 8), text, StringComparison.OrdinalIgnoreCase);
            }
        }

        [Fact]
        public void AnUndoStopsAtAFieldChangedSinceItWasRecordedNamingTheThreeValues()
        {
            var entry = Entry("embed_a", DateTimeOffset.UtcNow);

            var error = Assert.Throws<EmbedAdminValidationException>(() => ChangeUndo.Plan(entry, _ => JsonValue.Create("multi"), new UndoOptions()));
            var forced = ChangeUndo.Plan(entry, _ => JsonValue.Create("multi"), new UndoOptions { Force = true });

            Assert.Equal(ChangeUndo.ChangedSinceRecordedId, error.ErrorId);
            Assert.Contains("isAllowEmailReports", error.Message);
            Assert.Contains("it was true before", error.Message);
            Assert.Contains("set it to false", error.Message);
            Assert.Contains("it is multi now", error.Message);
            Assert.Equal("isAllowEmailReports: multi -> true", Assert.Single(forced.Lines));
        }

        [Fact]
        public void SeveralUpdatesOfOneTargetAreUndoneAsOneRowNewestFirst()
        {
            var start = DateTimeOffset.UtcNow;
            var first = Entry("embed_a", start);
            var second = Entry("embed_a", start.AddMinutes(1));
            second.Fields = new[] { new JournalField("isAllowEmailReports", JsonValue.Create(false), JsonValue.Create(true)) };
            var other = Entry("embed_b", start.AddMinutes(2));

            var rows = UndoPlanner.Order(new[] { first, second, other });

            Assert.Equal(new[] { "embed_b", "embed_a" }, rows.Select(r => r.Target));
            Assert.Equal("isAllowEmailReports: true -> true", Assert.Single(rows[1].Fields).ToString());
            Assert.Equal("isAllowEmailReports: false -> true", Assert.Single(second.Fields).ToString());
        }
    }
}
