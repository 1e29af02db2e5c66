# Runbook-safe output. With -Debug, PowerShell raises a compiled cmdlet's WarningPreference to Inquire, so every
# warning becomes a "Continue?" prompt, and a non-interactive runbook fails on it ("PowerShell is in NonInteractive
# mode. Read and Prompt functionality is not available."). So no cmdlet may warn, or ask anything, on a normal
# successful run. Each exported cmdlet runs its first entry of CmdletRuns.ps1 (one normal, successful run against the
# emulator) with -Debug in one fresh non-interactive pwsh. A cmdlet without an entry there fails, so a new cmdlet
# cannot ship untested.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:commands = @((Get-Command -Module EmbedAdmin -CommandType Cmdlet).Name | Sort-Object)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    $commands = @((Get-Command -Module EmbedAdmin -CommandType Cmdlet).Name | Sort-Object)
    $scratch = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'child') -Force

    # The child reports each run between a ##BEGIN line and a ##RESULT line (JSON), so that whatever the host itself
    # printed (a prompt's caption, say) is attributed to the cmdlet that caused it.
    $child = @'
$env:EMBEDADMIN_MODULE_PATH = '@@MODULE@@'
Import-Module '@@HELPERS@@'
Import-Module (Get-TestModulePath)
$script:emulator = [pscustomobject]@{ BaseUri = '@@BASE@@' }
$TestDrive = '@@SCRATCH@@'
. '@@RUNS@@'

function Invoke-DebugRun([string] $Name, [scriptblock] $Run) {
    [Console]::Out.WriteLine("##BEGIN $Name")
    $result = [ordered]@{ Command = $Name; Errors = @(); Warnings = 0; DebugLines = 0; Text = '' }
    try {
        $all = @(& $Run *>&1)
        $result.Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" })
        $result.Warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Count
        $result.DebugLines = @($all | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Count
        $result.Text = ($all | Where-Object { $_ -is [System.Management.Automation.InformationalRecord] -or $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { "$_" }) -join "`n"
    }
    catch {
        $result.Errors += "$($_.FullyQualifiedErrorId): $($_.Exception.Message)"
    }
    [Console]::Out.WriteLine('##RESULT ' + ($result | ConvertTo-Json -Compress -Depth 3))
}

foreach ($command in '@@COMMANDS@@' -split ',') {
    $entry = @($script:scans[$command])[0]
    if (-not $entry) {
        [Console]::Out.WriteLine("##BEGIN $command")
        [Console]::Out.WriteLine('##RESULT ' + (@{ Command = $command; Missing = $true } | ConvertTo-Json -Compress))
        continue
    }
    Reset-TestEmulator $script:emulator
    Connect-Everything
    if ($entry.Before) { . $entry.Before }
    $splat = if ($entry.Parameters) { & $entry.Parameters } else { @{} }
    $splat.Debug = $true
    Invoke-DebugRun $command { if ($entry.Input) { & $entry.Input | & $command @splat } else { & $command @splat } }
    if ($entry.After) { . $entry.After }
}

# The check itself works: a cmdlet that warns (no key anywhere) does stop this process under -Debug.
Remove-Item Env:DATABRAIN_API_KEY, Env:DATABRAIN_SERVICE_TOKEN, Env:DD_API_KEY -ErrorAction SilentlyContinue
Invoke-DebugRun '#warning' { Connect-EmbedAdmin -DataBrainUri $script:emulator.BaseUri -Debug }
'@
    $quote = { param($text) "$text".Replace("'", "''") }
    $child = $child.Replace('@@MODULE@@', (& $quote (Resolve-Path (Get-TestModulePath)).Path)).
        Replace('@@HELPERS@@', (& $quote (Join-Path $PSScriptRoot 'TestHelpers.psm1'))).
        Replace('@@BASE@@', (& $quote $script:emulator.BaseUri)).
        Replace('@@SCRATCH@@', (& $quote $scratch.FullName)).
        Replace('@@RUNS@@', (& $quote (Join-Path $PSScriptRoot 'CmdletRuns.ps1'))).
        Replace('@@COMMANDS@@', (& $quote ($commands -join ',')))

    $script:output = @(Invoke-TestPwsh -Command $child | ForEach-Object { "$_" })
    $script:results = @{}
    $script:hostText = @{}
    $current = $null
    foreach ($line in $script:output) {
        if ($line -match '^##BEGIN (.+)$') { $current = $Matches[1]; $script:hostText[$current] = [System.Text.StringBuilder]::new(); continue }
        if ($line -match '^##RESULT (.+)$') { $result = $Matches[1] | ConvertFrom-Json; $script:results[$result.Command] = $result; continue }
        if ($current) { [void] $script:hostText[$current].AppendLine($line) }
    }
    $script:prompted = 'NonInteractive mode|\[Y\] Yes|Continue with this operation'
}

AfterAll {
    Stop-TestEmulator $script:emulator
}

Describe 'Runbook-safe output: every cmdlet with -Debug in a non-interactive pwsh' {
    It 'a warning under -Debug does stop a non-interactive pwsh (the check itself works)' {
        $result = $script:results['#warning']
        $result | Should -Not -BeNullOrEmpty -Because "the child ran to its end; it wrote:`n$($script:output -join "`n")"
        ($result.Errors -join "`n") + $script:hostText['#warning'] | Should -Match 'NonInteractive mode'
    }

    It '<_> runs without a prompt and writes no warning' -ForEach $script:commands {
        $result = $script:results[$_]
        $result | Should -Not -BeNullOrEmpty -Because "the child ran $_; it wrote:`n$($script:output -join "`n")"
        if ($result.Missing) {
            throw "CmdletRuns.ps1 has no run for $_. Add one to `$script:scans in tests/Pester/CmdletRuns.ps1 (a normal successful run first, then a failure), so that it is tested here and in the secrets scan."
        }

        $seen = "$($script:hostText[$_])`n$($result.Text)`n$($result.Errors -join "`n")"
        $seen | Should -Not -Match $script:prompted
        $result.Errors | Should -BeNullOrEmpty -Because 'the first entry in CmdletRuns.ps1 is a normal, successful run'
        $result.Warnings | Should -Be 0 -Because 'a normal, successful run writes no warning (under -Debug it would be a prompt)'
        if ($_ -notin 'Connect-EmbedAdmin', 'Disconnect-EmbedAdmin', 'Get-EmbedAdminSession') {
            $result.DebugLines | Should -BeGreaterThan 0 -Because '-Debug was in effect'
        }
    }
}
