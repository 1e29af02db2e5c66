using System.Net.Http;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Core.Http
{
    /// <summary>What the handlers need to know about a request, carried on the request message itself.</summary>
    internal sealed class RequestProperties
    {
        private const string Key = "EmbedAdmin.Request";

        public RequestProperties(ApiService service, AuthKind auth, bool idempotent, RequestContext context)
        {
            Service = service;
            Auth = auth;
            Idempotent = idempotent;
            Context = context;
        }

        public ApiService Service { get; }

        public AuthKind Auth { get; }

        public bool Idempotent { get; }

        public RequestContext Context { get; }

        /// <summary>
        /// Set when an earlier attempt got no answer (timeout, dropped connection): the server may have carried it
        /// out, so a "not found" from a repeated DELETE can mean "already done".
        /// </summary>
        public bool EarlierAttemptUnanswered { get; set; }

        // HttpRequestMessage.Properties is the netstandard2.0 spelling; on .NET 5+ it is backed by Options.
#pragma warning disable CS0618
        public void AttachTo(HttpRequestMessage request) => request.Properties[Key] = this;

        public static RequestProperties From(HttpRequestMessage request) =>
            request.Properties.TryGetValue(Key, out var value) && value is RequestProperties properties
                ? properties
                : new RequestProperties(ApiService.DataBrain, AuthKind.None, IsIdempotentMethod(request.Method), RequestContext.Silent());
#pragma warning restore CS0618

        public static bool IsIdempotentMethod(HttpMethod method) =>
            method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Delete
            || method == HttpMethod.Head || method == HttpMethod.Options;
    }
}
