# What the benchmark scripts share: an emulator process of their own, and a fresh pwsh per measured run.
# The emulator is started from the laid-out build (out/emulator); the caller stops it by its process id.

# The laid-out build every benchmark measures: the module as ./build.ps1 Build writes it, and the emulator beside it.
function Get-BenchBuild {
    $root = Resolve-Path (Join-Path $PSScriptRoot '..')
    $manifest = Import-PowerShellDataFile (Join-Path $root 'EmbedAdmin.psd1')
    $build = [pscustomobject]@{
        ModulePath  = Join-Path $root "out/EmbedAdmin/$($manifest.ModuleVersion)/EmbedAdmin.psd1"
        EmulatorDll = Join-Path $root 'out/emulator/EmbedAdmin.Emulator.dll'
    }
    if (-not (Test-Path $build.ModulePath) -or -not (Test-Path $build.EmulatorDll)) { throw 'Run ./build.ps1 Build first.' }
    $build
}

# The emulator's public development keys (it accepts nothing else; none of them works anywhere but the emulator).
function Get-EmulatorKeys {
    [pscustomobject]@{
        DataBrainApiKey       = 'dbn_live_emu_demoapp_7Q2x9LkP4vW8'
        DataBrainServiceToken = 'dbn_svc_emu_org_5Nc8Wd2Jf7Bx'
        DatadogApiKey         = 'dd_api_emu_1f4e9a7c2b8d6e30'
        DatadogAppKey         = 'dd_app_emu_9c3b7e1a5f2d8c4b6a0e'
    }
}

function Start-Emulator([Parameter(Mandatory)] [string] $EmulatorDll, [string[]] $Options = @()) {
    $ready = Join-Path ([IO.Path]::GetTempPath()) ("embedadmin-bench-{0}.url" -f [guid]::NewGuid())
    $process = Start-Process dotnet -ArgumentList (@($EmulatorDll, '--port', '0', '--quiet', '--ready-file', $ready) + $Options) -PassThru `
        -RedirectStandardOutput ([IO.Path]::GetTempFileName()) -RedirectStandardError ([IO.Path]::GetTempFileName())
    $deadline = [DateTime]::UtcNow.AddSeconds(30)
    while (-not (Test-Path $ready) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
    $uri = (Get-Content $ready -Raw).Trim().TrimEnd('/')
    Remove-Item $ready
    [pscustomobject]@{ Process = $process; BaseUri = $uri }
}

# Runs a script in a fresh pwsh and returns what it printed as JSON, so each figure comes from a clean process.
function Invoke-Fresh([string] $Script) {
    # The pinned pwsh is a dotnet tool: pwsh.dll under the dotnet host, like the one running this script.
    $hostPath = [Environment]::ProcessPath
    $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
    $output = & $hostPath @prefix -NoProfile -NonInteractive -Command $Script
    if ($LASTEXITCODE -ne 0) { throw "A benchmark process failed: $output" }
    $output | Select-Object -Last 1 | ConvertFrom-Json
}

# The one-, five- and fifteen-minute load averages ('n/a' where the system has no /proc/loadavg): the goals ask for
# a quiet machine, and each report records how quiet it was.
function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0..2] -join ' ' } else { 'n/a' }
}

# Each benchmark journals its changes, as a user's run would, but into a folder of its own: thousands of benchmark
# rows have no place in the journal of whoever runs the benchmarks. The fresh processes inherit the variable.
function Use-BenchJournal {
    $env:EMBEDADMIN_JOURNAL_PATH = Join-Path ([IO.Path]::GetTempPath()) ("embedadmin-bench-journal-{0}" -f [guid]::NewGuid())
}

function Remove-BenchJournal {
    if ($env:EMBEDADMIN_JOURNAL_PATH -and (Test-Path -LiteralPath $env:EMBEDADMIN_JOURNAL_PATH)) { Remove-Item -LiteralPath $env:EMBEDADMIN_JOURNAL_PATH -Recurse -Force }
}

Export-ModuleMember -Function Get-BenchBuild, Get-EmulatorKeys, Start-Emulator, Invoke-Fresh, Get-LoadAverage, Use-BenchJournal, Remove-BenchJournal
