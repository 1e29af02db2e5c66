# Shared by the Pester suites: where the built module is, and a real emulator on 127.0.0.1 per test file.

$repoRoot = Resolve-Path (Join-Path $PSScriptRoot '../..')

function Get-TestModulePath {
    if ($env:EMBEDADMIN_MODULE_PATH) { return $env:EMBEDADMIN_MODULE_PATH }
    $manifest = Import-PowerShellDataFile (Join-Path $repoRoot 'EmbedAdmin.psd1')
    Join-Path $repoRoot "out/EmbedAdmin/$($manifest.ModuleVersion)/EmbedAdmin.psd1"
}

function Start-TestEmulator {
    $dll = if ($env:EMBEDADMIN_EMULATOR_DLL) { $env:EMBEDADMIN_EMULATOR_DLL } else { Join-Path $repoRoot 'out/emulator/EmbedAdmin.Emulator.dll' }
    $ready = Join-Path ([IO.Path]::GetTempPath()) ("embedadmin-pester-{0}.url" -f [guid]::NewGuid())
    # Both streams go to files: an emulator holding the test run's stdout or stderr open would keep a caller that
    # reads them to the end (CI, a pipe into tail) waiting after the tests are done.
    $process = Start-Process -FilePath dotnet -ArgumentList @($dll, '--port', '0', '--quiet', '--ready-file', $ready) -PassThru `
        -RedirectStandardOutput ([IO.Path]::GetTempFileName()) -RedirectStandardError ([IO.Path]::GetTempFileName())
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while (-not (Test-Path $ready) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
    if (-not (Test-Path $ready)) { Stop-Process -Id $process.Id -ErrorAction SilentlyContinue; throw 'The emulator did not start.' }
    $uri = (Get-Content $ready -Raw).Trim().TrimEnd('/')
    Remove-Item $ready
    [pscustomobject]@{ Process = $process; BaseUri = $uri }
}

function Stop-TestEmulator([Parameter(Mandatory)] $Emulator) {
    Stop-Process -Id $Emulator.Process.Id -ErrorAction SilentlyContinue
}

function Reset-TestEmulator([Parameter(Mandatory)] $Emulator) {
    Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)/_emulator/reset" | Out-Null
    Invoke-RestMethod -Method Put -Uri "$($Emulator.BaseUri)/_emulator/faults" -ContentType 'application/json' -Body '{}' | Out-Null
    Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)/_emulator/stats/reset" | Out-Null
}

function Get-TestRequestCount([Parameter(Mandatory)] $Emulator) {
    (Invoke-RestMethod -Uri "$($Emulator.BaseUri)/_emulator/stats").totalRequests
}

# Changes the emulator applied: reads (a -WhatIf plan, a list) do not count.
function Get-TestMutationCount([Parameter(Mandatory)] $Emulator) {
    (Invoke-RestMethod -Uri "$($Emulator.BaseUri)/_emulator/stats").mutations
}

# The embed's access settings as the emulator reports them through the export endpoint.
function Get-TestEmbedAccess([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $EmbedId) {
    $headers = @{ Authorization = "Bearer $(Get-TestDevKey DataApp)" }
    (Invoke-RestMethod -Uri "$($Emulator.BaseUri)/api/v2/data-app/embeds/export?embedId=$EmbedId" -Headers $headers)._meta.embedDataAppAccessSetting
}

# The emulator's public development keys (src/EmbedAdmin.Emulator/README.md).
function Get-TestDevKey([ValidateSet('DataApp', 'OtherApp', 'ServiceToken', 'DatadogApi', 'DatadogApp')] [string] $Name) {
    switch ($Name) {
        'DataApp' { 'dbn_live_emu_demoapp_7Q2x9LkP4vW8' }
        'OtherApp' { 'dbn_live_emu_otherapp_3Hs6Yt1Rm0Zq' }
        'ServiceToken' { 'dbn_svc_emu_org_5Nc8Wd2Jf7Bx' }
        'DatadogApi' { 'dd_api_emu_1f4e9a7c2b8d6e30' }
        'DatadogApp' { 'dd_app_emu_9c3b7e1a5f2d8c4b6a0e' }
    }
}

function ConvertTo-TestSecret([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }

function Connect-TestEmulator([Parameter(Mandatory)] $Emulator, [string] $Key = (Get-TestDevKey DataApp), [switch] $PassThru) {
    Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-TestSecret $Key) -DataBrainUri $Emulator.BaseUri `
        -DatadogApiKey (ConvertTo-TestSecret (Get-TestDevKey DatadogApi)) -DatadogApplicationKey (ConvertTo-TestSecret (Get-TestDevKey DatadogApp)) `
        -DatadogSite $Emulator.BaseUri -PassThru:$PassThru
}

# Workspaces and datamarts take the DataBrain service token (the emulator refuses the data-app key there).
function Connect-TestEmulatorWithServiceToken([Parameter(Mandatory)] $Emulator, [switch] $PassThru) {
    Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-TestSecret (Get-TestDevKey DataApp)) `
        -DataBrainServiceToken (ConvertTo-TestSecret (Get-TestDevKey ServiceToken)) -DataBrainUri $Emulator.BaseUri -PassThru:$PassThru
}

