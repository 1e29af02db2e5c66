using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    public sealed class DatamartBackupTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 30, 5, 123, TimeSpan.FromHours(2));
        private readonly string folder = Path.Combine(Path.GetTempPath(), "ea-backup-tests-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        [Fact]
        public void ABackupIsTheUpdateBodyNamedByDatamartAndUtcTime()
        {
            var datamart = DatamartListTests.FromList(DatamartListTests.ListItemJson);

            var path = DatamartBackup.Open(folder).Write(datamart, Now);

            Assert.Equal(Path.Combine(folder, "sales-analytics_20261122T103005123Z.json"), path);
            var expected = DatamartFields.UpdateBody(datamart).ToJsonString(EmbedAdminJson.Options);
            Assert.Equal(expected, System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.ToJsonString(EmbedAdminJson.Options));
            Assert.Single(Directory.GetFiles(folder));
        }

        [Fact]
        public void ABackupReadsBackAsTheSameRequest()
        {
            var datamart = DatamartListTests.FromList(DatamartListTests.ListItemJson);
            // Its relationships name a table the sample does not list, which a restore would refuse.
            datamart.Relationships.Clear();
            var path = DatamartBackup.Open(folder).Write(datamart, Now);

            var change = Assert.Single(DatamartChange.From(DatamartOperation.Update, new DatamartRequest { DefinitionPath = path }));

            Assert.Equal(DatamartFields.UpdateBody(datamart).ToJsonString(EmbedAdminJson.Options), System.Text.Encoding.UTF8.GetString(change.ToUtf8Json()));
            Assert.Empty(DatamartPlan.Create(datamart, change).Changes);
        }

        [Fact]
        public void TwoBackupsInTheSameMillisecondGetTwoFiles()
        {
            var backup = DatamartBackup.Open(folder);
            var datamart = DatamartListTests.FromList(DatamartListTests.ListItemJson);

            var first = backup.Write(datamart, Now);
            var second = backup.Write(datamart, Now);

            Assert.NotEqual(first, second);
            Assert.EndsWith("_2.json", second);
            Assert.Equal(2, Directory.GetFiles(folder).Length);
        }

        [Fact]
        public void NamesThatCannotBeFileNamesAreMadeSafe()
        {
            var path = DatamartBackup.Open(folder).Write(new Models.Datamart { Name = "../sales/2026:q4" }, Now);

            Assert.Equal(folder, Path.GetDirectoryName(path));
            Assert.StartsWith("_sales_2026_q4_", Path.GetFileName(path));
        }

        [Fact]
        public void AFolderThatCannotBeWrittenIsBackupFailedBeforeAnythingIsSent()
        {
            var file = Path.Combine(Path.GetTempPath(), "ea-not-a-folder-" + Guid.NewGuid().ToString("N"));
            File.WriteAllText(file, "x");
            try
            {
                var error = Assert.Throws<EmbedAdminValidationException>(() => DatamartBackup.Open(Path.Combine(file, "backups")));

                Assert.Equal("BackupFailed", error.ErrorId);
                Assert.Contains("Nothing was sent", error.Message);
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void TheDefaultFolderIsUnderTheUsersDataFolder() =>
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "EmbedAdmin", "backups"), DatamartBackup.DefaultFolder);

        [Fact]
        public void NoTemporaryFileIsLeftBehind()
        {
            DatamartBackup.Open(folder).Write(DatamartListTests.FromList(DatamartListTests.ListItemJson), Now);

            Assert.DoesNotContain(Directory.GetFiles(folder), f => f.EndsWith(".tmp", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith(".write-test", StringComparison.Ordinal));
        }
    }
}
