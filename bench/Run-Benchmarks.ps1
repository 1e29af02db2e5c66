#Requires -Version 7.2
<#
.SYNOPSIS
    Benchmarks the real module in pwsh against the emulator and writes the figures into docs/performance.md.
.DESCRIPTION
    Measures, each against an emulator process on 127.0.0.1 with injected latency:
      1. Set-EmbedAccess over N rows at -ThrottleLimit 1, 4 and 16 (and 16 with -NoJournal), and a sequential
         Invoke-RestMethod loop.
      4. Import-Module cold (a fresh pwsh per run) and the first command.
      5. A CSV of 1,000 and of 100,000 rows through Import-Csv | Set-EmbedAccess, peak working set of a fresh pwsh.
      6. The change journal's writing: Update-Workspace over N rows at 50 ms latency and -ThrottleLimit 16,
         journal on and off (Connect-EmbedAdmin -NoJournal), alternating, three runs each.
    Figures are written down, never asserted: a slow machine changes the numbers, not the outcome.
.EXAMPLE
    ./bench/Run-Benchmarks.ps1            # after ./build.ps1 Build
.EXAMPLE
    ./bench/Run-Benchmarks.ps1 -Quick     # small N, for checking the script itself
#>
[CmdletBinding()]
param(
    [switch] $Quick,
    [string] $Report = (Join-Path $PSScriptRoot '../docs/performance.md')
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1') -Force
$build = Get-BenchBuild
$modulePath = $build.ModulePath
$emulatorDll = $build.EmulatorDll
$keys = Get-EmulatorKeys
$devKey = $keys.DataBrainApiKey
$n = if ($Quick) { 100 } else { 1000 }
$loadAtStart = Get-LoadAverage
$bigRows = if ($Quick) { 10000 } else { 100000 }
Use-BenchJournal


function New-Embeds($Emulator, [int] $Count, [string] $Prefix) {
    Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)/_emulator/embeds/generate" -ContentType 'application/json' `
        -Body (@{ count = $Count; prefix = $Prefix } | ConvertTo-Json) | Out-Null
}

$rows = [System.Collections.Generic.List[object]]::new()

# 1. Latency-bound: the cmdlet at three throttles, and the loop people write without the module.
$emulator = Start-Emulator $emulatorDll @('--latency-ms', '50')
try {
    New-Embeds $emulator $n 'lat'
    # The last run again at 16 with -NoJournal: no read of each embed for the journal's "before", one request per row.
    foreach ($run in @(@(1, $false), @(4, $false), @(16, $false), @(16, $true))) {
        $throttle, $noJournal = $run
        $journalOption = if ($noJournal) { '-NoJournal -WarningAction SilentlyContinue' } else { '' }
        $result = Invoke-Fresh @"
Import-Module '$modulePath'
Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-SecureString '$devKey' -AsPlainText -Force) -DataBrainUri '$($emulator.BaseUri)' $journalOption
`$rows = 1..$n | ForEach-Object { [pscustomobject]@{ EmbedId = 'lat_{0:000000}' -f `$_; AllowEmailReports = (`$_ % 2 -eq 0) } }
`$cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
`$time = Measure-Command { `$rows | Set-EmbedAccess -ThrottleLimit $throttle -ErrorAction SilentlyContinue -ErrorVariable failed }
`$used = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - `$cpu
@{ seconds = `$time.TotalSeconds; cpuMs = `$used.TotalMilliseconds; failed = `$failed.Count } | ConvertTo-Json -Compress
"@
        $rows.Add([pscustomobject]@{ Scenario = '1 latency'; Client = $(if ($noJournal) { 'Set-EmbedAccess -NoJournal' } else { 'Set-EmbedAccess' }); N = $n; Latency = '50 ms'; Throttle = $throttle; Seconds = $result.seconds; CpuMs = $result.cpuMs; PeakMB = $null; Note = "$($result.failed) failed" })
    }

    $result = Invoke-Fresh @"
`$headers = @{ Authorization = 'Bearer $devKey' }
`$cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
`$time = Measure-Command {
    foreach (`$i in 1..$n) {
        `$body = @{ embedId = 'lat_{0:000000}' -f `$i; accessSettings = @{ isAllowEmailReports = (`$i % 2 -eq 0) } } | ConvertTo-Json -Compress
        Invoke-RestMethod -Method Put -Uri '$($emulator.BaseUri)/api/v2/data-app/embeds' -Headers `$headers -ContentType 'application/json' -Body `$body | Out-Null
    }
}
`$used = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - `$cpu
@{ seconds = `$time.TotalSeconds; cpuMs = `$used.TotalMilliseconds } | ConvertTo-Json -Compress
"@
    $rows.Add([pscustomobject]@{ Scenario = '1 latency'; Client = 'Invoke-RestMethod loop'; N = $n; Latency = '50 ms'; Throttle = 1; Seconds = $result.seconds; CpuMs = $result.cpuMs; PeakMB = $null; Note = 'sequential' })
}
finally {
    Stop-Process -Id $emulator.Process.Id -ErrorAction SilentlyContinue
}

