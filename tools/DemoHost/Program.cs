using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using EmbedAdmin.Core.Bulk;
using EmbedAdmin.Core.DataBrain;
using EmbedAdmin.Core.Errors;
using EmbedAdmin.Core.Models;
using EmbedAdmin.Core.Sessions;

namespace EmbedAdmin.DemoHost
{
    /// <summary>
    /// Runs examples/*.csv through EmbedAdmin.Core's bulk engine, as Set-EmbedAccess does, for machines that
    /// have no pwsh. Columns bind the way PowerShell binds them to Set-EmbedAccess: by parameter name or by
    /// the API field name, without regard to case; other columns are ignored.
    /// </summary>
    internal static class Program
    {
        // The emulator's public development key (src/EmbedAdmin.Emulator/README.md).
        private const string EmulatorDataAppKey = "dbn_live_emu_demoapp_7Q2x9LkP4vW8";

        private static int Main(string[] args)
        {
            if (args.Length < 2)
            {
                Console.Error.WriteLine("usage: DemoHost <base-uri> <file.csv>...");
                return 2;
            }

            using var session = EmbedAdminSession.Create(
                new SessionSettings { DataBrainUri = new Uri(args[0]), DataBrainApiKey = Secure(EmulatorDataAppKey) },
                _ => null);
            Console.WriteLine(session);
            var failures = 0;
            foreach (var path in args.Skip(1))
            {
                Console.WriteLine();
                Console.WriteLine("== " + Path.GetFileName(path));
                failures += Run(session, path);
            }

            return failures == 0 ? 0 : 1;
        }

        private static int Run(EmbedAdminSession session, string path)
        {
            var client = new DataBrainClient(session);
            using var runner = new BulkRunner(
                new BulkOptions { Operation = "Set-EmbedAccess", ThrottleLimit = 4, RateLimitGate = session.GateFor(ApiService.DataBrain) },
                CancellationToken.None);
            var events = new List<BulkEvent>();
            foreach (var row in Csv.Read(path))
            {
                var embedId = row.TryGetValue("EmbedId", out var id) ? id : null;
                try
                {
                    var change = EmbedAccessChange.Create(embedId, Bind(row));
                    events.AddRange(runner.Submit(row, change.EmbedId, async token => new object[] { await client.UpdateEmbedAccessAsync(change, runner.Context, token) }));
                }
                catch (EmbedAdminValidationException exception)
                {
                    events.AddRange(runner.Reject(row, embedId ?? "(no EmbedId)", exception));
                }
            }

            events.AddRange(runner.Complete());
            Console.WriteLine($"{"EmbedId",-22} {"Result",-22} Detail");
            foreach (var item in events)
            {
                switch (item)
                {
                    case RowSucceeded ok:
                        var access = (EmbedAccess)ok.Outputs[0];
                        Console.WriteLine($"{access.EmbedId,-22} {"updated",-22} {string.Join(", ", access.UpdatedFields)}");
                        break;
                    case RowFailed failed:
                        Console.WriteLine($"{failed.Target,-22} {failed.Classification.ErrorId,-22} {failed.Error.Message}");
                        break;
                }
            }

            Console.WriteLine(runner.Summary);
            return runner.Summary!.Failed.Count;
        }

        private static Dictionary<string, object?> Bind(Dictionary<string, string> row)
        {
            var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in EmbedAccessChange.Fields)
            {
                var column = row.Keys.FirstOrDefault(k =>
                    string.Equals(k, field.Parameter, StringComparison.OrdinalIgnoreCase) || string.Equals(k, field.ApiName, StringComparison.OrdinalIgnoreCase));
                if (column is not null)
                {
                    values[field.Parameter] = row[column];
                }
            }

            return values;
        }

        private static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (var c in text)
            {
                secure.AppendChar(c);
            }

            return secure;
        }
    }
}
