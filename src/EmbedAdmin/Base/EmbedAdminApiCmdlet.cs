using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.Changes;
using EmbedAdmin.Core.DataBrain.Datamarts;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Requests;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.Base
{
    /// <summary>
    /// What every API cmdlet shares: -Session with the connected session as default, cancellation on Ctrl+C,
    /// the pump that writes the bulk runner's events on the pipeline thread, and the one row pipeline of every
    /// change: bind and validate (the cmdlet) -> read the target where needed -> ShouldProcess -> send and
    /// journal (Core, on a worker) -> one outcome per row in LastBulkRun -> write.
    /// </summary>
    public abstract class EmbedAdminApiCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource stopping = new();
        private EmbedAdminSession? activeSession;
        private BulkRunner? runner;
        private ChangeRecorder? recorder;

        /// <summary>The session to use; by default the one Connect-EmbedAdmin made.</summary>
        [Parameter]
        public EmbedAdminSession? Session { get; set; }

        protected EmbedAdminSession ActiveSession =>
            activeSession ?? throw new InvalidOperationException("BeginProcessing has not resolved the session.");

        /// <summary>The run every row of this invocation goes through; created on first use.</summary>
        protected BulkRunner Runner => runner ??= new BulkRunner(
            new BulkOptions
            {
                Operation = MyInvocation.MyCommand.Name,
                ThrottleLimit = RunThrottleLimit,
                VerboseEnabled = this.WantsVerbose(),
                DebugEnabled = this.WantsDebug(),
                RateLimitGate = ActiveSession.GateFor(RunService),
            },
            stopping.Token);

        /// <summary>Journals this invocation's changes under the run's id.</summary>
        private ChangeRecorder Recorder => recorder ??= new ChangeRecorder(ActiveSession, Runner.RunId, MyInvocation.MyCommand.Name);

        /// <summary>Requests in flight at once for this cmdlet; bulk cmdlets return their -ThrottleLimit.</summary>
        protected virtual int RunThrottleLimit => 1;

        /// <summary>The service whose rate-limit pauses are reported in the run summary.</summary>
        protected virtual ApiService RunService => ApiService.DataBrain;

        /// <summary>The input row, for error records and replay; bound whole from the pipeline.</summary>
        protected abstract object? InputRow { get; }

        protected override void BeginProcessing()
        {
            // Before the first pipeline object is bound, the bound parameters are exactly the command line's.
            givenOnCommandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            activeSession = Session ?? SessionStore.Current;
            if (activeSession is null || activeSession.IsDisposed)
            {
                ThrowTerminatingError(ErrorRecords.Create(new InvalidOperationException("There is no EmbedAdmin session. Run Connect-EmbedAdmin first, or pass -Session."), ErrorIds.NoSession, null));
            }
        }

        protected override void EndProcessing()
        {
            if (runner is not null)
            {
                Pump(runner.Complete());
                RecordRun(runner.Summary!);
            }
        }

        protected override void StopProcessing() => stopping.Cancel();

        public void Dispose()
        {
            if (runner is not null)
            {
                runner.Dispose();
                if (runner.Summary is not null)
                {
                    RecordRun(runner.Summary);
                }
            }

            stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>
        /// Keeps the run on the session as LastBulkRun, for cmdlets that change something: a Get-* run afterwards
        /// must not replace the outcome of the edit that was stopped with Ctrl+C.
        /// </summary>
        private void RecordRun(BulkRunSummary summary)
        {
            var changes = GetType().GetCustomAttributes(typeof(CmdletAttribute), inherit: true).OfType<CmdletAttribute>().Any(a => a.SupportsShouldProcess);
            if (changes && activeSession is not null)
            {
                activeSession.RecordRun(summary);
            }
        }

        /// <summary>Writes one result of a row; runs on the pipeline thread, so it may also call ShouldProcess.</summary>
        protected virtual void WriteRowOutput(object output)
        {
            if (output is PlannedChange planned)
            {
                // A -WhatIf plan read in the pool: the field diff is what ShouldProcess shows.
                var text = $"{planned.Change.PlanTitle ?? planned.Change.Action + " on " + planned.Change.ShouldProcessTarget}:{Environment.NewLine}{planned.Plan.Describe()}";
                ShouldProcess(text, text, MyInvocation.MyCommand.Name);
                return;
            }

            WriteObject(output);
        }

        /// <summary>Events on their way to Write*, for a cmdlet that must act on a row's result on the pipeline thread first.</summary>
        protected virtual IEnumerable<BulkEvent> Intercept(IEnumerable<BulkEvent> events) => events;

        /// <summary>Runs one row's change through the row pipeline; <paramref name="create"/> binds and validates.</summary>
        protected void ProcessChange(object? row, string key, Func<RowChange> create) => ProcessChanges(row, key, () => new[] { create() });

        /// <summary>The same, for a row that names several targets (a columns CSV of several datamarts).</summary>
        protected void ProcessChanges(object? row, string key, Func<IEnumerable<RowChange>> create)
        {
            List<RowChange> changes;
            try
            {
                changes = create().ToList();
            }
            catch (EmbedAdminValidationException exception)
            {
                Reject(row, key, exception);
                return;
            }

            foreach (var change in changes)
            {
                ProcessOne(row, change);
            }
        }

        private void ProcessOne(object? row, RowChange change)
        {
            ChangePlan? plan = null;
            if (change.PlanBeforeAsking && change.Read is not null)
            {
                plan = ReadNow(row, change);
                if (plan is null)
                {
                    return;
                }

                foreach (var warning in plan.Warnings)
                {
                    WriteWarning(warning);
                }

                if (!plan.HasChanges)
                {
                    if (IsWhatIf && plan.Unchanged.Count > 0)
                    {
                        // Under -WhatIf an unchanged target is said, as a changed one is: a silent row would look skipped.
                        var text = $"{change.Action}:{Environment.NewLine}{string.Join(Environment.NewLine, plan.Unchanged.Select(line => "  " + line))}";
                        ShouldProcess(text, text, MyInvocation.MyCommand.Name);
                    }

                    this.WriteVerboseIfWanted($"{MyInvocation.MyCommand.Name}: {change.ShouldProcessTarget} already has this; nothing to send.");
                    Pump(Runner.Settle(row, change.Target, RowResult.Unchanged()));
                    return;
                }
            }
            else if (change.Read is not null && change.ReadForWhatIf && IsWhatIf)
            {
                var read = change.Read;
                var readContext = Runner.Context;
                Pump(Runner.Submit(row, change.Target, async token => RowResult.Skipped(new object[] { new PlannedChange(change, await read(readContext, token).ConfigureAwait(false)) })));
                return;
            }

            if (!Confirm(change, plan))
            {
                Pump(Runner.Settle(row, change.Target, RowResult.Skipped()));
                return;
            }

            if (change.ConfirmedWarning is not null)
            {
                WriteWarning(change.ConfirmedWarning);
            }

            if (change.ConfirmedNote is not null)
            {
                this.WriteVerboseIfWanted(change.ConfirmedNote);
            }

            var context = Runner.Context;
            var changes = Recorder;
            Pump(Runner.Submit(row, change.Target, token => changes.ApplyAsync(change, plan, context, token)));
        }

        private bool Confirm(RowChange change, ChangePlan? plan)
        {
            if (change.Prompt is null)
            {
                return ShouldProcess(change.ShouldProcessTarget, change.Action);
            }

            var prompt = change.Prompt(plan);
            return ShouldProcess(prompt.Description, prompt.Warning, prompt.Caption);
        }

        /// <summary>A read whose result the prompt itself shows, so it is awaited here, one row at a time.</summary>
        private ChangePlan? ReadNow(object? row, RowChange change)
        {
            try
            {
                return change.Read!(Runner.Context, Runner.CancellationToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (Runner.CancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception exception) when (exception is EmbedAdminApiException or EmbedAdminCredentialException or EmbedAdminValidationException)
            {
                Reject(row, change.Target, exception);
                return null;
            }
        }

        /// <summary>True under -WhatIf (or $WhatIfPreference), when a cmdlet may read to show a plan but must change nothing.</summary>
        protected bool IsWhatIf =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound) && bound is SwitchParameter flag
                ? flag.IsPresent
                : GetVariableValue("WhatIfPreference") is bool preference ? preference : GetVariableValue("WhatIfPreference") is SwitchParameter s && s.IsPresent;

        /// <summary>The row for error records: the pipeline object, else what the command line gave.</summary>
        protected object? RowOr(object? fallback) => InputRow ?? fallback;

        /// <summary>The current row's column names when it came from outside the module (a CSV row); null otherwise.</summary>
        protected IEnumerable<string>? ForeignRowColumns => ForeignRow?.Keys;

        /// <summary>The current row's cells by column when it came from outside the module (a CSV row); null otherwise.</summary>
        private IReadOnlyDictionary<string, object?>? ForeignRow =>
            InputRow is PSObject { BaseObject: PSCustomObject } && PSValues.Unwrap(InputRow) is IReadOnlyDictionary<string, object?> columns ? columns : null;

        /// <summary>
        /// The given fields' values for the current pipeline object (Core decides what "set" means). Read from the
        /// parameter properties, never from MyInvocation.BoundParameters, which keeps the previous object's value
        /// for a column the current object lacks (see ParameterValues).
        /// </summary>
        protected IReadOnlyDictionary<string, object?> BoundValues(IEnumerable<FieldSpec> fields) => ParameterValues.Of(this, fields);

        /// <summary>
        /// Columns the module's own output carries that describe rather than set (names, dates): a file exported
        /// from it holds them, and applying the file again ignores them without a warning.
        /// </summary>
        protected virtual IEnumerable<string> ReadOnlyColumns => Array.Empty<string>();

        /// <summary>Columns the cmdlet reads itself rather than through a parameter (tv_&lt;name&gt; on secure embeds).</summary>
        protected virtual bool ReadsColumn(string column) => false;

        /// <summary>
        /// Checks the current row's columns against what this command binds, before any value is read from it
        /// (Core's RowColumns has the rules): a near-miss or a conflict throws, so the row is refused and nothing is
        /// sent; columns that bind to nothing are named in one warning per run. Only rows from outside the module
        /// are checked: the module's own objects (piped Get-Embed output) carry read-only properties by design.
        /// </summary>
        /// <exception cref="EmbedAdminValidationException">The row's columns break a rule.</exception>
        internal void CheckRowColumns()
        {
            if (ForeignRow is not { } columns)
            {
                return;
            }

            columnTargets ??= MyInvocation.MyCommand.Parameters.Values
                .Where(p => p.ParameterSets.Values.Any(set => set.ValueFromPipelineByPropertyName))
                .Select(p => new ColumnTarget(p.Name, p.Aliases))
                .ToList();
            var ignored = MyInvocation.BoundParameters.TryGetValue("IgnoreColumn", out var names) && names is string[] list ? list : Array.Empty<string>();
            var readOnly = ReadOnlyColumns.ToList();
            var report = RowColumns.Check(
                columns,
                columnTargets,
                column => ReadsColumn(column)
                    || ignored.Any(i => string.Equals(i?.Trim(), column, StringComparison.OrdinalIgnoreCase))
                    || readOnly.Contains(column, StringComparer.OrdinalIgnoreCase));
            var fresh = report.Unbound.Where(warnedColumns.Add).ToList();
            if (fresh.Count > 0)
            {
                WriteNotice($"These input columns set nothing and are ignored: {string.Join(", ", fresh)}. " +
                    $"To silence this, pass -IgnoreColumn {string.Join(",", fresh.Select(c => "'" + c + "'"))}.");
            }

            if (report.Problems.Count > 0)
            {
                throw new EmbedAdminValidationException(report.Problems);
            }
        }

        /// <summary>
        /// True for update cmdlets: an object of the module's own piped in (Get-Embed or Get-SecureEmbed output)
        /// names what to change, but its other properties are its current state, which PowerShell would also bind
        /// by name. Sending them back would not be "only what was given" and could undo someone else's change, so
        /// from such an object only the command line's values count. A CSV row is different: its cells are what
        /// the person wants set.
        /// </summary>
        protected virtual bool ModuleObjectNamesTargetOnly => false;

        /// <summary>Whether the current row's value of a parameter is to be used (see <see cref="ModuleObjectNamesTargetOnly"/>).</summary>
        internal bool ValueCounts(string parameter) =>
            !ModuleObjectNamesTargetOnly
            || !(InputRow is PSObject { BaseObject: { } row } && row.GetType().Namespace == typeof(Core.Models.Embed).Namespace)
            || givenOnCommandLine.Contains(parameter);

        /// <summary>
        /// A warning that never turns into a prompt: with -Debug (and no -WarningAction) PowerShell raises a compiled
        /// cmdlet's WarningPreference to Inquire, which fails a non-interactive runbook, so the text goes to the
        /// debug stream the caller asked for instead.
        /// </summary>
        private void WriteNotice(string text)
        {
            if (MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && debug is SwitchParameter { IsPresent: true }
                && !MyInvocation.BoundParameters.ContainsKey("WarningAction"))
            {
                WriteDebug("WARNING: " + text);
                return;
            }

            WriteWarning(text);
        }

        private HashSet<string> givenOnCommandLine = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> warnedColumns = new(StringComparer.OrdinalIgnoreCase);
        private List<ColumnTarget>? columnTargets;

        /// <summary>Reports a row rejected before sending, keeping output order.</summary>
        protected void Reject(object? row, string target, Exception error) => Pump(Runner.Reject(row, target, error));

        /// <summary>Writes the runner's events; the only place Write* meets the bulk engine.</summary>
        protected void Pump(IEnumerable<BulkEvent> events)
        {
            try
            {
                foreach (var item in Intercept(events))
                {
                    switch (item)
                    {
                        case RowSucceeded success:
                            foreach (var output in success.Outputs)
                            {
                                WriteRowOutput(output);
                            }

                            break;
                        case RowFailed { Error: DatamartChangeFailedException failed } failure:
                            // Classified as the real failure, with the backup named as the next step.
                            var cause = ErrorClassifier.Classify(failed.InnerException!);
                            WriteError(ErrorRecords.ForRow(failed, new ErrorClassification(cause.ErrorId, cause.Category, failed.RecommendedAction), failure.Row ?? failure.Target));
                            break;
                        case RowFailed failure:
                            WriteError(ErrorRecords.ForRow(failure.Error, failure.Classification, failure.Row ?? failure.Target));
                            break;
                        case LogMessage message:
                            WriteLog(message);
                            break;
                        case ProgressUpdate progress:
                            WriteRunProgress(progress);
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        private void WriteLog(LogMessage message)
        {
            switch (message.Level)
            {
                case LogLevel.Debug:
                    WriteDebug(message.Text);
                    break;
                case LogLevel.Warning:
                    WriteWarning(message.Text);
                    break;
                default:
                    this.WriteVerboseIfWanted(message.Text);
                    break;
            }
        }

        private void WriteRunProgress(ProgressUpdate progress)
        {
            var record = new ProgressRecord(ProgressActivityId, MyInvocation.MyCommand.Name, progress.Status)
            {
                PercentComplete = progress.PercentComplete,
                RecordType = progress.Finished ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            WriteProgress(record);
        }

        private const int ProgressActivityId = 0x0E3BAD;

        /// <summary>A row's -WhatIf plan on its way from the pool to ShouldProcess.</summary>
        private sealed class PlannedChange
        {
            public PlannedChange(RowChange change, ChangePlan plan)
            {
                Change = change;
                Plan = plan;
            }

            public RowChange Change { get; }

            public ChangePlan Plan { get; }
        }
    }
}
