#Requires -Version 7.2
<#
.SYNOPSIS
    Benchmarks bulk runs of the real module under realistic rate limits and faults, and writes the figures into
    docs/performance.md between the bench:limits markers.
.DESCRIPTION
    Each scenario runs in a fresh pwsh against its own emulator process on 127.0.0.1; L1, L2 and L5 run twice, with
    the journal (the default) and with Connect-EmbedAdmin -NoJournal:
      L1. N rows of Set-EmbedAccess -ThrottleLimit 16 against a strict DataBrain token bucket (--databrain-rate-limit 20:1).
      L2. N rows of Set-EmbedAccess -ThrottleLimit 16 against DataBrain's fixed window (--databrain-rate-window 100/10).
      L3. N rows of New-SecureEmbed -ThrottleLimit 16 against a Datadog token bucket (--datadog-rate-limit 20:1).
      L4. 2N rows of Set-EmbedAccess -ThrottleLimit 16 under --error-rate 0.05 --drop-rate 0.02; every row's final
          state is read back from the emulator and compared with what the row asked for.
      L5. 400 rows at 50 ms latency, throttle 16: Set-EmbedAccess against ForEach-Object -Parallel { Invoke-RestMethod },
          each in three fresh processes that run it twice (judged on the first run, the second reported beside it);
          beside them, a bare HttpClient keeping 16 in flight, the least time any client can take here.
    Figures are written down, never asserted: a slow machine changes the numbers, not the outcome.
.EXAMPLE
    ./bench/Run-RateLimitBenchmarks.ps1            # after ./build.ps1 Build; N = 1,000
.EXAMPLE
    ./bench/Run-RateLimitBenchmarks.ps1 -Quick     # N = 200, for checking the script and the goals' reach
#>
[CmdletBinding()]
param(
    [switch] $Quick,
    [string[]] $Only = @('L1', 'L2', 'L3', 'L4', 'L5'),
    [string] $Report = (Join-Path $PSScriptRoot '../docs/performance.md')
)

$ErrorActionPreference = 'Stop'
$Only = @($Only | ForEach-Object { $_ -split ',' })
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1') -Force
$build = Get-BenchBuild
$modulePath = $build.ModulePath
$emulatorDll = $build.EmulatorDll
$keys = Get-EmulatorKeys
$devKey = $keys.DataBrainApiKey
$ddApiKey = $keys.DatadogApiKey
$ddAppKey = $keys.DatadogAppKey
$n = if ($Quick) { 200 } else { 1000 }
Use-BenchJournal
# The load before the first scenario shows whether the machine was quiet; the load at the end is mostly the
# benchmark's own processes.
$loadAtStart = Get-LoadAverage


function New-Embeds($Emulator, [int] $Count, [string] $Prefix) {
    Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)/_emulator/embeds/generate" -ContentType 'application/json' `
        -Body (@{ count = $Count; prefix = $Prefix } | ConvertTo-Json) | Out-Null
    Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)/_emulator/stats/reset" | Out-Null
}

function Get-Stats($Emulator) { Invoke-RestMethod -Uri "$($Emulator.BaseUri)/_emulator/stats" }

