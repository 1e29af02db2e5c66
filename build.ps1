#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, documents, packages and demonstrates EmbedAdmin.

.DESCRIPTION
    Build    lays the module out under out/EmbedAdmin/<version>/, ready for Import-Module.
    Test     runs every xUnit suite, then the whole Pester suite against the laid-out module, with the Pester
             version pinned in tools/TestTools/TestTools.csproj (restored from NuGet into out/tools, imported by path).
    Help     regenerates en-US/ (MAML and about topic) from docs/.
    Package  makes out/packages/EmbedAdmin.<version>.nupkg, installable with Install-PSResource/Install-Module.
    Demo     starts the emulator on 127.0.0.1 and bulk-edits embeds from examples/*.csv through Set-EmbedAccess.

.EXAMPLE
    ./build.ps1 Build, Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Help', 'Package', 'Demo')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $root 'EmbedAdmin.psd1')
$version = $manifest.ModuleVersion
$outRoot = Join-Path $root 'out'
$moduleRoot = Join-Path $outRoot 'EmbedAdmin'
$moduleDir = Join-Path $moduleRoot $version
$emulatorDir = Join-Path $outRoot 'emulator'

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $Command, [string[]] $Arguments = @())
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Invoke-Build {
    $publish = Join-Path $outRoot 'publish'
    Remove-Item -LiteralPath $publish, $moduleDir -Recurse -Force -ErrorAction SilentlyContinue
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/EmbedAdmin/EmbedAdmin.csproj'), '-c', $Configuration, '-o', (Join-Path $publish 'module'), '--nologo', '-v', 'quiet')
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/EmbedAdmin.Loader/EmbedAdmin.Loader.csproj'), '-c', $Configuration, '-o', (Join-Path $publish 'loader'), '--nologo', '-v', 'quiet')
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/EmbedAdmin.Emulator/EmbedAdmin.Emulator.csproj'), '-c', $Configuration, '-o', $emulatorDir, '--nologo', '-v', 'quiet')

    $dependencies = Join-Path $moduleDir 'dependencies'
    New-Item -ItemType Directory -Path $dependencies -Force | Out-Null
    # Our assemblies sit in the module root; everything else goes where PowerShell does not probe, so only
    # the module's own load context (7.x) or resolver (5.1) can hand it out.
    foreach ($file in Get-ChildItem -LiteralPath (Join-Path $publish 'module') -Filter '*.dll') {
        $target = if ($file.BaseName -like 'EmbedAdmin*') { $moduleDir } else { $dependencies }
        Copy-Item -LiteralPath $file.FullName -Destination $target
    }
    Copy-Item -LiteralPath (Join-Path $publish 'loader/EmbedAdmin.Loader.dll') -Destination $moduleDir
    Copy-Item -LiteralPath (Join-Path $root 'EmbedAdmin.psd1') -Destination $moduleDir
    foreach ($asset in 'EmbedAdmin.psm1', 'EmbedAdmin.Format.ps1xml') {
        Copy-Item -LiteralPath (Join-Path $root "src/EmbedAdmin/$asset") -Destination $moduleDir
    }
    foreach ($asset in 'LICENSE', 'CHANGELOG.md') {
        Copy-Item -LiteralPath (Join-Path $root $asset) -Destination $moduleDir
    }
    Copy-Item -LiteralPath (Join-Path $root 'en-US') -Destination $moduleDir -Recurse
    Write-Host "Module laid out in $moduleDir"
}

# The pwsh running this script, as a command line that starts another one: the pinned dotnet tool runs pwsh.dll
# under the dotnet host, an installed pwsh is its own executable.
function Get-PwshCommandLine {
    $processPath = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($processPath) -eq 'dotnet') {
        return @($processPath, (Join-Path $PSHOME 'pwsh.dll'))
    }
    return @($processPath)
}

# Pester comes from NuGet at the one version tools/TestTools/TestTools.csproj names, never from whatever Pester
# the machine has (Windows PowerShell ships 3.4).
function Get-PesterManifest {
    $project = Join-Path $root 'tools/TestTools/TestTools.csproj'
    $version = ([xml] (Get-Content -LiteralPath $project -Raw)).Project.PropertyGroup.PesterVersion | Where-Object { $_ } | Select-Object -First 1
    $manifest = Join-Path $outRoot "tools/pester/$version/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $manifest)) {
        & dotnet restore $project --nologo -v quiet
        if ($LASTEXITCODE -ne 0 -or -not (Test-Path -LiteralPath $manifest)) {
            throw "Pester $version could not be restored from NuGet ('dotnet restore $project' exited with $LASTEXITCODE); the Pester suite cannot run."
        }
    }
    return $manifest
}

function Invoke-Test {
    Invoke-Native dotnet @('test', (Join-Path $root 'EmbedAdmin.sln'), '-c', $Configuration, '--nologo')

    $pester = Get-PesterManifest
    if (-not (Test-Path -LiteralPath (Join-Path $moduleDir 'EmbedAdmin.psd1'))) {
        Invoke-Build
    }

    # A fresh process, so the suite imports the laid-out module and nothing this session loaded.
    $script = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$pester'
`$config = New-PesterConfiguration
`$config.Run.Path = '$(Join-Path $root 'tests/Pester')'
`$config.Run.Exit = `$true
`$config.Output.Verbosity = 'Detailed'
`$config.TestResult.Enabled = `$true
`$config.TestResult.OutputPath = '$(Join-Path $outRoot 'pester-results.xml')'
Invoke-Pester -Configuration `$config
"@
    $env:EMBEDADMIN_MODULE_PATH = Join-Path $moduleDir 'EmbedAdmin.psd1'
    $env:EMBEDADMIN_EMULATOR_DLL = Join-Path $emulatorDir 'EmbedAdmin.Emulator.dll'
    $pwsh = @(Get-PwshCommandLine)
    Invoke-Native $pwsh[0] (@($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $script))
}

# Always HelpGen: PlatyPS 1.0.3's MAML puts example code, fences and U+0080 spacers into the introduction, which
# Get-Help shows verbatim; HelpGen writes the code to dev:code and the text to dev:remarks, as built-in help does.
function Invoke-Help {
    $generator = Join-Path $root 'tools/HelpGen/HelpGen.csproj'
    Invoke-Native dotnet @('run', '--project', $generator, '-c', $Configuration, '--', 'all', (Join-Path $root 'docs'), (Join-Path $root 'en-US'))
}

function Invoke-Package {
    Invoke-Build
    $repository = Join-Path $outRoot 'packages'
    New-Item -ItemType Directory -Path $repository -Force | Out-Null
    Get-ChildItem -LiteralPath $repository -Filter 'EmbedAdmin.*.nupkg' | Remove-Item -Force
    $name = 'EmbedAdminBuild'
    if (Get-PSResourceRepository -Name $name -ErrorAction SilentlyContinue) {
        Unregister-PSResourceRepository -Name $name
    }
    Register-PSResourceRepository -Name $name -Uri $repository -Trusted
    try {
        Publish-PSResource -Path $moduleDir -Repository $name
    }
    finally {
        Unregister-PSResourceRepository -Name $name
    }
    Get-ChildItem -LiteralPath $repository -Filter 'EmbedAdmin.*.nupkg' | ForEach-Object { Write-Host "Package: $($_.FullName)" }
}

function Invoke-Demo {
    Invoke-Build
    $ready = Join-Path ([System.IO.Path]::GetTempPath()) "embedadmin-demo-$PID.url"
    Remove-Item -LiteralPath $ready -ErrorAction SilentlyContinue
    $emulator = Start-Process -FilePath dotnet -PassThru -NoNewWindow -RedirectStandardOutput (Join-Path $outRoot 'emulator-demo.log') -ArgumentList @(
        (Join-Path $emulatorDir 'EmbedAdmin.Emulator.dll'), '--port', '0', '--ready-file', $ready)
    try {
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while (-not (Test-Path -LiteralPath $ready) -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 100
        }
        if (-not (Test-Path -LiteralPath $ready)) {
            throw 'The emulator did not start within 30 seconds; see out/emulator-demo.log.'
        }
        $baseUri = (Get-Content -LiteralPath $ready -Raw).Trim()
        & (Join-Path $root 'examples/Invoke-Demo.ps1') -ModulePath (Join-Path $moduleDir 'EmbedAdmin.psd1') -BaseUri $baseUri
    }
    finally {
        Stop-Process -Id $emulator.Id -ErrorAction SilentlyContinue
        Remove-Item -LiteralPath $ready -ErrorAction SilentlyContinue
    }
}

foreach ($step in $Task) {
    Write-Host "==> $step" -ForegroundColor Cyan
    switch ($step) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Help' { Invoke-Help }
        'Package' { Invoke-Package }
        'Demo' { Invoke-Demo }
    }
}
