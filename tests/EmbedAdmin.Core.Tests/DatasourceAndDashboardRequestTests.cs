using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.DataBrain.DataApps;
using EmbedAdmin.Core.DataBrain.Dashboards;
using EmbedAdmin.Core.DataBrain.Datasources;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>
    /// Requests of docs.usedatabrain.com/api-reference/create-datasource, update-datasource, import-dashboard and the
    /// data-app pages, checked before anything is sent.
    /// </summary>
    public class DatasourceAndDashboardRequestTests
    {
        private const string Secret = "s3cret-Pass-w0rd";

        private static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text)
            {
                secure.AppendChar(c);
            }

            return secure;
        }

        private static Dictionary<string, object?> Values(string? type, object? connection, object? tenancy = null) => new()
        {
            ["DatasourceType"] = type,
            ["Connection"] = connection,
            ["TenancySettings"] = tenancy,
        };

        private static readonly Hashtable Pg = new() { ["host"] = "db", ["port"] = 5432, ["database"] = "app" };

        private static EmbedAdminValidationException Rejected(DatasourceOperation operation, string? name, Dictionary<string, object?> values, string? user = "reader", string? password = Secret) =>
            Assert.Throws<EmbedAdminValidationException>(() => DatasourceChange.Create(operation, name, values, user, password is null ? null : Secure(password)));

        [Fact]
        public void EighteenTypesAreDocumented() =>
            Assert.Equal(
                new[] { "snowflake", "postgres", "redshift", "cockroachdb", "mysql", "mongodb", "clickhouse", "singlestore", "bigquery", "databricks", "elasticsearch", "opensearch", "mssql", "awss3", "csv", "firebolt", "athena", "trino" },
                DatasourceTypes.Names);

        [Fact]
        public void TheCredentialGoesUnderTheTypesOwnFieldsAndTheRestIsSentAsGiven()
        {
            var change = DatasourceChange.Create(DatasourceOperation.Create, " pg-new ", Values("POSTGRES", Pg, new Hashtable { ["tenancyLevel"] = "DATABASE" }), "reader", Secure(Secret));
            var body = JsonNode.Parse(Encoding.UTF8.GetString(change.ToUtf8Json()))!;
            Assert.Equal("postgres", (string?)body["datasourceType"]);
            Assert.Equal("pg-new", (string?)body["credentials"]!["name"]);
            Assert.Equal("reader", (string?)body["credentials"]!["username"]);
            Assert.Equal(Secret, (string?)body["credentials"]!["password"]);
            Assert.Equal(5432, (int)body["credentials"]!["port"]!);
            Assert.Equal("DATABASE", (string?)body["tenancySettings"]!["tenancyLevel"]);

            var aws = DatasourceChange.Create(DatasourceOperation.Create, "lake", Values("awss3", "{\"region\":\"eu\",\"bucket\":\"b\"}"), "AKIA", Secure(Secret));
            var awsBody = JsonNode.Parse(Encoding.UTF8.GetString(aws.ToUtf8Json()))!;
            Assert.Equal("AKIA", (string?)awsBody["credentials"]!["accessKeyId"]);
            Assert.Equal(Secret, (string?)awsBody["credentials"]!["secretAccessKey"]);
        }

        [Fact]
        public void TheSecretIsNeverDescribedNorKeptInTheObjectWritten()
        {
            var change = DatasourceChange.Create(DatasourceOperation.Update, "pg", Values("postgres", Pg), "reader", Secure(Secret));
            Assert.Contains("password = ****", change.Describe());
            Assert.DoesNotContain(Secret, change.Describe());
            var written = change.ToDatasource("pg");
            Assert.DoesNotContain(Secret, string.Join(",", written.Connection!.Values) + written.UserName);
        }

        [Fact]
        public void AnUpdateWithoutTheFullSetIsRefusedNamingWhatIsMissing()
        {
            var missing = Rejected(DatasourceOperation.Update, "pg", Values("postgres", new Hashtable { ["host"] = "db" }), user: null, password: null);
            Assert.Equal("PartialCredentialSet", missing.ErrorId);
            Assert.Contains("full credential set", missing.Message);
            Assert.Contains("username (the user name of -Credential)", missing.Message);
            Assert.Contains("password (the password of -Credential)", missing.Message);
            Assert.Contains("port (in -Connection), database (in -Connection)", missing.Message);

            Assert.Equal("MissingConnectionField", Rejected(DatasourceOperation.Create, "pg", Values("postgres", Pg), password: null).ErrorId);
        }

        [Theory]
        [InlineData(null, "MissingDatasourceType")]
        [InlineData("oracle", "InvalidDatasourceType")]
        public void TheTypeMustBeOneOfTheEighteen(string? type, string id) =>
            Assert.Equal(id, Rejected(DatasourceOperation.Create, "pg", Values(type, Pg)).ErrorId);

        [Fact]
        public void SecretsAndIdentityFieldsDoNotBelongInTheConnection()
        {
            var withSecret = new Hashtable(Pg) { ["password"] = "typed-in-clear" };
            var problem = Rejected(DatasourceOperation.Create, "pg", Values("postgres", withSecret));
            Assert.Equal("SecretInConnection", problem.ErrorId);
            Assert.DoesNotContain("typed-in-clear", problem.Message);
            Assert.Equal("DuplicateConnectionField", Rejected(DatasourceOperation.Create, "pg", Values("postgres", new Hashtable(Pg) { ["name"] = "x" })).ErrorId);
            Assert.Equal("InvalidConnection", Rejected(DatasourceOperation.Create, "pg", Values("postgres", new Hashtable(Pg) { ["ssl"] = new Hashtable() })).ErrorId);
            Assert.Equal("InvalidConnection", Rejected(DatasourceOperation.Create, "pg", Values("postgres", "{broken")).ErrorId);
            Assert.Equal("MissingDatasourceName", Rejected(DatasourceOperation.Create, " ", Values("postgres", Pg)).ErrorId);
        }

        [Fact]
        public void ASchemaMapBecomesSchemaPairsFromEachFormItMayTake()
        {
            var file = Path.Combine(Path.GetTempPath(), "dash-" + System.Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(file, "{\"_meta\":{\"dashboardId\":\"t\"},\"data\":{\"layout\":[]}}");
            try
            {
                foreach (object map in new object[] { new Hashtable { ["public"] = "tenant_a" }, "public=tenant_a", "{\"public\":\"tenant_a\"}" })
                {
                    var import = DashboardImport.Create("Tenant A", "d1", null, file, map);
                    var body = JsonNode.Parse(Encoding.UTF8.GetString(import.ToUtf8Json()))!;
                    Assert.Equal("[{\"replaceSchema\":\"public\",\"targetSchema\":\"tenant_a\"}]", body["schemaPairs"]!.ToJsonString());
                    Assert.Equal("t", (string?)body["importDashboardData"]!["_meta"]!["dashboardId"]);
                    Assert.Null(body["dashboardName"]);
                }

                Assert.Equal("InvalidSchemaMap", Assert.Throws<EmbedAdminValidationException>(() => DashboardImport.Create("w", "d", null, file, "public=")).ErrorId);
                Assert.Equal("InvalidSchemaMap", Assert.Throws<EmbedAdminValidationException>(() => DashboardImport.Create("w", "d", null, file, 42)).ErrorId);
                Assert.Equal("ImportFileNotFound", Assert.Throws<EmbedAdminValidationException>(() => DashboardImport.Create("w", "d", null, file + ".nope", null)).ErrorId);
                Assert.Equal(
                    new[] { "MissingWorkspaceName", "MissingDashboardId" },
                    Assert.Throws<EmbedAdminValidationException>(() => DashboardImport.Create(" ", "", null, file, null)).Problems.Select(p => p.ErrorId));
            }
            finally
            {
                File.Delete(file);
            }
        }

        [Fact]
        public void ARenameToTheSameNameIsRefused()
        {
            Assert.Equal(("a", "b"), DataAppInput.Rename(" a ", "b "));
            Assert.Equal("SameDataAppName", Assert.Throws<EmbedAdminValidationException>(() => DataAppInput.Rename("a", "a")).ErrorId);
            Assert.Equal("MissingNewName", Assert.Throws<EmbedAdminValidationException>(() => DataAppInput.Rename("a", " ")).ErrorId);
        }

        [Theory]
        [InlineData("dbn_live_emu_0123456789abcdef", "****cdef")]
        [InlineData("short", "****")]
        [InlineData(null, "****")]
        public void AKeyHintShowsOnlyTheLastFourOfALongKey(string? key, string hint) =>
            Assert.Equal(hint, DataAppApiToken.Hint(key));

        [Theory]
        [InlineData("DATA_APP_ALREADY_EXISTS", "DataAppAlreadyExists", ErrorCategoryName.ResourceExists)]
        [InlineData("DATA_APP_NOT_FOUND", "DataAppNotFound", ErrorCategoryName.ObjectNotFound)]
        [InlineData("DATASOURCE_IN_USE", "DatasourceInUse", ErrorCategoryName.InvalidOperation)]
        [InlineData("DATASOURCE_NAME_ERROR", "DatasourceNotFound", ErrorCategoryName.ObjectNotFound)]
        [InlineData("AUTHENTICATION_ERROR", "AuthenticationFailed", ErrorCategoryName.AuthenticationError)]
        [InlineData("INVALID_REQUEST_BODY", "InvalidRequest", ErrorCategoryName.InvalidArgument)]
        public void EachDocumentedCodeHasItsStableId(string code, string id, ErrorCategoryName category)
        {
            var classification = ErrorClassifier.Classify(new EmbedAdminApiException(ApiService.DataBrain, 400, code, "m"));
            Assert.Equal(id, classification.ErrorId);
            Assert.Equal(category, classification.Category);
        }
    }
}
