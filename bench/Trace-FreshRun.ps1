#Requires -Version 7.2
<#
.SYNOPSIS
    Shows where a fresh process's first bulk run spends its time: the figures docs/performance.md quotes for L5.
.DESCRIPTION
    Against one emulator on 127.0.0.1 at 50 ms latency (warmed first, as the L5 benchmark's loop runs warm it):
      1. A bare HttpClient in a fresh pwsh: its first three requests, each timed alone.
      2. Set-EmbedAccess, 400 rows at -ThrottleLimit 16 with -NoJournal, twice in one fresh pwsh. An event listener
         on System.Net.Http times each request's start and stop and each new connection; the CPU each thread used
         (the runtime's tiered-compilation thread among them) is read from the process.
    Prints what it measured; writes nothing. Run after ./build.ps1 Build:
      ./tools/pwsh.sh -NoProfile -File ./bench/Trace-FreshRun.ps1
#>
[CmdletBinding()]
param([int] $Count = 400)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1') -Force
$build = Get-BenchBuild
$modulePath = $build.ModulePath
$emulatorDll = $build.EmulatorDll
$devKey = (Get-EmulatorKeys).DataBrainApiKey

# Compiled into the traced process; it only records timestamps, the script reads them after each run.
$listener = @'
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
public sealed record HttpEvent(string Name, long At);
public sealed class HttpTimeline : EventListener
{
    public static readonly ConcurrentQueue<HttpEvent> Events = new();
    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "System.Net.Http") EnableEvents(source, EventLevel.Informational);
    }
    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is "RequestStart" or "RequestStop" or "ConnectionEstablished") Events.Enqueue(new HttpEvent(e.EventName, Stopwatch.GetTimestamp()));
    }
}
'@

$emulator = Start-Emulator $emulatorDll @('--latency-ms', '50')
try {
    foreach ($prefix in 'warm', 'first', 'second') {
        Invoke-RestMethod -Method Post -Uri "$($emulator.BaseUri)/_emulator/embeds/generate" -ContentType 'application/json' -Body (@{ count = $Count; prefix = $prefix } | ConvertTo-Json) | Out-Null
    }

    1..64 | ForEach-Object -ThrottleLimit 16 -Parallel {
        $body = @{ embedId = 'warm_{0:000000}' -f $_; accessSettings = @{ isAllowEmailReports = $true } } | ConvertTo-Json -Compress
        Invoke-RestMethod -Method Put -Uri "$($using:emulator.BaseUri)/api/v2/data-app/embeds" -Headers @{ Authorization = "Bearer $using:devKey" } -ContentType 'application/json' -Body $body | Out-Null
    }

    $bare = Invoke-Fresh @"
`$client = [System.Net.Http.HttpClient]::new()
`$times = foreach (`$i in 1..3) {
    `$request = [System.Net.Http.HttpRequestMessage]::new('PUT', '$($emulator.BaseUri)/api/v2/data-app/embeds')
    `$request.Headers.Add('Authorization', 'Bearer $devKey')
    `$request.Content = [System.Net.Http.StringContent]::new('{"embedId":"warm_000001","accessSettings":{"isAllowEmailReports":true}}', [Text.Encoding]::UTF8, 'application/json')
    `$watch = [Diagnostics.Stopwatch]::StartNew()
    `$response = `$client.SendAsync(`$request).GetAwaiter().GetResult()
    `$null = `$response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
    `$watch.Elapsed.TotalMilliseconds
}
@{ ms = @(`$times) } | ConvertTo-Json -Compress
"@
    Write-Host ('Bare HttpClient in a fresh pwsh: requests took {0} ms' -f (($bare.ms | ForEach-Object { '{0:0}' -f $_ }) -join ', '))

    $runs = Invoke-Fresh @"
Add-Type -TypeDefinition @'
$listener
'@
`$listener = [HttpTimeline]::new()
Import-Module '$modulePath'
Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-SecureString '$devKey' -AsPlainText -Force) -DataBrainUri '$($emulator.BaseUri)' -NoJournal -WarningAction SilentlyContinue
`$process = [Diagnostics.Process]::GetCurrentProcess()
function Get-ThreadCpu { `$cpu = @{}; foreach (`$thread in [Diagnostics.Process]::GetCurrentProcess().Threads) { `$cpu[`$thread.Id] = `$thread.TotalProcessorTime.TotalMilliseconds }; `$cpu }
`$results = foreach (`$prefix in 'first', 'second') {
    `$rows = 1..$Count | ForEach-Object { [pscustomobject]@{ EmbedId = "`${prefix}_{0:000000}" -f `$_; AllowEmailReports = (`$_ % 2 -eq 0) } }
    [HttpTimeline]::Events.Clear()
    `$threadsBefore = Get-ThreadCpu
    `$start = [Diagnostics.Stopwatch]::GetTimestamp()
    `$rows | Set-EmbedAccess -ThrottleLimit 16
    `$end = [Diagnostics.Stopwatch]::GetTimestamp()
    `$threadsAfter = Get-ThreadCpu
    `$ms = { param(`$at) (`$at - `$start) * 1000.0 / [Diagnostics.Stopwatch]::Frequency }
    `$events = [HttpTimeline]::Events.ToArray()
    `$starts = @(`$events | Where-Object Name -eq 'RequestStart' | ForEach-Object { & `$ms `$_.At })
    `$stops = @(`$events | Where-Object Name -eq 'RequestStop' | ForEach-Object { & `$ms `$_.At })
    `$connections = @(`$events | Where-Object Name -eq 'ConnectionEstablished' | ForEach-Object { & `$ms `$_.At })
    `$byName = @{}
    foreach (`$id in `$threadsAfter.Keys) {
        `$name = (Get-Content "/proc/self/task/`$id/comm" -ErrorAction SilentlyContinue) ?? "thread `$id"
        `$byName[`$name] = `$byName[`$name] + `$threadsAfter[`$id] - (`$threadsBefore[`$id] ?? 0)
    }
    @{
        run = `$prefix; wallMs = & `$ms `$end; firstStartMs = `$starts[0]; firstStopMs = `$stops[0]
        firstConnectionMs = `$connections[0]; lastConnectionMs = `$connections[-1]; connections = `$connections.Count
        threadCpuMs = `$byName
    }
}
@{ runs = @(`$results) } | ConvertTo-Json -Compress -Depth 4
"@
    foreach ($run in $runs.runs) {
        $threads = ($run.threadCpuMs.PSObject.Properties | Where-Object Value -ge 10 | Sort-Object Value -Descending | ForEach-Object { '{0} {1:0}' -f $_.Name, $_.Value }) -join ', '
        Write-Host ('Set-EmbedAccess, {0} run: {1:0} ms; first request sent at {2:0} ms, answered at {3:0} ms; {4} new connections, from {5} to {6} ms; CPU ms by thread: {7}' -f `
                $run.run, $run.wallMs, $run.firstStartMs, $run.firstStopMs, $run.connections,
                $(if ($run.connections) { '{0:0}' -f $run.firstConnectionMs } else { '-' }), $(if ($run.connections) { '{0:0}' -f $run.lastConnectionMs } else { '-' }), $threads)
    }
}
finally { Stop-Process -Id $emulator.Process.Id -ErrorAction SilentlyContinue }
