using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Json;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Core.DataBrain.Datasources
{
    public enum DatasourceOperation
    {
        Create,
        Update,
    }

    /// <summary>
    /// A validated create (POST) or update (PUT) of a datasource. Both send {datasourceType, credentials{name, …},
    /// tenancySettings?}; the update "needs the full credential set" (docs.usedatabrain.com/api-reference/
    /// update-datasource: partial updates are not supported), so a set without the user, the secret or one of
    /// the type's connection fields is refused here, before anything is sent.
    /// </summary>
    public sealed class DatasourceChange
    {
        /// <summary>The fields besides the name and the credential, named as the cmdlets' parameters.</summary>
        public static IReadOnlyList<FieldSpec> Fields { get; } = new[]
        {
            FieldSpec.Choice("DatasourceType", "datasourceType", DatasourceTypes.Names.ToArray()),
            FieldSpec.Custom("Connection", "credentials", value => NodeValues.Object(value, "the connection fields (host, port, database, …)")),
            FieldSpec.Custom("TenancySettings", "tenancySettings", value => NodeValues.Object(value, "tenancy settings")),
        };

        private readonly string secret;

        private DatasourceChange(DatasourceOperation operation, string name, DatasourceType type, string userName, string secret, JsonObject connection, JsonObject? tenancy)
        {
            Operation = operation;
            Name = name;
            Type = type;
            UserName = userName;
            this.secret = secret;
            Connection = connection;
            TenancySettings = tenancy;
        }

        public DatasourceOperation Operation { get; }

        public string Name { get; }

        public DatasourceType Type { get; }

        public string UserName { get; }

        /// <summary>The connection fields other than name, user and secret.</summary>
        public JsonObject Connection { get; }

        public JsonObject? TenancySettings { get; }

        /// <summary>The secret, for the session's redactor only: it must be masked wherever the module prints text.</summary>
        internal string Secret => secret;

        /// <param name="values">Bound values of <see cref="Fields"/> by parameter name; empty ones count as not set.</param>
        /// <param name="userName">The PSCredential's user name; null when no credential was given.</param>
        /// <param name="password">The PSCredential's password.</param>
        /// <exception cref="EmbedAdminValidationException">A rule is broken; nothing may be sent.</exception>
        public static DatasourceChange Create(DatasourceOperation operation, string? name, IReadOnlyDictionary<string, object?> values, string? userName, SecureString? password)
        {
            var problems = new List<ValidationProblem>();
            if (FieldValues.IsUnset(name))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingDatasourceName, "Name (credentials.name)", operation == DatasourceOperation.Update
                    ? "is required: the exact (case-sensitive) name of the datasource to update."
                    : "is required: the name of the new datasource."));
            }

            var body = new PartialBody();
            PartialUpdate.Apply(Fields, values, body, problems);
            var typeName = body.Get("datasourceType") is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
            var type = DatasourceTypes.Find(typeName);
            if (type is null && !problems.Any(p => p.ErrorId == ErrorIds.InvalidDatasourceType))
            {
                problems.Add(new ValidationProblem(ErrorIds.MissingDatasourceType, "DatasourceType (datasourceType)", "is required: one of " + string.Join(", ", DatasourceTypes.Names) + "."));
            }

            var connection = body.Get("credentials") as JsonObject ?? new JsonObject();
            var secretText = Reveal(password);
            if (type is not null)
            {
                CheckConnection(operation, type, connection, userName, secretText, problems);
            }

            if (problems.Count > 0)
            {
                throw new EmbedAdminValidationException(problems);
            }

            var trimmed = new JsonObject();
            foreach (var pair in connection)
            {
                trimmed[pair.Key.Trim()] = pair.Value is JsonValue v && v.TryGetValue<string>(out var text) ? JsonValue.Create(text.Trim()) : pair.Value?.DeepClone();
            }

            return new DatasourceChange(operation, name!.Trim(), type!, userName!.Trim(), secretText!, trimmed, body.Get("tenancySettings")?.DeepClone() as JsonObject);
        }

        /// <summary>The request body, secret included: built only to be sent.</summary>
        public byte[] ToUtf8Json()
        {
            var credentials = new JsonObject { ["name"] = Name, [Type.UserField] = UserName, [Type.SecretField] = secret };
            foreach (var pair in Connection)
            {
                credentials[pair.Key] = pair.Value?.DeepClone();
            }

            var body = new JsonObject { ["datasourceType"] = Type.Name, ["credentials"] = credentials };
            if (TenancySettings is not null)
            {
                body["tenancySettings"] = TenancySettings.DeepClone();
            }

            return JsonSerializer.SerializeToUtf8Bytes(body, EmbedAdminJson.Options);
        }

        /// <summary>"postgres; username = reader, password = ****, host = db, port = 5432": what ShouldProcess shows, the secret masked.</summary>
        public string Describe()
        {
            var parts = new List<string> { $"{Type.UserField} = {UserName}", $"{Type.SecretField} = ****" };
            parts.AddRange(Connection.Select(p => p.Key + " = " + p.Value?.ToJsonString(EmbedAdminJson.Options).Trim('"')));
            if (TenancySettings is not null)
            {
                parts.Add("tenancySettings = " + TenancySettings.ToJsonString(EmbedAdminJson.Options));
            }

            return Type.Name + "; " + string.Join(", ", parts);
        }

        public Datasource ToDatasource(string name) => new()
        {
            Name = name,
            DatasourceType = Type.Name,
            UserName = UserName,
            Connection = Connection.ToDictionary(p => p.Key, p => (object?)(p.Value is JsonValue v ? v.ToString() : p.Value?.ToJsonString())),
            HasTenancySettings = TenancySettings is not null,
        };

        private static void CheckConnection(DatasourceOperation operation, DatasourceType type, JsonObject connection, string? userName, string? secret, List<ValidationProblem> problems)
        {
            // A secret typed into the hashtable would be echoed by -WhatIf, -Debug and the object written; it
            // belongs in the PSCredential, which is never shown.
            foreach (var key in connection.Select(p => p.Key.Trim()))
            {
                if (string.Equals(key, type.SecretField, StringComparison.OrdinalIgnoreCase) || Http.Redactor.IsSecretProperty(key))
                {
                    problems.Add(new ValidationProblem(ErrorIds.SecretInConnection, $"Connection (credentials.{key})", $"holds a secret; give it as the password of -Credential instead, so it is never shown."));
                }
                else if (string.Equals(key, type.UserField, StringComparison.OrdinalIgnoreCase) || string.Equals(key, "name", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new ValidationProblem(ErrorIds.DuplicateConnectionField, $"Connection (credentials.{key})", key == "name"
                        ? "comes from -Name; leave it out of -Connection."
                        : $"comes from the user name of -Credential; leave it out of -Connection."));
                }
                else if (connection[key] is not JsonValue value || value.GetValueKind() is JsonValueKind.Null || (value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Trim().Length == 0))
                {
                    problems.Add(new ValidationProblem(ErrorIds.InvalidConnection, $"Connection (credentials.{key})", "must be a text, number or true/false value, not empty."));
                }
            }

            var missing = new List<string>();
            if (string.IsNullOrWhiteSpace(userName))
            {
                missing.Add($"{type.UserField} (the user name of -Credential)");
            }

            if (string.IsNullOrEmpty(secret))
            {
                missing.Add($"{type.SecretField} (the password of -Credential)");
            }

            missing.AddRange(type.RequiredFields.Where(f => !connection.Any(p => string.Equals(p.Key.Trim(), f, StringComparison.OrdinalIgnoreCase))).Select(f => f + " (in -Connection)"));
            if (missing.Count > 0)
            {
                problems.Add(operation == DatasourceOperation.Update
                    ? new ValidationProblem(ErrorIds.PartialCredentialSet, "Credential, Connection (credentials)", $"is incomplete: DataBrain updates a datasource only with the full credential set of a {type.Name} datasource (partial updates are not supported); missing {string.Join(", ", missing)}.")
                    : new ValidationProblem(ErrorIds.MissingConnectionField, "Credential, Connection (credentials)", $"is incomplete for a {type.Name} datasource; missing {string.Join(", ", missing)}."));
            }
        }

        private static string? Reveal(SecureString? secure)
        {
            if (secure is null || secure.Length == 0)
            {
                return null;
            }

            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(pointer);
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }
    }
}
