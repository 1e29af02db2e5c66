using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Core.Http
{
    /// <summary>A call to one endpoint: which service, which credential, method, path, query and body.</summary>
    public sealed class ApiRequest
    {
        private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
        private readonly List<KeyValuePair<string, string>> query = new();
        private Func<HttpContent>? contentFactory;

        public ApiRequest(ApiService service, AuthKind auth, HttpMethod method, string relativePath)
        {
            Service = service;
            Auth = auth;
            Method = method;
            RelativePath = relativePath.TrimStart('/');
            Idempotent = RequestProperties.IsIdempotentMethod(method);
        }

        public ApiService Service { get; }

        public AuthKind Auth { get; }

        public HttpMethod Method { get; }

        public string RelativePath { get; }

        /// <summary>Whether a 5xx or a lost connection may be retried: by default, true for GET, PUT and DELETE.</summary>
        public bool Idempotent { get; set; }

        public IReadOnlyList<KeyValuePair<string, string>> Query => query;

        public ApiRequest WithQuery(string name, string? value)
        {
            if (value is not null)
            {
                query.Add(new KeyValuePair<string, string>(name, value));
            }

            return this;
        }

        public ApiRequest WithJson(byte[] utf8Json)
        {
            contentFactory = () =>
            {
                var content = new ByteArrayContent(utf8Json);
                content.Headers.ContentType = JsonMediaType;
                return content;
            };
            return this;
        }

        public ApiRequest WithContent(Func<HttpContent> factory)
        {
            contentFactory = factory;
            return this;
        }

        internal HttpContent? CreateContent() => contentFactory?.Invoke();

        /// <summary>
        /// The base URI's path followed by the relative path, joined as text: new Uri(base, relative) would resolve
        /// dot-segments and could turn an id into another route. Anything the parser still changes in the path
        /// (it removes dot-segments from absolute URIs too) refuses the request before it is sent.
        /// </summary>
        /// <exception cref="EmbedAdminValidationException">InvalidIdentifier: the path would not reach the route as built.</exception>
        internal Uri BuildUri(Uri baseUri)
        {
            var root = baseUri.GetLeftPart(UriPartial.Path);
            if (!root.EndsWith("/", StringComparison.Ordinal))
            {
                root += "/";
            }

            var text = new StringBuilder(root).Append(RelativePath);
            for (var i = 0; i < query.Count; i++)
            {
                text.Append(i == 0 ? '?' : '&')
                    .Append(Uri.EscapeDataString(query[i].Key))
                    .Append('=')
                    .Append(Uri.EscapeDataString(query[i].Value));
            }

            var expectedPath = new Uri(root).AbsolutePath + RelativePath;
            if (!Uri.TryCreate(text.ToString(), UriKind.Absolute, out var uri) || !string.Equals(uri.AbsolutePath, expectedPath, StringComparison.Ordinal))
            {
                throw new EmbedAdminValidationException(
                    PathSegment.InvalidIdentifierId,
                    "RequestUri",
                    $"'{RelativePath}' would not reach its route as written (a dot-segment or an unescaped character changes the path); nothing was sent.");
            }

            return uri;
        }
    }
}