# 6. The journal's writing cost, alone: Update-Workspace, journal on and -NoJournal, alternating so drift hits both.
# A workspace's "before" comes from the journal itself (DataBrain cannot read a workspace), so both modes send one
# request per row and only the journal differs. (Set-EmbedAccess would not do: without a journal it also skips the
# read of each embed that only the journal's "before" needs.)
$emulator = Start-Emulator $emulatorDll @('--latency-ms', '50')
$journalRuns = @{ on = @(); off = @() }
$serviceToken = $keys.DataBrainServiceToken
try {
    Invoke-Fresh @"
Import-Module '$modulePath'
Connect-EmbedAdmin -DataBrainServiceToken (ConvertTo-SecureString '$serviceToken' -AsPlainText -Force) -DataBrainUri '$($emulator.BaseUri)' -NoJournal -WarningAction SilentlyContinue
1..$n | ForEach-Object { [pscustomobject]@{ Name = 'jrn_{0:000000}' -f `$_; ConnectionType = 'DATASOURCE'; DatasourceName = 'postgres-production' } } | New-Workspace -ThrottleLimit 16 -ErrorAction Stop
'{}'
"@ | Out-Null
    foreach ($round in 1..3) {
        foreach ($mode in 'on', 'off') {
            $journalFolder = Join-Path ([IO.Path]::GetTempPath()) ("embedadmin-bench-journal-{0}" -f [guid]::NewGuid())
            $journalOption = if ($mode -eq 'on') { "-JournalPath '$journalFolder'" } else { '-NoJournal -WarningAction SilentlyContinue' }
            $result = Invoke-Fresh @"
Import-Module '$modulePath'
Connect-EmbedAdmin -DataBrainServiceToken (ConvertTo-SecureString '$serviceToken' -AsPlainText -Force) -DataBrainUri '$($emulator.BaseUri)' $journalOption
`$rows = 1..$n | ForEach-Object { [pscustomobject]@{ Name = 'jrn_{0:000000}' -f `$_; ConnectionType = 'DATAMART'; DatamartName = @('sales-datamart', 'customer-analytics')[(`$_ + $round) % 2] } }
`$cpu = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
`$time = Measure-Command { `$rows | Update-Workspace -ThrottleLimit 16 -Confirm:`$false -ErrorAction SilentlyContinue -ErrorVariable failed }
`$used = [Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - `$cpu
@{ seconds = `$time.TotalSeconds; cpuMs = `$used.TotalMilliseconds; failed = `$failed.Count } | ConvertTo-Json -Compress
"@
            $journalRuns[$mode] += $result
            if (Test-Path $journalFolder) { Remove-Item -LiteralPath $journalFolder -Recurse -Force }
        }
    }

    foreach ($mode in 'on', 'off') {
        $median = ($journalRuns[$mode].seconds | Sort-Object)[1]
        $cpuMedian = ($journalRuns[$mode].cpuMs | Sort-Object)[1]
        $rows.Add([pscustomobject]@{ Scenario = '6 journal'; Client = "Update-Workspace, journal $mode"; N = $n; Latency = '50 ms'; Throttle = 16; Seconds = $median; CpuMs = $cpuMedian; PeakMB = $null; Note = ('median of 3 (runs: {0}); {1} failed' -f (($journalRuns[$mode].seconds | ForEach-Object { '{0:0.00}' -f $_ }) -join ', '), (($journalRuns[$mode].failed | Measure-Object -Sum).Sum)) })
    }
}
finally {
    Stop-Process -Id $emulator.Process.Id -ErrorAction SilentlyContinue
}

# 4. Import time: a fresh process each time, the median of five.
$imports = foreach ($run in 1..5) {
    Invoke-Fresh @"
`$import = Measure-Command { Import-Module '$modulePath' }
`$first = Measure-Command { Get-EmbedAdminSession -ErrorAction SilentlyContinue | Out-Null }
@{ importMs = `$import.TotalMilliseconds; firstMs = `$first.TotalMilliseconds } | ConvertTo-Json -Compress
"@
}
$median = ($imports.importMs | Sort-Object)[2]
$firstMedian = ($imports.firstMs | Sort-Object)[2]
$rows.Add([pscustomobject]@{ Scenario = '4 import'; Client = 'Import-Module'; N = 5; Latency = ''; Throttle = ''; Seconds = $median / 1000; CpuMs = $null; PeakMB = $null; Note = ('median of 5 fresh processes: import {0:0} ms, first command {1:0} ms (runs: {2})' -f $median, $firstMedian, (($imports.importMs | ForEach-Object { '{0:0}' -f $_ }) -join ', ')) })

# 5. Memory: the same pipeline over 1,000 and over $bigRows rows, each in a fresh pwsh; peak working set.
foreach ($size in 1000, $bigRows) {
    $emulator = Start-Emulator $emulatorDll
    try {
        New-Embeds $emulator $size 'mem'
        $csv = Join-Path ([IO.Path]::GetTempPath()) "embedadmin-bench-$size.csv"
        $writer = [IO.StreamWriter]::new($csv)
        $writer.WriteLine('EmbedId,isAllowUnderlyingData,JoinModel,Ticket')
        foreach ($i in 1..$size) { $writer.WriteLine(('mem_{0:000000},yes,multi,CHG-{0}' -f $i)) }
        $writer.Dispose()
        $result = Invoke-Fresh @"
Import-Module '$modulePath'
Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-SecureString '$devKey' -AsPlainText -Force) -DataBrainUri '$($emulator.BaseUri)'
`$time = Measure-Command { Import-Csv '$csv' | Set-EmbedAccess -ThrottleLimit 16 -ErrorAction SilentlyContinue -ErrorVariable failed }
`$process = [Diagnostics.Process]::GetCurrentProcess(); `$process.Refresh()
@{ seconds = `$time.TotalSeconds; cpuMs = `$process.TotalProcessorTime.TotalMilliseconds; peak = `$process.PeakWorkingSet64; failed = `$failed.Count; ok = (Get-EmbedAdminSession).LastBulkRun.Succeeded.Count } | ConvertTo-Json -Compress
"@
        $rows.Add([pscustomobject]@{ Scenario = '5 memory'; Client = 'Import-Csv \| Set-EmbedAccess'; N = $size; Latency = '0 ms'; Throttle = 16; Seconds = $result.seconds; CpuMs = $result.cpuMs; PeakMB = $result.peak / 1MB; Note = "$($result.ok) ok, $($result.failed) failed" })
        Remove-Item $csv
    }
    finally {
        Stop-Process -Id $emulator.Process.Id -ErrorAction SilentlyContinue
    }
}

