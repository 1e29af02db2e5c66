#Requires -Version 7.2
<#
.SYNOPSIS
    Plants each bug of tests/Mutation/mutations.json, alone, in a copy of HEAD, and checks that its tests fail.

.DESCRIPTION
    For each mutation: apply it to one detached git worktree of HEAD under the temporary folder, build what its
    tests need, run them (dotnet test with a filter, and/or a Pester file against the laid-out module), record
    CAUGHT when they fail and MISSED when they pass, then put the file back. The worktree is removed at the end.

    One worktree serves every mutation (each is reverted before the next), so every build after the first is
    incremental. Before any mutation, every find-text is checked to occur exactly once in HEAD's file, and the
    named tests are run once on the unmutated code: a test that already fails proves nothing about a mutation.

    Only committed code is checked (HEAD). Slow (minutes): not part of test.sh.

.EXAMPLE
    dotnet pwsh -NoProfile -File tests/Mutation/Invoke-MutationCheck.ps1

.EXAMPLE
    dotnet pwsh -NoProfile -File tests/Mutation/Invoke-MutationCheck.ps1 -Id redaction-set-cookie, retry-503
#>
[CmdletBinding()]
param(
    # Run only these mutations (by id).
    [string[]] $Id,
    # The mutation list.
    [string] $Path = (Join-Path $PSScriptRoot 'mutations.json'),
    # Leave the worktree in place for inspection.
    [switch] $Keep
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$started = Get-Date
$repo = (& git -C $PSScriptRoot rev-parse --show-toplevel).Trim()
$commit = (& git -C $repo rev-parse HEAD).Trim()
if (& git -C $repo status --porcelain --untracked-files=no) {
    Write-Warning 'The working tree has uncommitted changes; only HEAD is checked.'
}

function Join-Lines($Value) { if ($Value -is [array]) { $Value -join "`n" } else { [string] $Value } }

function Invoke-Step([string] $Directory, [string] $Command, [string[]] $Arguments, [string] $LogPath) {
    Push-Location $Directory
    try {
        & $Command @Arguments *>> $LogPath
        return $LASTEXITCODE
    } finally {
        Pop-Location
    }
}

# ---- Read and check the list: a find-text that is missing or ambiguous stops the run before anything is built.
$mutations = @((Get-Content -LiteralPath $Path -Raw | ConvertFrom-Json).mutations)
if ($Id) {
    # Through -File a comma-separated list arrives as one string.
    $Id = @($Id -split ',' | ForEach-Object Trim | Where-Object { $_ })
    $unknown = $Id | Where-Object { $_ -notin $mutations.id }
    if ($unknown) { throw "No mutation with id: $($unknown -join ', ')" }
    $mutations = @($mutations | Where-Object { $_.id -in $Id })
}
$duplicates = $mutations | Group-Object id | Where-Object Count -gt 1
if ($duplicates) { throw "Mutation ids used twice: $($duplicates.Name -join ', ')" }
$problems = foreach ($mutation in $mutations) {
    $source = (& git -C $repo show "HEAD:$($mutation.file)" 2>$null) -join "`n"
    if (-not $source) { "$($mutation.id): $($mutation.file) is not in HEAD"; continue }
    $count = ([regex]::Matches($source, [regex]::Escape((Join-Lines $mutation.find)))).Count
    if ($count -ne 1) { "$($mutation.id): the find-text occurs $count times in $($mutation.file), not once" }
    if (-not $mutation.tests) { "$($mutation.id): names no tests" }
}
if ($problems) { throw "The mutation list no longer fits the code:`n  $($problems -join "`n  ")" }

# ---- One worktree of HEAD, built once.
$work = Join-Path ([IO.Path]::GetTempPath()) "embedadmin-mutation-$PID"
$logs = Join-Path $work 'out/mutation-logs'
& git -C $repo worktree add --detach --quiet $work $commit
if ($LASTEXITCODE -ne 0) { throw "git worktree add failed for $work" }
New-Item -ItemType Directory -Path $logs -Force | Out-Null
$needsPester = [bool] ($mutations.tests | Where-Object { $_.PSObject.Properties['pester'] })

function Read-LogFrom([string] $Log, [long] $Offset) {
    $stream = [IO.File]::OpenRead($Log)
    try {
        $null = $stream.Seek($Offset, [IO.SeekOrigin]::Begin)
        ([IO.StreamReader]::new($stream)).ReadToEnd() -replace "\e\[[0-9;]*m", ''
    } finally {
        $stream.Dispose()
    }
}

function Build-For($Mutation, [string] $Log) {
    $projects = @($Mutation.tests | Where-Object { $_.PSObject.Properties['dotnet'] } | ForEach-Object dotnet | Select-Object -Unique)
    foreach ($project in $projects) {
        if ((Invoke-Step $work 'dotnet' @('build', $project, '-c', 'Release', '--nologo', '-v', 'q') $Log) -ne 0) { return $false }
    }
    if ($Mutation.tests | Where-Object { $_.PSObject.Properties['pester'] }) {
        if ((Invoke-Step $work 'dotnet' @('pwsh', '-NoProfile', '-NonInteractive', '-File', './build.ps1', 'Build') $Log) -ne 0) { return $false }
    }
    return $true
}

# The names of the tests a run reported as failed (dotnet test: "  Failed Namespace.Class.Method(...)"; Pester: "[-] ...").
function Get-FailedTests([string] $Output) {
    $names = [regex]::Matches($Output, '(?m)^\s+Failed (?:[\w.]+\.)?(?<name>\w+\.\w+(?:\([^\r\n]*?\))?) \[') + [regex]::Matches($Output, '(?m)^\s*\[-\] (?<name>.+?)(?: [\d.]+m?s \(.*)?$')
    $list = @($names | ForEach-Object { $_.Groups['name'].Value.Trim() } | Select-Object -Unique)
    if ($list.Count -gt 3) { $list = @($list | Select-Object -First 3) + "and $($list.Count - 3) more" }
    $list -join '; '
}

# Runs the mutation's tests; what failed first is returned (by test name), or $null when all passed.
function Test-Mutation($Mutation, [string] $Log) {
    foreach ($test in $Mutation.tests) {
        $before = if (Test-Path $Log) { (Get-Item $Log).Length } else { 0 }
        if ($test.PSObject.Properties['dotnet']) {
            $exit = Invoke-Step $work 'dotnet' @('test', $test.dotnet, '-c', 'Release', '--no-build', '--nologo', '--filter', $test.filter) $Log
            if ($exit -ne 0) { return "$(Split-Path $test.dotnet -Leaf): $(Get-FailedTests (Read-LogFrom $Log $before))" }
        }
        if ($test.PSObject.Properties['pester']) {
            $script = '$env:EMBEDADMIN_MODULE_PATH = (Resolve-Path out/EmbedAdmin/*/EmbedAdmin.psd1).Path; ' +
                '$env:EMBEDADMIN_EMULATOR_DLL = (Resolve-Path out/emulator/EmbedAdmin.Emulator.dll).Path; ' +
                'Import-Module ./out/tools/pester/5.9.1/tools/Pester.psd1; ' +
                "`$r = Invoke-Pester -Path '$($test.pester)' -Output Normal -PassThru; exit (`$r.FailedCount + `$r.FailedBlocksCount + `$r.FailedContainersCount)"
            $exit = Invoke-Step $work 'dotnet' @('pwsh', '-NoProfile', '-NonInteractive', '-Command', $script) $Log
            if ($exit -ne 0) { return "$(Split-Path $test.pester -Leaf): $(Get-FailedTests (Read-LogFrom $Log $before))" }
        }
    }
    return $null
}

$results = [System.Collections.Generic.List[object]]::new()
try {
    Write-Host "Mutation check of $($commit.Substring(0, 12)) in $work"
    $setup = Join-Path $logs 'setup.log'
    if ((Invoke-Step $work 'dotnet' @('build', 'EmbedAdmin.sln', '-c', 'Release', '--nologo', '-v', 'q') $setup) -ne 0) { throw "The unmutated build failed; see $setup" }
    if ($needsPester) {
        if ((Invoke-Step $work 'dotnet' @('restore', 'tools/TestTools/TestTools.csproj', '--nologo', '-v', 'q') $setup) -ne 0) { throw "Pester could not be restored; see $setup" }
        if ((Invoke-Step $work 'dotnet' @('pwsh', '-NoProfile', '-NonInteractive', '-File', './build.ps1', 'Build') $setup) -ne 0) { throw "build.ps1 Build failed; see $setup" }
    }

    # ---- Baseline: every named test passes on HEAD as it is.
    $baseline = @($mutations | ForEach-Object { $_.tests } | Sort-Object { $_ | ConvertTo-Json -Compress } -Unique)
    $failing = Test-Mutation ([pscustomobject] @{ tests = $baseline }) (Join-Path $logs 'baseline.log')
    if ($failing) { throw "Before any mutation, $failing already fails; see $(Join-Path $logs 'baseline.log')" }

    foreach ($mutation in $mutations) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $log = Join-Path $logs "$($mutation.id).log"
        $file = Join-Path $work $mutation.file
        $bytes = [IO.File]::ReadAllBytes($file)
        $bom = $bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF
        $text = [IO.File]::ReadAllText($file)
        $newline = if ($text.Contains("`r`n")) { "`r`n" } else { "`n" }
        $find = (Join-Lines $mutation.find) -replace "`n", $newline
        $index = $text.IndexOf($find, [StringComparison]::Ordinal)
        $mutated = $text.Substring(0, $index) + ((Join-Lines $mutation.replace) -replace "`n", $newline) + $text.Substring($index + $find.Length)
        [IO.File]::WriteAllText($file, $mutated, [Text.UTF8Encoding]::new($bom))
        try {
            if (-not (Build-For $mutation $log)) {
                $outcome = 'BUILD FAILED'; $by = "see $log"
            } else {
                $by = Test-Mutation $mutation $log
                $outcome = if ($by) { 'CAUGHT' } else { 'MISSED' }
                if (-not $by) { $by = '(every named test passed)' }
            }
        } finally {
            & git -C $work checkout --quiet -- $mutation.file
            if (& git -C $work status --porcelain --untracked-files=no) { throw "The worktree did not return to HEAD after $($mutation.id)" }
        }
        $clock.Stop()
        $result = [pscustomobject] @{ Id = $mutation.id; Area = $mutation.area; Result = $outcome; CaughtBy = $by; Seconds = [int] $clock.Elapsed.TotalSeconds; Description = $mutation.description }
        $results.Add($result)
        Write-Host ('{0,-13} {1,-38} {2,4} s  {3}' -f $outcome, $mutation.id, $result.Seconds, $by)
    }
} finally {
    if ($Keep) {
        Write-Host "Worktree kept: $work"
    } else {
        & git -C $repo worktree remove --force $work
    }
}

# ---- The table (Markdown, so it can go straight into docs/testing.md) and one closing line.
$elapsed = (Get-Date) - $started
''
'| Mutation | Area | What it breaks | Result | Failed test | Time |'
'|---|---|---|---|---|---|'
foreach ($r in $results) { "| ``$($r.Id)`` | $($r.Area) | $($r.Description) | $($r.Result) | $($r.CaughtBy) | $($r.Seconds) s |" }
''
$caught = @($results | Where-Object Result -eq 'CAUGHT').Count
$missed = @($results | Where-Object Result -eq 'MISSED').Count
$broken = @($results | Where-Object Result -eq 'BUILD FAILED').Count
"Mutation check $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm')) UTC, commit $($commit.Substring(0, 12)): " +
    "$($results.Count) mutations, $caught caught, $missed missed, $broken did not build; $([math]::Floor($elapsed.TotalMinutes)) min $($elapsed.Seconds) s."
exit ([int] ($missed + $broken -gt 0))
