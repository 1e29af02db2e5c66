using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Changes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Journal;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.Datadog.SecureEmbeds
{
    /// <summary>
    /// The row pipeline's view of secure-embed changes. The journal names attributes by their path under
    /// data.attributes ("viewing_preferences.theme"); the signing credential is never read, sent or recorded.
    /// </summary>
    public static class SecureEmbedRowChanges
    {
        public const string NewCmdlet = "New-SecureEmbed";
        public const string SetCmdlet = "Set-SecureEmbed";
        public const string RemoveCmdlet = "Remove-SecureEmbed";

        public static RowChange Set(SecureEmbedClient client, SecureEmbedChange change, bool passThru)
        {
            var paths = change.ChangedPaths.Select(Relative).ToList();
            return new RowChange(ChangeOperation.Update, ApiService.Datadog, change.DashboardId + "/" + change.Token, change.Target.Describe(), "Set: " + change.Describe())
            {
                Cmdlet = SetCmdlet,
                // -WhatIf has always sent nothing for secure embeds; the read is part of the change only.
                ReadForWhatIf = false,
                Read = async (context, token) =>
                {
                    var current = await client.ReadAttributesAsync(change.Target, context, token).ConfigureAwait(false);
                    return new ChangePlan(paths.Select(p => new JournalField(p, SecureEmbedFields.At(current, p)?.DeepClone(), change.Body.Get(SecureEmbedFields.AttributesPrefix + p)?.DeepClone())).ToList(), hasChanges: true);
                },
                Send = async (_, context, token) =>
                {
                    var updated = await client.UpdateAsync(change, context, token).ConfigureAwait(false);
                    return new ChangeResult { Output = passThru ? updated : null };
                },
            };
        }

        /// <summary>The created embed's attributes are recorded; its credential stays only in the object written.</summary>
        public static RowChange Create(SecureEmbedClient client, SecureEmbedCreation creation, Func<SecureEmbed, object> output) =>
            new(ChangeOperation.Create, ApiService.Datadog, creation.DashboardId + ": " + creation.Title, $"dashboard '{creation.DashboardId}'", "Create secure embed: " + creation.Describe())
            {
                Cmdlet = NewCmdlet,
                Fields = Attributes(creation.Body),
                Send = async (_, context, token) =>
                {
                    var embed = await client.CreateAsync(creation, context, token).ConfigureAwait(false);
                    return new ChangeResult { Output = output(embed), Target = embed.DashboardId + "/" + embed.Token };
                },
            };

        /// <summary>Reads the embed before deleting it, so the journal holds what a re-creation needs.</summary>
        public static RowChange Remove(SecureEmbedClient client, SecureEmbedReference target, bool passThru) =>
            new(ChangeOperation.Remove, ApiService.Datadog, target.DashboardId + "/" + target.Token, target.Describe(), "Remove (pages embedding it stop working; its credential is gone for good)")
            {
                Cmdlet = RemoveCmdlet,
                Send = async (_, context, token) =>
                {
                    var attributes = await client.ReadAttributesAsync(target, context, token).ConfigureAwait(false);
                    await client.DeleteAsync(target, context, token).ConfigureAwait(false);
                    var recorded = new JsonObject();
                    foreach (var spec in SecureEmbedFields.Fields)
                    {
                        var relative = Relative(spec.ApiPath);
                        if (SecureEmbedFields.At(attributes, relative) is { } value)
                        {
                            recorded[relative] = value.DeepClone();
                        }
                    }

                    return new ChangeResult
                    {
                        Output = passThru ? new SecureEmbed { DashboardId = target.DashboardId, Token = target.Token! } : null,
                        Recorded = new JsonObject { ["dashboardId"] = target.DashboardId, ["attributes"] = recorded },
                    };
                },
            };

        /// <summary>
        /// An update is undone by sending the recorded values back; a creation by deleting the embed; a removal by
        /// creating an embed with the recorded attributes, which Datadog gives a new token and a new credential.
        /// </summary>
        public static RowChange Undo(SecureEmbedClient client, JournalEntry entry, UndoOptions options, Func<SecureEmbed, object> output)
        {
            var parts = entry.Target.Split('/');
            switch (entry.Cmdlet)
            {
                case SetCmdlet:
                    var change = SecureEmbedChange.FromRecorded(parts[0], parts[1], entry.Fields.Select(f => new KeyValuePair<string, JsonNode?>(f.Name, f.BeforeNode)));
                    var undo = Set(client, change, passThru: true);
                    undo.ReadForWhatIf = true;
                    undo.Read = async (context, token) =>
                    {
                        var current = await client.ReadAttributesAsync(change.Target, context, token).ConfigureAwait(false);
                        return ChangeUndo.Plan(entry, name => SecureEmbedFields.At(current, name), options);
                    };
                    return undo;
                case NewCmdlet:
                    return Remove(client, SecureEmbedReference.Create(parts[0], parts.Length > 1 ? parts[1] : null, tokenRequired: true), passThru: true);
                case RemoveCmdlet when (entry.RecordedNode?["attributes"]) is JsonObject attributes:
                    var creation = SecureEmbedCreation.FromRecorded(parts[0], attributes);
                    var again = Create(client, creation, output);
                    again.ConfirmedWarning = $"Secure embed '{parts[1]}' of dashboard '{parts[0]}' is created again with its recorded settings, but Datadog gives it a new token and a new signing credential: pages must use the new embed URL, and the new credential is a new secret to store.";
                    return again;
                default:
                    throw ChangeUndo.NotReversible(entry, "its settings were not recorded.");
            }
        }

        private static string Relative(string path) =>
            path.StartsWith(SecureEmbedFields.AttributesPrefix, StringComparison.Ordinal) ? path.Substring(SecureEmbedFields.AttributesPrefix.Length) : path;

        private static IReadOnlyList<JournalField> Attributes(PartialBody body) =>
            body.Paths.Where(p => p.StartsWith(SecureEmbedFields.AttributesPrefix, StringComparison.Ordinal))
                .Select(p => new JournalField(Relative(p), null, body.Get(p)?.DeepClone())).ToList();
    }
}
