using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;

namespace EmbedAdmin.Core.Requests
{
    /// <summary>
    /// One resource's fields, each declared once (<see cref="FieldSpec"/>), and what is derived from them: which field
    /// a CSV column means, reading the API's JSON into the model, and the flat columns a model exports to.
    /// </summary>
    public sealed class FieldTable
    {
        public FieldTable(string resource, Type model, IReadOnlyList<FieldSpec> fields, IEnumerable<string>? identity = null, IEnumerable<string>? readOnly = null, IEnumerable<string>? inputs = null)
        {
            Resource = resource;
            Model = model;
            Fields = fields;
            Identity = (identity ?? Array.Empty<string>()).ToList();
            ReadOnlyColumns = (readOnly ?? Array.Empty<string>()).ToList();
            Inputs = (inputs ?? Array.Empty<string>()).ToList();
        }

        /// <summary>What the fields belong to, for messages: "embed access".</summary>
        public string Resource { get; }

        /// <summary>The model the fields are read back into.</summary>
        public Type Model { get; }

        public IReadOnlyList<FieldSpec> Fields { get; }

        /// <summary>The columns that name the target of a row (an embed id, a workspace name): parameters, not fields.</summary>
        public IReadOnlyList<string> Identity { get; }

        /// <summary>
        /// Parameters that say where a row's values come from or go (a definition file, a columns CSV, a backup
        /// folder): a row may name them, but they are not fields of the resource.
        /// </summary>
        public IReadOnlyList<string> Inputs { get; }

        /// <summary>
        /// Columns the module's own output carries that describe rather than set (names, dates, the list of
        /// fields sent): an exported file holds them, and importing it again ignores them without a warning.
        /// </summary>
        public IReadOnlyList<string> ReadOnlyColumns { get; }

        /// <summary>The field a column means (parameter, API or legacy name, without regard to case), or null.</summary>
        public FieldSpec? Find(string column) =>
            Fields.FirstOrDefault(f => f.ColumnNames.Any(n => string.Equals(n, column, StringComparison.OrdinalIgnoreCase)));

        /// <summary>
        /// Copies the fields found in an API object onto the model. A field absent under its API name is looked
        /// for under its legacy names, so both generations of a response read the same.
        /// </summary>
        public T ReadInto<T>(T model, JsonObject source)
            where T : class
        {
            foreach (var field in Fields.Where(f => f.Property is not null))
            {
                ReadField(model, field, source);
            }

            return model;
        }

        /// <summary>
        /// The field a key of a JSON object or hashtable in the API's shape means: the API name, a legacy name, the
        /// parameter or the model property, without regard to case. Unlike a CSV column, such a key sits inside
        /// the object it belongs to, so a bare API name is never ambiguous here.
        /// </summary>
        public FieldSpec? FindKey(string key) =>
            Fields.FirstOrDefault(f => new[] { f.ApiName, f.Parameter, f.Property }.Concat(f.LegacyNames).Any(n => string.Equals(n, key, StringComparison.OrdinalIgnoreCase)));

        /// <summary>Whether a key names a read-only column of the model (e.g. a column's datatype): accepted and ignored.</summary>
        public bool IsReadOnly(string key) => ReadOnlyColumns.Any(c => string.Equals(c, key, StringComparison.OrdinalIgnoreCase));

        /// <summary>The model's value of a field.</summary>
        public object? Get(FieldSpec field, object model) => PropertyOf(field).GetValue(model);

        /// <summary>Sets the model's value of a field (null sets a flag to false).</summary>
        public void Set(FieldSpec field, object model, object? value) => PropertyOf(field).SetValue(model, value);

        /// <summary>
        /// The model as the API's JSON object, fields under their API names in table order; unset values are left
        /// out, because the service treats an explicit null as a wrong type.
        /// </summary>
        /// <exception cref="InvalidOperationException">A value the rules should have refused before anything is built.</exception>
        public JsonObject ToJson(object model)
        {
            var json = new JsonObject();
            foreach (var field in Fields.Where(f => f.Property is not null))
            {
                // An empty list is a value here ("relationships": [] removes them all); only null and blank text are unset.
                var cell = field.ToCell(PropertyOf(field).GetValue(model));
                if (cell is null || (cell is string text && string.IsNullOrWhiteSpace(text)))
                {
                    continue;
                }

                var conversion = field.Convert(cell!);
                json[field.ApiName] = conversion.Rule is null
                    ? conversion.Value
                    : throw new InvalidOperationException($"The {Resource} field {field.ApiName} {conversion.Rule}");
            }

            return json;
        }

        /// <summary>
        /// Copies the fields of a whole request or response body onto the model, each found at its full API path
        /// (accessSettings.datamartName, params.allowedEmbeds), a legacy name standing in for the path's last part.
        /// </summary>
        public T ReadBody<T>(T model, JsonObject body)
            where T : class
        {
            foreach (var field in Fields.Where(f => f.Property is not null))
            {
                var parts = field.ApiPath.Split('.');
                var parent = body;
                for (var i = 0; i < parts.Length - 1 && parent is not null; i++)
                {
                    parent = Lookup(parent, parts[i]) as JsonObject;
                }

                if (parent is not null)
                {
                    ReadField(model, field, parent);
                }
            }

            return model;
        }

        /// <summary>The field whose parameter is <paramref name="parameter"/>.</summary>
        public FieldSpec Field(string parameter) =>
            Fields.FirstOrDefault(f => string.Equals(f.Parameter, parameter, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"The {Resource} field table has no parameter {parameter}.", nameof(parameter));

        /// <summary>The value the model holds for a field (as the API would carry it in a body) read back as JSON.</summary>
        public JsonNode? ToNode(FieldSpec field, object model)
        {
            var cell = field.ToCell(PropertyOf(field).GetValue(model));
            return FieldValues.IsUnset(cell) ? null : field.Convert(cell!).Value;
        }

        /// <summary>
        /// The model as flat columns named like the API fields, in table order; each value binds back to the
        /// field's parameter (an unset value is empty, which an import reads as "not set").
        /// </summary>
        public IEnumerable<KeyValuePair<string, object?>> Columns(object model) =>
            Fields.Where(f => f.Property is not null).Select(f => new KeyValuePair<string, object?>(f.ColumnName, f.ToCell(PropertyOf(f).GetValue(model))));

        /// <summary>Sets the model's property from the field's value in the object, under its API name or, failing that, a legacy one.</summary>
        private void ReadField(object model, FieldSpec field, JsonObject parent)
        {
            var node = Lookup(parent, field.ApiName);
            foreach (var legacy in field.LegacyNames)
            {
                node ??= Lookup(parent, legacy);
            }

            if (node is not null)
            {
                PropertyOf(field).SetValue(model, field.Read(node));
            }
        }

        private PropertyInfo PropertyOf(FieldSpec field) =>
            (field.Property is null ? null : Model.GetProperty(field.Property, BindingFlags.Public | BindingFlags.Instance))
            ?? throw new InvalidOperationException($"{Model.Name} has no property {field.Property ?? "(write-only)"} for the field {field.ApiPath}.");

        private static JsonNode? Lookup(JsonObject source, string name) =>
            source.TryGetPropertyValue(name, out var exact) && exact is not null
                ? exact
                : source.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
    }
}
