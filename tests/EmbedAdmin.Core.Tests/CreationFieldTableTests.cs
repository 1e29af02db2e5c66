using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using EmbedAdmin.Core.DataBrain.Embeds;
using EmbedAdmin.Core.DataBrain.GuestTokens;
using EmbedAdmin.Core.Requests;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>
    /// The field tables of the create requests (dashboard embed, embed, guest token): the body is built from them
    /// and the object the cmdlet writes is read back through them, so a value sent is a value shown.
    /// </summary>
    public class CreationFieldTableTests
    {
        private static Dictionary<string, object?> Values(params (string Name, object? Value)[] values) =>
            values.ToDictionary(v => v.Name, v => v.Value, StringComparer.OrdinalIgnoreCase);

        [Fact]
        public void ADashboardEmbedReadsBackWhatWasSentIncludingTheNestedDatamart()
        {
            var request = DashboardEmbedRequest.Create(Values(
                ("DashboardId", " client-acme "), ("WorkspaceName", "analytics-workspace"), ("ClientId", "acme-1"),
                ("DatamartName", "customer-analytics"), ("TemplateDashboardId", "template-1"), ("EmbedDescription", "for Acme")));

            var embed = request.ToDashboardEmbed("embed-9", answeredName: null);

            Assert.Equal(
                ("embed-9", "client-acme", "acme-1", "analytics-workspace", "customer-analytics", "template-1", "client-acme"),
                (embed.EmbedId, embed.DashboardId, embed.ClientId, embed.WorkspaceName, embed.DatamartName, embed.TemplateDashboardId, embed.Name));
            Assert.Equal("for Acme", request.Body["embedDescription"]!.GetValue<string>());
        }

        [Fact]
        public void TheNameDataBrainAnsweredWinsOverTheOneSent()
        {
            var request = DashboardEmbedRequest.Create(Values(
                ("DashboardId", "d"), ("WorkspaceName", "w"), ("ClientId", "c"), ("DatamartName", "m"), ("Name", "Sent")));

            Assert.Equal("Answered", request.ToDashboardEmbed("e", "Answered").Name);
            Assert.Equal("Sent", request.ToDashboardEmbed("e", null).Name);
        }

        [Fact]
        public void TheDashboardEmbedFileIsNotAJsonField()
        {
            var error = Assert.Throws<Errors.EmbedAdminValidationException>(() => DashboardEmbedRequest.Create(Values(
                ("DashboardId", "d"), ("WorkspaceName", "w"), ("ClientId", "c"), ("DatamartName", "m"), ("ImportDashboardDataFile", "/nonexistent/x.json"))));

            Assert.Equal("ImportFileNotFound", error.ErrorId);
        }

        [Fact]
        public void AnEmbedReadsBackItsFieldsAndItsAccessThroughTheAccessTable()
        {
            var request = EmbedRequest.Create(Values(
                ("DashboardId", "dash-1"), ("MetricId", "metric-7"), ("WorkspaceName", "w"), ("DatamartName", "m"), ("AllowEmailReports", "yes")));

            var embed = request.ToEmbed("embed-1");

            Assert.Equal(("embed-1", "embed-1", "metric", "dash-1", "metric-7"), (embed.EmbedId, embed.Name, embed.EmbedType, embed.DashboardId, embed.MetricId));
            Assert.True(embed.Access!.AllowEmailReports);
            Assert.False(embed.Access.AllowUnderlyingData);
            Assert.Equal("m", embed.DatamartName);
        }

        [Fact]
        public void AGuestTokenReadsBackWhoAndWhatItIsForAndWhenItEnds()
        {
            var request = GuestTokenRequest.Create(Values(
                ("ClientId", "acme-1"), ("DataAppName", "demo-app"), ("AllowedEmbeds", new[] { "embed_acme", "embed_globex" }),
                ("Timezone", "Europe/Paris"), ("Expiry", TimeSpan.FromMinutes(90))));
            var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var secret = new SecureString();

            var token = request.ToGuestToken(secret, now);

            Assert.Equal(("acme-1", "demo-app"), (token.ClientId, token.DataAppName));
            Assert.Equal(new[] { "embed_acme", "embed_globex" }, token.AllowedEmbeds);
            Assert.Equal(now.AddMinutes(90), token.ExpiresAt);
            Assert.Equal(5_400_000L, request.Body["expiryTime"]!.GetValue<long>());
        }

        [Fact]
        public void AnEmbedIdColumnMeansTheEmbedsATokenMayOpen() =>
            Assert.Equal("params.allowedEmbeds", GuestTokenRequest.Table.Find("EmbedId")?.ApiPath);

        [Theory]
        [InlineData("expiryTime")]
        [InlineData("Expiry")]
        public void AnExpiryOutOfRangeIsRefusedUnderEitherName(string column)
        {
            var values = Values(("ClientId", "a"), ("DataAppName", "b"));
            values[GuestTokenRequest.Table.Find(column)!.Parameter] = TimeSpan.FromDays(4000);

            Assert.Equal("InvalidExpiry", Assert.Throws<Errors.EmbedAdminValidationException>(() => GuestTokenRequest.Create(values)).ErrorId);
        }

        /// <summary>
        /// A guest token is a secret: no column of the token table carries it, so an export of issued tokens
        /// through the table cannot write it out, and a Token column fed back is ignored as read-only.
        /// </summary>
        [Fact]
        public void TheTokenIsNeverAColumnOfTheTable()
        {
            using var secret = new SecureString();
            foreach (var c in "gt_secret_value")
            {
                secret.AppendChar(c);
            }

            var token = GuestTokenRequest.Create(Values(("ClientId", "a"), ("DataAppName", "b"))).ToGuestToken(secret, DateTimeOffset.UnixEpoch);
            var columns = GuestTokenRequest.Table.Columns(token).ToList();

            Assert.Equal(new[] { "clientId", "dataAppName", "allowedEmbeds" }, columns.Select(c => c.Key));
            Assert.DoesNotContain(columns, c => c.Value is SecureString || (c.Value as string)?.Contains("gt_secret") == true);
            Assert.Null(GuestTokenRequest.Table.Find("Token"));
            Assert.Contains("Token", GuestTokenRequest.Table.ReadOnlyColumns);
        }

        [Fact]
        public void WriteOnlyFieldsAreSentButNotExported()
        {
            var request = DashboardEmbedRequest.Create(Values(
                ("DashboardId", "d"), ("WorkspaceName", "w"), ("ClientId", "c"), ("DatamartName", "m"), ("Metadata", "{\"region\":\"EU\"}")));

            var columns = DashboardEmbedRequest.Table.Columns(request.ToDashboardEmbed("e", null)).Select(c => c.Key).ToList();

            Assert.Equal(new[] { "dashboardId", "workspaceName", "clientId", "templateDashboardId", "name", "datamartName" }, columns);
            Assert.Equal("EU", request.Body["metadata"]!["region"]!.GetValue<string>());
        }
    }
}