# The report section between this script's markers; the .NET benchmark owns its own section.
$cpuModel = (Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', ''
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add('<!-- bench:pwsh:begin -->')
$lines.Add(('### The module in pwsh ({0}, {1:yyyy-MM-dd HH:mm} UTC)' -f ($(if ($Quick) { 'quick run' } else { 'full run' })), [DateTime]::UtcNow))
$lines.Add('')
$lines.Add(('Machine: {0} cores ({1}), {2}, PowerShell {3}; emulator in its own process on 127.0.0.1; load average at the start {4}, at the end {5}.' -f [Environment]::ProcessorCount, $cpuModel, [Runtime.InteropServices.RuntimeInformation]::OSDescription, $PSVersionTable.PSVersion, $loadAtStart, (Get-LoadAverage)))
$lines.Add('')
$lines.Add('| scenario | client | N | latency | throttle | time | req/s | CPU ms/req | peak memory | notes |')
$lines.Add('|---|---|---:|---:|---:|---:|---:|---:|---:|---|')
foreach ($row in $rows) {
    $rps = if ($row.Scenario -eq '4 import') { '' } else { '{0:0}' -f ($row.N / $row.Seconds) }
    $cpu = if ($null -ne $row.CpuMs -and $row.Scenario -ne '4 import') { '{0:0.000}' -f ($row.CpuMs / $row.N) } else { '' }
    $peak = if ($row.PeakMB) { '{0:0.0} MB' -f $row.PeakMB } else { '' }
    $lines.Add(('| {0} | {1} | {2:N0} | {3} | {4} | {5:0.000} s | {6} | {7} | {8} | {9} |' -f $row.Scenario, $row.Client, $row.N, $row.Latency, $row.Throttle, $row.Seconds, $rps, $cpu, $peak, $row.Note))
}
$lines.Add('')
$at16 = $rows | Where-Object { $_.Client -eq 'Set-EmbedAccess' -and $_.Throttle -eq 16 }
$at16NoJournal = $rows | Where-Object { $_.Client -eq 'Set-EmbedAccess -NoJournal' }
$loop = $rows | Where-Object Client -EQ 'Invoke-RestMethod loop'
$ideal = $n * 0.05 / 16
$lines.Add('Against the goals:')
$lines.Add(('- Goal 1: Set-EmbedAccess at -ThrottleLimit 16 took {0:0.00} s against an ideal of {1:0.00} s = {2:0.00}× ideal (goal ≤ 1.25×), {3:0.0}× faster than the Invoke-RestMethod loop (goal ≥ 12×); with -NoJournal {4:0.00} s = {5:0.00}× ideal, {6:0.0}× faster than the loop.' -f $at16.Seconds, $ideal, ($at16.Seconds / $ideal), ($loop.Seconds / $at16.Seconds), $at16NoJournal.Seconds, ($at16NoJournal.Seconds / $ideal), ($loop.Seconds / $at16NoJournal.Seconds)))
$lines.Add(('- Goal 4: Import-Module took {0:0} ms cold (median of 5; goal ≤ 250 ms).' -f $median))
$memory = @($rows | Where-Object Scenario -EQ '5 memory')
$lines.Add(('- Goal 5: peak working set {0:0.0} MB at {1:N0} rows against {2:0.0} MB at 1,000 = +{3:0.0} MB (goal ≤ +50 MB).' -f $memory[1].PeakMB, $memory[1].N, $memory[0].PeakMB, ($memory[1].PeakMB - $memory[0].PeakMB)))
$journalOn = $rows | Where-Object Client -EQ 'Update-Workspace, journal on'
$journalOff = $rows | Where-Object Client -EQ 'Update-Workspace, journal off'
$lines.Add(('- Journal: {0:N0} rows of Update-Workspace at 50 ms latency and -ThrottleLimit 16 took {1:0.00} s with the journal and {2:0.00} s with -NoJournal = {3:+0.0;-0.0}% (goal ≤ 10%).' -f $n, $journalOn.Seconds, $journalOff.Seconds, (100 * ($journalOn.Seconds - $journalOff.Seconds) / $journalOff.Seconds)))
$lines.Add('<!-- bench:pwsh:end -->')

$text = if (Test-Path $Report) { Get-Content $Report -Raw } else { "# Performance`n" }
$section = $lines -join [Environment]::NewLine
$pattern = '(?s)<!-- bench:pwsh:begin -->.*<!-- bench:pwsh:end -->'
$text = if ($text -match $pattern) { [regex]::Replace($text, $pattern, { param($m) $section }) } else { $text.TrimEnd() + [Environment]::NewLine + [Environment]::NewLine + $section + [Environment]::NewLine }
Set-Content -LiteralPath $Report -Value $text -NoNewline
$lines
Remove-BenchJournal
