using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// A cmdlet that takes rows from the pipeline and sends one request per row through the pool: it keeps the
    /// row for error records and replay. A row that changes configuration goes through ProcessChange (the one
    /// journaled row pipeline); only a row that changes none goes through <see cref="ProcessUnjournaledRow"/>.
    /// </summary>
    public abstract class EmbedAdminBulkCmdlet : EmbedAdminApiCmdlet
    {
        /// <summary>Requests in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = BulkOptions.DefaultThrottleLimit;

        /// <summary>The whole pipeline object, kept as the error record's TargetObject so failed rows can be replayed.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected override int RunThrottleLimit => ThrottleLimit;

        protected override object? InputRow => InputObject;

        /// <summary>
        /// The steps of a row that changes no configuration, so nothing is journaled and nothing can be undone: an
        /// export (it writes a local file) or a guest token (a secret, which the journal must never hold). Every
        /// change goes through <see cref="EmbedAdminApiCmdlet.ProcessChange"/> instead. Core validates (a broken rule
        /// is reported in the row's place and nothing is sent), ShouldProcess asks on the pipeline thread, then the
        /// request joins the pool; a declined row is counted as skipped.
        /// </summary>
        /// <param name="row">The input row, for error records.</param>
        /// <param name="key">What names the row in messages and in LastBulkRun when validation fails.</param>
        /// <param name="create">Builds the validated request; throws EmbedAdminValidationException.</param>
        /// <param name="describe">The request's key, ShouldProcess target and action text.</param>
        /// <param name="send">Sends it on a worker thread; returns the object to write, or null.</param>
        protected void ProcessUnjournaledRow<TRequest>(
            object? row,
            string key,
            Func<TRequest> create,
            Func<TRequest, RowDescription> describe,
            Func<TRequest, RequestContext, CancellationToken, Task<object?>> send)
        {
            TRequest request;
            try
            {
                request = create();
            }
            catch (EmbedAdminValidationException exception)
            {
                Reject(row, key, exception);
                return;
            }

            var description = describe(request);
            if (!ShouldProcess(description.Target, description.Action))
            {
                Pump(Runner.Settle(row, description.Key, RowResult.Skipped()));
                return;
            }

            var context = Runner.Context;
            Pump(Runner.Submit(row, description.Key, async cancellationToken =>
            {
                var output = await send(request, context, cancellationToken).ConfigureAwait(false);
                return output is null ? Array.Empty<object>() : new[] { output };
            }));
        }

        /// <summary>The trimmed id, or a MissingEmbedId-style validation error naming the parameter and what it is for.</summary>
        protected static string RequiredId(string? value, string parameter, string purpose)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                var api = char.ToLowerInvariant(parameter[0]) + parameter.Substring(1);
                throw new EmbedAdminValidationException(ErrorIds.Missing(parameter), $"{parameter} ({api})", "is required: " + purpose + ".");
            }

            return value!.Trim();
        }

        /// <summary>"(no EmbedId)" for a row whose identifying column is empty, else the trimmed value.</summary>
        protected static string KeyOf(string? value, string parameter) =>
            string.IsNullOrWhiteSpace(value) ? $"(no {parameter})" : value!.Trim();
    }

    /// <summary>How an unjournaled row is named: its key for summaries, and ShouldProcess's target and action.</summary>
    public sealed class RowDescription
    {
        public RowDescription(string key, string target, string action)
        {
            Key = key;
            Target = target;
            Action = action;
        }

        public string Key { get; }

        public string Target { get; }

        public string Action { get; }
    }
}
