using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using EmbedAdmin.Core.Datadog.SecureEmbeds;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>Secure-embed request bodies and input rules, before anything is sent.</summary>
    public class SecureEmbedRequestTests
    {
        private static Dictionary<string, object?> Values(params (string Name, object? Value)[] values) =>
            values.ToDictionary(v => v.Name, v => v.Value, StringComparer.OrdinalIgnoreCase);

        private static JsonElement Json(EmbedAdmin.Core.Requests.PartialBody body) => JsonDocument.Parse(body.ToJsonString()).RootElement;

        private static EmbedAdminValidationException Invalid(Action action) => Assert.Throws<EmbedAdminValidationException>(action);

        [Fact]
        public void ACreateWithOnlyATitleSendsAllSixAttributesWithTheUsualDefaults()
        {
            var creation = SecureEmbedCreation.Create("abc-def-ghi", Values(("Title", " Q1 ")));

            var data = Json(creation.Body).GetProperty("data");
            Assert.Equal("secure_embed_request", data.GetProperty("type").GetString());
            var attributes = data.GetProperty("attributes");
            Assert.Equal(
                new[] { "global_time", "global_time_selectable", "selectable_template_vars", "status", "title", "viewing_preferences" },
                attributes.EnumerateObject().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal("Q1", attributes.GetProperty("title").GetString());
            Assert.Equal("1h", attributes.GetProperty("global_time").GetProperty("live_span").GetString());
            Assert.True(attributes.GetProperty("global_time_selectable").GetBoolean());
            Assert.Equal("active", attributes.GetProperty("status").GetString());
            Assert.Equal(0, attributes.GetProperty("selectable_template_vars").GetArrayLength());
            Assert.False(attributes.GetProperty("viewing_preferences").GetProperty("high_density").GetBoolean());
            Assert.Equal("system", attributes.GetProperty("viewing_preferences").GetProperty("theme").GetString());
            Assert.Equal("abc-def-ghi", creation.DashboardId);
            Assert.Equal("Q1", creation.Title);
        }

        [Fact]
        public void GivenValuesWinOverDefaultsAndChoicesAreSentInTheApiSpelling()
        {
            var creation = SecureEmbedCreation.Create("abc", Values(
                ("Title", "T"), ("LiveSpan", "1MO"), ("Status", "Paused"), ("Theme", "DARK"), ("HighDensity", "yes"), ("GlobalTimeSelectable", "0")));

            var attributes = Json(creation.Body).GetProperty("data").GetProperty("attributes");
            Assert.Equal("1mo", attributes.GetProperty("global_time").GetProperty("live_span").GetString());
            Assert.Equal("paused", attributes.GetProperty("status").GetString());
            Assert.Equal("dark", attributes.GetProperty("viewing_preferences").GetProperty("theme").GetString());
            Assert.True(attributes.GetProperty("viewing_preferences").GetProperty("high_density").GetBoolean());
            Assert.False(attributes.GetProperty("global_time_selectable").GetBoolean());
        }

        [Fact]
        public void EmptyCellsAreNotSetSoTheDefaultsApply()
        {
            var creation = SecureEmbedCreation.Create("abc", Values(("Title", "T"), ("LiveSpan", ""), ("Theme", "  "), ("HighDensity", null)));

            var attributes = Json(creation.Body).GetProperty("data").GetProperty("attributes");
            Assert.Equal("1h", attributes.GetProperty("global_time").GetProperty("live_span").GetString());
            Assert.Equal("system", attributes.GetProperty("viewing_preferences").GetProperty("theme").GetString());
        }

        [Theory]
        [InlineData("LiveSpan", "2h", "InvalidLiveSpan", "15m, 1h, 4h, 1d, 2d, 1w, 1mo, 3mo")]
        [InlineData("Status", "stopped", "InvalidStatus", "active, paused")]
        [InlineData("Theme", "blue", "InvalidTheme", "system, light, dark")]
        [InlineData("HighDensity", "sometimes", "InvalidHighDensity", "true/false")]
        [InlineData("GlobalTimeSelectable", "2", "InvalidGlobalTimeSelectable", "true/false")]
        [InlineData("SelectableTemplateVariables", "org_id", "InvalidSelectableTemplateVariables", "name=value1|value2")]
        public void AnEnumOrFlagOutsideItsValuesHasAStableId(string parameter, string value, string errorId, string rule)
        {
            var create = Invalid(() => SecureEmbedCreation.Create("abc", Values(("Title", "T"), (parameter, value))));
            var update = Invalid(() => SecureEmbedChange.Create("abc", "tok", Values((parameter, value))));

            Assert.Equal(errorId, create.ErrorId);
            Assert.Equal(errorId, update.ErrorId);
            Assert.Contains(rule, create.Message);
        }

        [Fact]
        public void ADashboardIdAndATitleAreRequiredToCreate()
        {
            var error = Invalid(() => SecureEmbedCreation.Create(" ", Values(("Title", ""))));

            Assert.Equal(new[] { "MissingDashboardId", "MissingTitle" }, error.Problems.Select(p => p.ErrorId));
        }

        [Fact]
        public void AnUpdateSendsOnlyWhatWasGiven()
        {
            var change = SecureEmbedChange.Create("abc-def-ghi", "s3cur3t0k3n", Values(("Status", "paused"), ("Title", ""), ("LiveSpan", null)));

            Assert.Equal("{\"data\":{\"type\":\"secure_embed_update_request\",\"attributes\":{\"status\":\"paused\"}}}", change.Body.ToJsonString());
            Assert.Equal(new[] { "data.attributes.status" }, change.ChangedPaths);
            Assert.Equal("status = \"paused\"", change.Describe());
        }

        [Fact]
        public void ANestedSettingIsSentWithoutItsSiblings()
        {
            var change = SecureEmbedChange.Create("abc", "tok", Values(("Theme", "light")));

            Assert.Equal(
                "{\"data\":{\"type\":\"secure_embed_update_request\",\"attributes\":{\"viewing_preferences\":{\"theme\":\"light\"}}}}",
                change.Body.ToJsonString());
        }

        [Fact]
        public void AnUpdateThatSetsNothingIsRefused()
        {
            Assert.Equal("NoSecureEmbedSettings", Invalid(() => SecureEmbedChange.Create("abc", "tok", Values(("Title", " ")))).ErrorId);
            Assert.Equal("MissingToken", Invalid(() => SecureEmbedChange.Create("abc", "", Values(("Title", "x")))).ErrorId);
        }

        [Fact]
        public void TemplateVariablesComeFromHashtablesAsInThePrompt()
        {
            var table = new Hashtable { ["name"] = "org_id", ["prefix"] = "org_id", ["default_values"] = new object[] { "1" }, ["visible_tags"] = new object[] { "1", 2 } };

            var variables = TemplateVariableInput.Parse(new object[] { table });

            var only = Assert.Single(variables);
            Assert.Equal("org_id", only.Name);
            Assert.Equal(new[] { "1" }, only.DefaultValues);
            Assert.Equal(new[] { "1", "2" }, only.VisibleTags);
        }

        [Fact]
        public void AHashtableWithoutAPrefixUsesTheNameAndCamelCaseKeysAreUnderstood()
        {
            var variable = Assert.Single(TemplateVariableInput.Parse(new Hashtable { ["Name"] = "env", ["DefaultValues"] = "prod" }));

            Assert.Equal("env", variable.Prefix);
            Assert.Equal(new[] { "prod" }, variable.DefaultValues);
            Assert.Null(variable.VisibleTags);
            Assert.Equal("{\"name\":\"env\",\"prefix\":\"env\",\"default_values\":[\"prod\"]}", variable.ToString());
        }

        [Fact]
        public void AMisspeltHashtableKeyIsRefusedRatherThanDropped()
        {
            var error = Assert.Throws<FormatException>(() => TemplateVariableInput.Parse(new Hashtable { ["name"] = "env", ["visible_tag"] = "prod" }));

            Assert.Contains("'visible_tag' is not a template variable field", error.Message);
        }

        [Fact]
        public void TheOneCellFormSetsDefaultsAndVisibleTagsAlike()
        {
            var variables = TemplateVariableInput.Parse("org_id=42|43; customer:customer_id=acme");

            Assert.Equal(2, variables.Count);
            Assert.Equal(new[] { "42", "43" }, variables[0].DefaultValues);
            Assert.Equal(new[] { "42", "43" }, variables[0].VisibleTags);
            Assert.Equal("org_id", variables[0].Prefix);
            Assert.Equal("customer", variables[1].Name);
            Assert.Equal("customer_id", variables[1].Prefix);
            Assert.Equal("org_id=42|43;customer:customer_id=acme", variables.ToString());
        }

        [Fact]
        public void TheOneCellFormRefusesAVariableWithNoValuesBecauseThatWouldShowEveryValue()
        {
            var error = Assert.Throws<FormatException>(() => TemplateVariableInput.Parse("org_id="));

            Assert.Contains("at least one value", error.Message);
        }

        [Fact]
        public void JsonInTheApisShapeIsReadAndWrittenBack()
        {
            const string json = "[{\"name\":\"org\",\"prefix\":\"org_id\",\"default_values\":[\"1\"],\"visible_tags\":[\"1\",\"2\"]}]";

            var variables = TemplateVariableInput.Parse(json);

            Assert.Equal(json, variables.ToString());
            Assert.Equal(json, TemplateVariableInput.Parse(variables.ToString()).ToString());
        }

        [Fact]
        public void AVariableGivenTwiceIsRefused() =>
            Assert.Contains("more than once", Assert.Throws<FormatException>(() => TemplateVariableInput.Parse("env=a;env=b")).Message);

        [Fact]
        public void TvColumnsOfACsvRowBecomeTemplateVariables()
        {
            var row = Values(("DashboardId", "abc"), ("Title", "Acme"), ("tv_org_id", "42"), ("TV_region", "eu|us"), ("tv_empty", ""));

            var creation = SecureEmbedCreation.Create("abc", Values(("Title", "Acme")), row);

            var vars = Json(creation.Body).GetProperty("data").GetProperty("attributes").GetProperty("selectable_template_vars");
            Assert.Equal(2, vars.GetArrayLength());
            Assert.Equal("org_id", vars[0].GetProperty("name").GetString());
            Assert.Equal("org_id", vars[0].GetProperty("prefix").GetString());
            Assert.Equal("42", vars[0].GetProperty("visible_tags")[0].GetString());
            Assert.Equal(new[] { "eu", "us" }, vars[1].GetProperty("default_values").EnumerateArray().Select(v => v.GetString()));
        }

        [Fact]
        public void TvColumnsAddToTheTemplateVariablesColumnAndMayNotRepeatIt()
        {
            var both = SecureEmbedCreation.Create("abc", Values(("Title", "T"), ("SelectableTemplateVariables", "env=prod")), Values(("tv_org_id", "1")));
            Assert.Equal(2, Json(both.Body).GetProperty("data").GetProperty("attributes").GetProperty("selectable_template_vars").GetArrayLength());

            var twice = Invalid(() => SecureEmbedCreation.Create("abc", Values(("Title", "T"), ("SelectableTemplateVariables", "env=prod")), Values(("tv_env", "dev"))));
            Assert.Equal("InvalidSelectableTemplateVariables", twice.ErrorId);
        }

        [Fact]
        public void ABadTvColumnIsNamedInTheProblem()
        {
            var error = Invalid(() => SecureEmbedCreation.Create("abc", Values(("Title", "T")), Values(("tv_", "1"))));

            Assert.Equal("InvalidSelectableTemplateVariables", error.ErrorId);
            Assert.StartsWith("tv_ ", error.Problems[0].Field, StringComparison.Ordinal);
        }

        [Fact]
        public void TemplateVariablesFromGetSecureEmbedPipeBackIn()
        {
            var fromGet = new SecureEmbedTemplateVariables(new[] { new SecureEmbedTemplateVariable("org", "org_id", new[] { "1" }, new[] { "1", "2" }) });

            var change = SecureEmbedChange.Create("abc", "tok", Values(("SelectableTemplateVariables", fromGet.ToList<object>())));

            Assert.Equal(
                "{\"data\":{\"type\":\"secure_embed_update_request\",\"attributes\":{\"selectable_template_vars\":[{\"name\":\"org\",\"prefix\":\"org_id\",\"default_values\":[\"1\"],\"visible_tags\":[\"1\",\"2\"]}]}}}",
                change.Body.ToJsonString());
        }

        [Fact]
        public void SecretNamesTakePlaceholdersFromTheNewEmbed()
        {
            var embed = new SecureEmbed { DashboardId = "abc", Token = "se-1", Id = "7", Title = "Acme" };

            Assert.Equal("SecureEmbed-abc-se-1", SecureEmbedSecretName.Expand(null, embed));
            Assert.Equal("dd/Acme/7/se-1", SecureEmbedSecretName.Expand("dd/{title}/{Id}/{TOKEN}", embed));
            Assert.Equal("InvalidSecretName", Assert.Throws<EmbedAdminValidationException>(() => SecureEmbedSecretName.Validate("x-{Customer}")).ErrorId);
            SecureEmbedSecretName.Validate("plain-name");
        }

        [Fact]
        public void EveryCredentialNoticeSaysItCannotBeFetchedAgainAndWhereItWent()
        {
            Assert.Contains("cannot be fetched again", CredentialNotice.InCredentialProperty);
            Assert.Contains("Credential property", CredentialNotice.InCredentialProperty);
            Assert.Equal(
                CredentialNotice.Once + " It was stored as secret 'dd-acme' in vault 'Prod', and is also in the Credential property (a SecureString).",
                CredentialNotice.Stored("dd-acme", " Prod "));
            Assert.Contains("in the default vault", CredentialNotice.Stored("dd-acme", null));
            var notStored = CredentialNotice.NotStored("dd-acme", "", "the module is not installed.");
            Assert.StartsWith(CredentialNotice.InCredentialProperty, notStored, StringComparison.Ordinal);
            Assert.EndsWith("NOT stored as secret 'dd-acme' in the default vault: the module is not installed.", notStored, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("secure-embed", true)]
        [InlineData("secure_embed", true)]
        [InlineData("SECURE-EMBED", true)]
        [InlineData("embed", false)]
        [InlineData("open", false)]
        [InlineData(null, false)]
        public void BothSpellingsOfTheShareTypeMeanASecureEmbed(string? shareType, bool expected) =>
            Assert.Equal(expected, SecureEmbedReader.IsSecureEmbedShareType(shareType));

        [Fact]
        public void AListItemMapsToTheSecureEmbedModel()
        {
            const string body = "{\"data\":[" +
                "{\"id\":\"1\",\"type\":\"shared_dashboard\",\"attributes\":{\"share_type\":\"secure_embed\",\"token\":\"t1\",\"title\":\"A\",\"status\":\"paused\"," +
                "\"global_time\":{\"live_span\":\"1w\"},\"global_time_selectable\":false,\"viewing_preferences\":{\"high_density\":true,\"theme\":\"dark\"}," +
                "\"selectable_template_vars\":[{\"allow_any_value\":false,\"default_values\":[\"42\"],\"name\":\"customer\",\"prefix\":\"customer_id\",\"type\":\"tag\",\"visible_tags\":[\"42\"]}]," +
                "\"created_at\":\"2026-03-11T18:30:00.000000\",\"url\":\"https://p/sb/t1\"},\"relationships\":{\"dashboard\":{\"data\":{\"id\":\"abc\",\"type\":\"dashboard\"}}}}," +
                "{\"id\":\"2\",\"type\":\"shared_dashboard\",\"attributes\":{\"share_type\":\"open\",\"token\":\"t2\"}}]}";
            var response = new EmbedAdmin.Core.Http.ApiResponse(ApiService.Datadog, 200, System.Text.Encoding.UTF8.GetBytes(body), null);

            var embed = Assert.Single(SecureEmbedReader.SecureEmbedsOf(response, "requested"));

            Assert.Equal("abc", embed.DashboardId);
            Assert.Equal("t1", embed.Token);
            Assert.Equal("1", embed.Id);
            Assert.Equal("paused", embed.Status);
            Assert.Equal("1w", embed.LiveSpan);
            Assert.False(embed.GlobalTimeSelectable);
            Assert.True(embed.HighDensity);
            Assert.Equal("dark", embed.Theme);
            Assert.Equal("customer:customer_id=42", embed.TemplateVariables.ToString());
            Assert.Equal(new DateTimeOffset(2026, 3, 11, 18, 30, 0, TimeSpan.Zero), embed.CreatedAt);
            Assert.Null(embed.Credential);
        }
    }
}