# The Set-EmbedAccess run every DataBrain scenario shares: each row flips isAllowEmailReports to a known value.
# -NoJournal connects without the journal, and so without the read of each embed that only the journal's
# "before" needs: one request per row, as when the goals were set.
# -Twice runs the same rows again in the same process, each row flipping the value back, and adds that second
# run's figures (warmSeconds, warmCpuMs, warmFailed): the first run of a fresh process also pays for .NET and
# PowerShell compiling their code, the second shows the run alone.
function Invoke-SetEmbedAccess($Emulator, [int] $Count, [string] $Prefix, [int] $Throttle = 16, [switch] $NoJournal, [switch] $Twice) {
    $journalSwitch = if ($NoJournal) { '-NoJournal -WarningAction SilentlyContinue' } else { '' }
    Invoke-Fresh @"
Import-Module '$modulePath'
Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-SecureString '$devKey' -AsPlainText -Force) -DataBrainUri '$($Emulator.BaseUri)' $journalSwitch
function Measure-Run([int] `$Parity) {
    `$rows = 1..$Count | ForEach-Object { [pscustomobject]@{ EmbedId = '${Prefix}_{0:000000}' -f `$_; AllowEmailReports = (`$_ % 2 -eq `$Parity) } }
    `$cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
    `$time = Measure-Command { `$rows | Set-EmbedAccess -ThrottleLimit $Throttle -ErrorAction SilentlyContinue -ErrorVariable failed }
    `$used = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - `$cpu
    @{ seconds = `$time.TotalSeconds; cpuMs = `$used.TotalMilliseconds; failed = `$failed.Count; summary = (Get-EmbedAdminSession).LastBulkRun.ToString(); errors = @(`$failed | Select-Object -First 3 | ForEach-Object { `$_.FullyQualifiedErrorId }) }
}
`$result = Measure-Run 0
if (`$$($Twice.IsPresent)) {
    `$warm = Measure-Run 1
    `$result.warmSeconds = `$warm.seconds; `$result.warmCpuMs = `$warm.cpuMs; `$result.warmFailed = `$warm.failed
}
`$result | ConvertTo-Json -Compress
"@
}

$rows = [System.Collections.Generic.List[object]]::new()
# -Floor: the least time the limit allows for the requests the service let through (a row of Set-EmbedAccess is
# two: the read of the embed's settings that the journal records as "before", then the update), next to -Ideal,
# the goal's floor counted in rows. Their ratio judges the pacing itself; the goal is judged as written.
function Add-Row($Scenario, $Goal, $Result, $Stats, [double] $Ideal, [string] $Verdict, [string] $Note, [Nullable[double]] $Floor = $null) {
    $requests = [int64] $Stats.totalRequests
    $r429 = [int64] $Stats.rateLimited429 + [int64] $Stats.storm429
    $rows.Add([pscustomobject]@{
            Scenario = $Scenario; Goal = $Goal; Seconds = $Result.seconds; Ideal = $Ideal; Failed = $Result.failed
            Requests = $requests; Throttled = $r429; Share = if ($requests) { 100.0 * $r429 / $requests } else { 0 }
            Floor = $Floor; Verdict = $Verdict; Note = $Note
        })
    Write-Host ("{0}: {1:0.0} s (ideal {2:0.0} s, requests' floor {3}), {4} failed, {5} requests, {6} answered 429 - {7}; {8}" -f $Scenario, $Result.seconds, $Ideal, $(if ($null -ne $Floor) { '{0:0.0} s' -f $Floor } else { '-' }), $Result.failed, $requests, $r429, $Verdict, $Note)
}

# Requests the service let through (a refused request takes no token and no place in a window).
function Get-Admitted($Stats) { [int64] $Stats.totalRequests - [int64] $Stats.rateLimited429 - [int64] $Stats.storm429 }

function Test-Goal([bool] $Met) { if ($Met) { 'met' } else { 'NOT met' } }

# Each DataBrain goal is measured twice, on fresh embeds and a fresh emulator each time: with the journal (the
# default; two requests per row, the goal judged as written all the same) and with -NoJournal (one per row).
$journalModes = @(@{ Label = 'journal on'; NoJournal = $false }, @{ Label = '-NoJournal'; NoJournal = $true })

# One DataBrain limit scenario in both journal modes: a fresh emulator started with $Options, N fresh embeds, the
# run, then $Report given the run's result, the emulator's stats and the mode's label.
function Invoke-InBothJournalModes([string[]] $Options, [string] $Prefix, [scriptblock] $Report) {
    foreach ($mode in $journalModes) {
        $emulator = Start-Emulator $emulatorDll $Options
        try {
            New-Embeds $emulator $n $Prefix
            $result = Invoke-SetEmbedAccess $emulator $n $Prefix -NoJournal:$mode.NoJournal
            & $Report $result (Get-Stats $emulator) $mode.Label
        }
        finally { Stop-Process -Id $emulator.Process.Id -ErrorAction SilentlyContinue }
    }
}

if ('L1' -in $Only) {
    Invoke-InBothJournalModes @('--databrain-rate-limit', '20:1') 'lim' {
        param($result, $stats, $label)
        $ideal = $n / 20.0
        $share = 100.0 * $stats.rateLimited429 / $stats.totalRequests
        Add-Row "L1 bucket 20:1, $n rows, -ThrottleLimit 16, $label" '0 failed; wall ≤ 1.10 × N/rate; ≤ 10 % answered 429' $result $stats $ideal `
            (Test-Goal ($result.failed -eq 0 -and $result.seconds -le 1.10 * $ideal -and $share -le 10)) $result.summary -Floor ((Get-Admitted $stats) / 20.0)
    }
}

if ('L2' -in $Only) {
    Invoke-InBothJournalModes @('--databrain-rate-window', '100/10') 'win' {
        param($result, $stats, $label)
        # N rows need ceil(N/100) windows; the last one starts (windows - 1) × 10 s after the first.
        $ideal = ([math]::Ceiling($n / 100.0) - 1) * 10
        $share = 100.0 * $stats.rateLimited429 / $stats.totalRequests
        Add-Row "L2 window 100/10, $n rows, -ThrottleLimit 16, $label" '0 failed; wall ≤ 1.10 × the windows'' minimum; ≤ 2 % answered 429' $result $stats $ideal `
            (Test-Goal ($result.failed -eq 0 -and $result.seconds -le 1.10 * $ideal -and $share -le 2)) $result.summary -Floor (([math]::Ceiling((Get-Admitted $stats) / 100.0) - 1) * 10)
    }
}

if ('L3' -in $Only) {
    $emulator = Start-Emulator $emulatorDll @('--datadog-rate-limit', '20:1')
    try {
        Invoke-RestMethod -Method Post -Uri "$($emulator.BaseUri)/_emulator/stats/reset" | Out-Null
        # Two dashboards: each holds at most 1,000 shares, and the seed already has three on each.
        $result = Invoke-Fresh @"
Import-Module '$modulePath'
Connect-EmbedAdmin -DatadogApiKey (ConvertTo-SecureString '$ddApiKey' -AsPlainText -Force) -DatadogApplicationKey (ConvertTo-SecureString '$ddAppKey' -AsPlainText -Force) -DatadogSite '$($emulator.BaseUri)'
`$rows = 1..$n | ForEach-Object { [pscustomobject]@{ DashboardId = @('abc-def-ghi', 'xyz-123-uvw')[`$_ % 2]; Title = "Tenant `$_" } }
`$time = Measure-Command { `$rows | New-SecureEmbed -ThrottleLimit 16 -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue | Out-Null }
@{ seconds = `$time.TotalSeconds; failed = `$failed.Count; summary = (Get-EmbedAdminSession).LastBulkRun.ToString() } | ConvertTo-Json -Compress
"@
        $stats = Get-Stats $emulator
        $ideal = $n / 20.0
        Add-Row "L3 Datadog bucket 20:1, $n rows of New-SecureEmbed, -ThrottleLimit 16" '0 failed; wall ≤ 1.10 × N/rate' $result $stats $ideal `
            (Test-Goal ($result.failed -eq 0 -and $result.seconds -le 1.10 * $ideal)) $result.summary -Floor ((Get-Admitted $stats) / 20.0)
    }
    finally { Stop-Process -Id $emulator.Process.Id -ErrorAction SilentlyContinue }
}

if ('L4' -in $Only) {
    $count = 2 * $n
    $emulator = Start-Emulator $emulatorDll @('--error-rate', '0.05', '--drop-rate', '0.02', '--fault-seed', '13')
    try {
        New-Embeds $emulator $count 'flt'
        $result = Invoke-SetEmbedAccess $emulator $count 'flt'
        $stats = Get-Stats $emulator
        $state = Invoke-RestMethod -Uri "$($emulator.BaseUri)/_emulator/state"
        $wrong = @($state.dataBrain.embeds | Where-Object { $_.embedId -like 'flt_*' } | Where-Object {
                $index = [int] $_.embedId.Substring(4)
                $_.accessSettings.isAllowEmailReports -ne ($index % 2 -eq 0)
            }).Count
        Add-Row "L4 faults 5 % 500 + 2 % drops, $count rows, -ThrottleLimit 16" '0 failed; every row''s final state is the one it asked for' $result $stats 0 `
            (Test-Goal ($result.failed -eq 0 -and $wrong -eq 0)) ("{0} rows in a state other than asked; {1} injected 500s, {2} dropped; {3}" -f $wrong, $stats.injectedErrors, $stats.dropped, $result.summary)
    }
    finally { Stop-Process -Id $emulator.Process.Id -ErrorAction SilentlyContinue }
}

if ('L5' -in $Only) {
    $count = 400
    $repeats = 3
    # The median of three fresh processes on each side: one run of a second or two swings with what else the
    # machine does, and the goal is a ratio of two such runs. Each process runs twice; the goal is judged on the
    # first run, which pays for the process's compiling too, and the second is reported beside it.
    function Get-Median([double[]] $Values) { ($Values | Sort-Object)[[math]::Floor($Values.Count / 2)] }
    function Get-MedianRun($Runs) {
        [pscustomobject]@{
            seconds = Get-Median @($Runs.seconds); cpuMs = Get-Median @($Runs.cpuMs)
            failed = ($Runs.failed | Measure-Object -Sum).Sum; summary = $Runs[-1].summary
        }
    }
    function Select-SecondRun($Runs) {
        @($Runs | ForEach-Object { [pscustomobject]@{ seconds = $_.warmSeconds; cpuMs = $_.warmCpuMs; failed = $_.warmFailed; summary = $_.summary } })
    }
    $emulator = Start-Emulator $emulatorDll @('--latency-ms', '50')
    try {
        New-Embeds $emulator $count 'par'
        $parallelRuns = @(1..$repeats | ForEach-Object {
                Invoke-Fresh @"
function Measure-Loop {
    `$cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
    `$time = Measure-Command {
        1..$count | ForEach-Object -ThrottleLimit 16 -Parallel {
            `$body = @{ embedId = 'par_{0:000000}' -f `$_; accessSettings = @{ isAllowEmailReports = (`$_ % 2 -eq 0) } } | ConvertTo-Json -Compress
            Invoke-RestMethod -Method Put -Uri '$($emulator.BaseUri)/api/v2/data-app/embeds' -Headers @{ Authorization = 'Bearer $devKey' } -ContentType 'application/json' -Body `$body | Out-Null
        }
    }
    `$used = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - `$cpu
    @{ seconds = `$time.TotalSeconds; cpuMs = `$used.TotalMilliseconds }
}
`$first = Measure-Loop
`$second = Measure-Loop
@{ seconds = `$first.seconds; cpuMs = `$first.cpuMs; failed = 0; warmSeconds = `$second.seconds; warmCpuMs = `$second.cpuMs; warmFailed = 0 } | ConvertTo-Json -Compress
"@
            })
        # What any client can reach here: a bare HttpClient keeping 16 requests in flight, with nothing around
        # them. Its time is the latency floor plus the emulator's own handling, and the loop's time over it is the
        # most any client could be faster than the loop on this machine at this moment.
        $bareRuns = @(1..$repeats | ForEach-Object {
                Invoke-Fresh @"
Add-Type -TypeDefinition @'
using System.Diagnostics;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
public static class BareClient
{
    public static double[] Run(string uri, string key, int count, int inFlight, bool flag)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        using (var client = new HttpClient())
        using (var gate = new SemaphoreSlim(inFlight))
        {
            var tasks = new Task[count];
            for (var i = 0; i < count; i++)
            {
                var body = "{\"embedId\":\"par_" + (i + 1).ToString("000000") + "\",\"accessSettings\":{\"isAllowEmailReports\":" + (flag ? "true" : "false") + "}}";
                tasks[i] = Task.Run(async () =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        using (var request = new HttpRequestMessage(HttpMethod.Put, uri))
                        {
                            request.Headers.Add("Authorization", "Bearer " + key);
                            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                            using (var response = await client.SendAsync(request))
                            {
                                response.EnsureSuccessStatusCode();
                                await response.Content.ReadAsStringAsync();
                            }
                        }
                    }
                    finally { gate.Release(); }
                });
            }
            Task.WaitAll(tasks);
        }
        return new[] { watch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds };
    }
}
'@
`$first = [BareClient]::Run('$($emulator.BaseUri)/api/v2/data-app/embeds', '$devKey', $count, 16, `$true)
`$second = [BareClient]::Run('$($emulator.BaseUri)/api/v2/data-app/embeds', '$devKey', $count, 16, `$false)
@{ seconds = `$first[0]; cpuMs = `$first[1]; failed = 0; warmSeconds = `$second[0]; warmCpuMs = `$second[1]; warmFailed = 0 } | ConvertTo-Json -Compress
"@
            })
        foreach ($mode in $journalModes) {
            # Embeds of their own for each process: on embeds that already hold the values, the journaled run's
            # read would find nothing to change and send nothing (the second run flips each value back).
            $prefixes = 1..$repeats | ForEach-Object { '{0}{1}' -f $(if ($mode.NoJournal) { 'pnj' } else { 'pjr' }), $_ }
            foreach ($prefix in $prefixes) { New-Embeds $emulator $count $prefix }
            $processes = @($prefixes | ForEach-Object { Invoke-SetEmbedAccess $emulator $count $_ -NoJournal:$mode.NoJournal -Twice })
            # The emulator's count covers both runs of the three processes.
            $stats = Get-Stats $emulator
            foreach ($which in @(@{ Label = ''; Module = $processes; Parallel = $parallelRuns; Bare = $bareRuns }, @{ Label = ', second run in the process'; Module = (Select-SecondRun $processes); Parallel = (Select-SecondRun $parallelRuns); Bare = (Select-SecondRun $bareRuns) })) {
                $runs = $which.Module
                $module = Get-MedianRun $runs
                $parallel = Get-MedianRun $which.Parallel
                $bare = Get-MedianRun $which.Bare
                $speed = $parallel.seconds / $module.seconds
                $cpuRatio = $parallel.cpuMs / [math]::Max(1, $module.cpuMs)
                Add-Row "L5 module vs ForEach-Object -Parallel, $count rows, 50 ms, throttle 16, $($mode.Label)$($which.Label)" '≥ 2× faster wall, ≥ 5× less CPU' $module $stats ($count * 0.05 / 16) `
                    (Test-Goal ($module.failed -eq 0 -and $speed -ge 2 -and $cpuRatio -ge 5)) `
                    ("median of {6} fresh processes each (requests: both runs of the {6} module processes): module {0:0.00} s / {1:0} ms CPU (runs {7}); ForEach-Object -Parallel {2:0.00} s / {3:0} ms CPU (runs {8}): {4:0.0}× faster, {5:0.0}× less CPU; a bare HttpClient, 16 in flight, {9:0.00} s / {10:0} ms CPU (runs {11}), so no client could be more than {12:0.0}× faster than the loop here" -f `
                        $module.seconds, $module.cpuMs, $parallel.seconds, $parallel.cpuMs, $speed, $cpuRatio, $repeats,
                        (($runs | ForEach-Object { '{0:0.00} s/{1:0} ms' -f $_.seconds, $_.cpuMs }) -join ', '),
                        (($which.Parallel | ForEach-Object { '{0:0.00} s/{1:0} ms' -f $_.seconds, $_.cpuMs }) -join ', '),
                        $bare.seconds, $bare.cpuMs, (($which.Bare | ForEach-Object { '{0:0.00} s/{1:0} ms' -f $_.seconds, $_.cpuMs }) -join ', '),
                        ($parallel.seconds / $bare.seconds))
            }
        }
    }
    finally { Stop-Process -Id $emulator.Process.Id -ErrorAction SilentlyContinue }
}

$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add('<!-- bench:limits:begin -->')
$lines.Add(('### Rate limits and faults ({0}, {1:yyyy-MM-dd HH:mm} UTC)' -f ($(if ($Quick) { 'quick run' } else { 'full run' })), [DateTime]::UtcNow))
$lines.Add('')
$lines.Add(('Machine: {0} cores, {1}, PowerShell {2}; one emulator process per scenario on 127.0.0.1; load average at the start {3}, at the end {4}. `bench/run.sh` (or `./bench/Run-RateLimitBenchmarks.ps1` after `./build.ps1 Build`) writes this table.' -f [Environment]::ProcessorCount, [Runtime.InteropServices.RuntimeInformation]::OSDescription, $PSVersionTable.PSVersion, $loadAtStart, (Get-LoadAverage)))
$lines.Add('')
$lines.Add('| scenario | goal | wall | ideal | requests'' floor (wall ÷ it) | failed | requests | answered 429 | goal met | notes |')
$lines.Add('|---|---|---:|---:|---:|---:|---:|---:|---|---|')
foreach ($row in $rows) {
    $floor = if ($null -ne $row.Floor -and $row.Floor -gt 0) { '{0:0.0} s ({1:0.00}×)' -f $row.Floor, ($row.Seconds / $row.Floor) } else { '' }
    $lines.Add(('| {0} | {1} | {2:0.0} s | {3:0.0} s | {4} | {5} | {6:N0} | {7:N0} ({8:0.0} %) | {9} | {10} |' -f $row.Scenario, $row.Goal, $row.Seconds, $row.Ideal, $floor, $row.Failed, $row.Requests, $row.Throttled, $row.Share, $row.Verdict, ($row.Note -replace '\|', '\|')))
}
$lines.Add('<!-- bench:limits:end -->')

$text = if (Test-Path $Report) { Get-Content $Report -Raw } else { "# Performance`n" }
$section = $lines -join [Environment]::NewLine
$pattern = '(?s)<!-- bench:limits:begin -->.*<!-- bench:limits:end -->'
$text = if ($text -match $pattern) { [regex]::Replace($text, $pattern, { param($m) $section }) } else { $text.TrimEnd() + [Environment]::NewLine + [Environment]::NewLine + $section + [Environment]::NewLine }
Set-Content -LiteralPath $Report -Value $text -NoNewline
$lines
Remove-BenchJournal
