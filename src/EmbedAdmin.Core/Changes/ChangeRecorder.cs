using System;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Http;
using EmbedAdmin.Core.Journal;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Core.Changes
{
    /// <summary>
    /// The worker half of the row pipeline for one run: read the target (unless already planned), skip the send
    /// when nothing would change, send, and journal the change before its outcome is reported, so a row
    /// reported done is always in the journal.
    /// </summary>
    public sealed class ChangeRecorder
    {
        private readonly EmbedAdminSession session;
        private readonly string cmdlet;
        private readonly IClock clock;

        public ChangeRecorder(EmbedAdminSession session, string runId, string cmdlet, IClock? clock = null)
        {
            this.session = session;
            RunId = runId;
            this.cmdlet = cmdlet;
            this.clock = clock ?? SystemClock.Instance;
        }

        public string RunId { get; }

        /// <summary>The row's work: the plan if one was made on the pipeline thread, else the read happens here (unless only a journal would use it).</summary>
        public async Task<RowResult> ApplyAsync(RowChange change, ChangePlan? plan, RequestContext runContext, CancellationToken cancellationToken)
        {
            if (plan is null && change.Read is not null && !(change.ReadOnlyForJournal && session.Journal is null))
            {
                plan = await change.Read(runContext, cancellationToken).ConfigureAwait(false);
            }

            if (plan is not null && !plan.HasChanges)
            {
                if (runContext.Log.VerboseEnabled)
                {
                    runContext.Log.Verbose($"{change.Cmdlet ?? cmdlet}: '{change.Target}' already has these values; nothing sent.");
                }

                return RowResult.Unchanged();
            }

            var context = runContext.ForRow();
            ChangeResult result;
            try
            {
                result = await change.Send(plan, context, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Record(change, plan, null, JournalEntry.Interrupted, null, context.LastRequestId);
                throw;
            }
            catch (Exception exception)
            {
                var api = exception as EmbedAdminApiException ?? exception.InnerException as EmbedAdminApiException;
                Record(change, plan, null, JournalEntry.Failed, ErrorClassifier.Classify(exception).ErrorId, api?.RequestId ?? context.LastRequestId);
                throw;
            }

            Record(change, plan, result, JournalEntry.Succeeded, null, context.LastRequestId);
            return RowResult.Changed(result.Output is null ? null : new[] { result.Output });
        }

        private void Record(RowChange change, ChangePlan? plan, ChangeResult? result, string outcome, string? errorId, string? requestId)
        {
            var journal = session.Journal;
            if (journal is null)
            {
                return;
            }

            journal.Append(new JournalEntry
            {
                RunId = RunId,
                Time = clock.UtcNow,
                User = Environment.UserName,
                Host = Environment.MachineName,
                Cmdlet = change.Cmdlet ?? cmdlet,
                Service = change.Service.ToString(),
                BaseUri = session.BaseUriFor(change.Service).ToString(),
                Operation = change.Operation.ToString(),
                Target = result?.Target ?? change.Target,
                Fields = result?.Fields ?? plan?.Fields ?? change.Fields,
                Outcome = outcome,
                ErrorId = errorId,
                RequestId = requestId,
                BackupFile = result?.BackupFile,
                RecordedNode = result?.Recorded ?? change.Recorded,
                UndoOf = change.UndoOf,
            });
        }
    }
}