# One workspace or datamart record from the emulator's state dump; -AsJson gives its compact JSON, to compare states.
function Get-TestDataBrainRecord(
    [Parameter(Mandatory)] $Emulator,
    [Parameter(Mandatory)] [ValidateSet('workspaces', 'datamarts', 'datasources')] [string] $Collection,
    [Parameter(Mandatory)] [string] $Name,
    [switch] $AsJson) {
    $state = (Invoke-WebRequest -Uri "$($Emulator.BaseUri)/_emulator/state" -UseBasicParsing).Content | ConvertFrom-Json
    $record = $state.dataBrain.$Collection | Where-Object { $_.name -ceq $Name }
    if ($AsJson) { if ($record) { $record | ConvertTo-Json -Depth 20 -Compress } } else { $record }
}

# ---- Resilience and secrets suites (Resilience.Tests.ps1, Secrets.Tests.ps1) ----

# The emulator's whole state document (GET /_emulator/state), credentials and guest tokens included: for tests only.
function Get-TestEmulatorSnapshot([Parameter(Mandatory)] $Emulator) {
    (Invoke-WebRequest -Uri "$($Emulator.BaseUri)/_emulator/state" -UseBasicParsing).Content | ConvertFrom-Json -Depth 64
}

# Replaces the emulator's fault settings (PUT /_emulator/faults; fields left out are 0), restarting its fault sequence.
function Set-TestEmulatorFaults([Parameter(Mandatory)] $Emulator, [hashtable] $Faults = @{}) {
    Invoke-RestMethod -Method Put -Uri "$($Emulator.BaseUri)/_emulator/faults" -ContentType 'application/json' -Body ($Faults | ConvertTo-Json -Compress) | Out-Null
}

# The emulator's counters (GET /_emulator/stats): totalRequests, mutations, byRoute, byStatus, dropped, injectedErrors, storm429.
function Get-TestEmulatorCounters([Parameter(Mandatory)] $Emulator) {
    Invoke-RestMethod -Uri "$($Emulator.BaseUri)/_emulator/stats"
}

# Every substring of -Length characters of each secret: a text holding any of them shows part of a secret.
function Get-TestSecretFragments([string[]] $Secret, [int] $Length = 8) {
    $fragments = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
    foreach ($value in $Secret) {
        if ([string]::IsNullOrEmpty($value)) { continue }
        if ($value.Length -lt $Length) { [void] $fragments.Add($value); continue }
        for ($i = 0; $i -le $value.Length - $Length; $i++) { [void] $fragments.Add($value.Substring($i, $Length)) }
    }
    , $fragments
}

# The fragments of the secrets found in the text (ignoring case), each with a little context, masked, for the report.
# -Public: values that are meant to be shown (share tokens, URLs); a fragment that also occurs in one of them proves
# nothing, e.g. a seeded credential "0123456789abcdef…" and the open share token "0p3nsh4r3-1234567890ab".
function Find-TestSecretFragment([AllowEmptyString()] [string] $Text, [string[]] $Secret, [string[]] $Public = @(), [int] $Length = 8) {
    if ([string]::IsNullOrEmpty($Text)) { return }
    foreach ($fragment in (Get-TestSecretFragments -Secret $Secret -Length $Length)) {
        if ($Public | Where-Object { $_ -and $_.IndexOf($fragment, [System.StringComparison]::OrdinalIgnoreCase) -ge 0 }) { continue }
        $at = $Text.IndexOf($fragment, [System.StringComparison]::OrdinalIgnoreCase)
        if ($at -ge 0) {
            $start = [Math]::Max(0, $at - 40)
            $context = $Text.Substring($start, [Math]::Min($Text.Length - $start, $fragment.Length + 80)).Replace($Text.Substring($at, $fragment.Length), '<' + $fragment.Substring(0, 2) + '…>')
            [pscustomobject]@{ Fragment = $fragment.Substring(0, 2) + '…'; Context = $context -replace '\s+', ' ' }
        }
    }
}

# What Tab offers for a line whose values come from the service. A first Tab waits at most 150 ms and then
# answers from what it has, while the list keeps loading into the session's cache; a person presses Tab again.
# So does this, for up to 10 s, which keeps a loaded machine from failing a test about the values themselves.
function Get-TestCompletion([Parameter(Mandatory)] [string] $Line) {
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    do {
        $texts = @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
        if ($texts.Count -gt 0) { return $texts }
        Start-Sleep -Milliseconds 100
    } while ([DateTime]::UtcNow -lt $deadline)
    return @()
}

# Runs a fresh, non-interactive pwsh of the same kind as this one and returns what it wrote (both streams).
# Never 'pwsh' by name: the project's pinned pwsh is a dotnet tool, so pwsh.dll runs under the dotnet host.
function Invoke-TestPwsh([Parameter(Mandatory)] [string] $Command) {
    $hostPath = [Environment]::ProcessPath
    # @(...) around the whole if: an if statement unrolls a one-item array, and splatting a bare string passes it
    # character by character.
    $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
    & $hostPath @prefix -NoProfile -NonInteractive -Command $Command 2>&1
}

# Runs the script block and sorts what it wrote: Output, and the messages of its Warning and Verbose streams. For
# notices that must be -Verbose lines and never warnings (under -Debug a compiled cmdlet's warning becomes a prompt).
function Invoke-TestStreams([Parameter(Mandatory)] [scriptblock] $ScriptBlock) {
    $all = @(& $ScriptBlock 3>&1 4>&1)
    [pscustomobject]@{
        Output  = @($all | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] -and $_ -isnot [System.Management.Automation.VerboseRecord] })
        Warning = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] } | ForEach-Object Message)
        Verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
    }
}

Export-ModuleMember -Function *
