using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.DataBrain.DataApps
{
    /// <summary>Data apps and their API tokens, over the session's pipeline with the service token.</summary>
    public sealed class DataAppClient
    {
        private readonly EmbedAdminSession session;

        public DataAppClient(EmbedAdminSession session)
        {
            this.session = session;
        }

        private bool Legacy => session.UseLegacyDataBrainPaths;

        /// <summary>Every data app with its embeds; all pages read.</summary>
        public Task<IReadOnlyList<DataApp>> ListAsync(RequestContext context, CancellationToken cancellationToken) =>
            DataBrainPaging.ReadAllAsync(session, page => DataAppRoutes.List(Legacy, page), ReadDataApp, a => a.Name, context, cancellationToken);

        public async Task<DataApp> CreateAsync(string name, RequestContext context, CancellationToken cancellationToken)
        {
            var body = new JsonObject { ["name"] = name };
            var root = await SendAsync(DataAppRoutes.Create(Legacy), body, context, cancellationToken).ConfigureAwait(false);
            return new DataApp { Name = NameIn(root) ?? name };
        }

        public async Task<DataApp> RenameAsync(string name, string newName, RequestContext context, CancellationToken cancellationToken)
        {
            var body = new JsonObject { ["name"] = name, ["updateName"] = newName };
            var root = await SendAsync(DataAppRoutes.Rename(Legacy), body, context, cancellationToken).ConfigureAwait(false);
            return new DataApp { Name = NameIn(root) ?? newName, PreviousName = name };
        }

        /// <summary>
        /// POST {dataAppName, name} → {key}. From the moment it arrives the key is a secret of this session (masked
        /// wherever the module prints text) and leaves this method only as a SecureString.
        /// </summary>
        public async Task<DataAppApiToken> CreateApiTokenAsync(string dataAppName, string name, RequestContext context, CancellationToken cancellationToken)
        {
            var body = new JsonObject { ["dataAppName"] = dataAppName, ["name"] = name };
            var response = await session.Api.SendAsync(DataAppRoutes.CreateApiToken(Legacy).WithJson(Utf8(body)), context, cancellationToken).ConfigureAwait(false);
            var root = DataBrainEnvelope.Open(response);
            var key = DataBrainEnvelope.ReadString(root, "key")
                ?? (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) ? DataBrainEnvelope.ReadString(data, "key") : null)
                ?? throw response.Unexpected("no key in the answer");
            session.Redactor.AddKnownSecret(key);
            var secure = new SecureString();
            foreach (var c in key)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return new DataAppApiToken
            {
                DataAppName = dataAppName,
                Name = name,
                CreatedAt = session.Clock.UtcNow,
                KeyHint = DataAppApiToken.Hint(key),
                Key = secure,
            };
        }

        /// <summary>The data app's tokens. The list carries every key in full; only the last four characters are kept.</summary>
        public async Task<IReadOnlyList<DataAppApiToken>> ListApiTokensAsync(string dataAppName, RequestContext context, CancellationToken cancellationToken)
        {
            var response = await session.Api.SendAsync(DataAppRoutes.ListApiTokens(Legacy, dataAppName), context, cancellationToken).ConfigureAwait(false);
            var root = DataBrainEnvelope.Open(response);
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw response.Unexpected("the list has no \"data\" array");
            }

            return data.EnumerateArray().Select(item =>
            {
                var key = DataBrainEnvelope.ReadString(item, "key");

                // Listed keys are secrets too: anything that echoes one later (an error message) is masked.
                session.Redactor.AddKnownSecret(key);
                return new DataAppApiToken
                {
                    DataAppName = dataAppName,
                    Name = DataBrainEnvelope.ReadString(item, "name") ?? string.Empty,
                    Description = DataBrainEnvelope.ReadString(item, "description"),
                    CreatedAt = When(DataBrainEnvelope.ReadString(item, "createdAt")),
                    KeyHint = DataAppApiToken.Hint(key),
                };
            }).ToList();
        }

        /// <summary>Text with every secret of the session masked (keys, tokens, API keys made here): for messages from elsewhere, such as a vault.</summary>
        public string Redact(string? text) => session.Redactor.RedactText(text);

        private async Task<JsonElement> SendAsync(ApiRequest request, JsonObject body, RequestContext context, CancellationToken cancellationToken) =>
            DataBrainEnvelope.Open(await session.Api.SendAsync(request.WithJson(Utf8(body)), context, cancellationToken).ConfigureAwait(false));

        private static byte[] Utf8(JsonObject body) => JsonSerializer.SerializeToUtf8Bytes(body, EmbedAdminJson.Options);

        // The data-app pages show {"data":{"name"}}; an answer with the name at the top is read as well.
        private static string? NameIn(JsonElement root) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                ? DataBrainEnvelope.ReadString(data, "name")
                : DataBrainEnvelope.ReadString(root, "name");

        private static DateTimeOffset? When(string? text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ? when : null;

        private static DataApp ReadDataApp(JsonElement item)
        {
            var embeds = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("embeds", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(e => new DataAppEmbed
                {
                    EmbedId = DataBrainEnvelope.ReadString(e, "embedId") ?? string.Empty,
                    Name = DataBrainEnvelope.ReadString(e, "name"),
                    CreatedAt = When(DataBrainEnvelope.ReadString(e, "createdAt")),
                    UpdatedAt = When(DataBrainEnvelope.ReadString(e, "updatedAt")),
                }).ToList()
                : new List<DataAppEmbed>();
            return new DataApp
            {
                Name = DataBrainEnvelope.ReadString(item, "name") ?? string.Empty,
                Type = DataBrainEnvelope.ReadString(item, "type"),
                CreatedAt = When(DataBrainEnvelope.ReadString(item, "createdAt")),
                UpdatedAt = When(DataBrainEnvelope.ReadString(item, "updatedAt")),
                EmbedCount = item.TryGetProperty("embedCount", out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt32() : embeds.Count,
                Embeds = embeds,
            };
        }
    }
}
