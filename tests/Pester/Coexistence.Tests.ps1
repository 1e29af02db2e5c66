# Coexistence: EmbedAdmin imports and works in one process beside a module that loads other versions of
# Microsoft.Extensions.* and System.Text.Json (tests/Fixtures/Coexistence), in both import orders, each in a fresh
# pwsh so that nothing one order loaded can help or hurt the other.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:emulator = Start-TestEmulator
    $script:modulePath = Get-TestModulePath
    $script:dependencies = Join-Path (Split-Path $script:modulePath) 'dependencies'

    # Built here, from source, so the fixture's versions are whatever its project asks the package source for.
    $script:otherDir = Join-Path $TestDrive 'OtherHttpModule'
    $project = Join-Path $PSScriptRoot '../Fixtures/Coexistence/OtherHttpModule.csproj'
    $build = & dotnet build $project -c Release -o $script:otherDir --nologo -v quiet 2>&1
    if ($LASTEXITCODE -ne 0) { throw "The coexistence fixture did not build:`n$($build -join "`n")" }
    $script:otherManifest = Join-Path $script:otherDir 'OtherHttpModule.psd1'

    # The versions each side ships, read from the files, so the test follows either module's upgrades.
    function script:Get-ShippedVersion([string] $Folder, [string] $Name) {
        [System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $Folder "$Name.dll")).Version.ToString()
    }

    # One fresh process: import both modules in the order given, use each, and report which copies were loaded where.
    function script:Invoke-BothModules([ValidateSet('OtherFirst', 'EmbedAdminFirst')] [string] $Order, [bool] $AllowEmailReports) {
        $child = @'
$ErrorActionPreference = 'Stop'
$imports = @{ Other = '{OTHER}'; EmbedAdmin = '{EMBEDADMIN}' }
foreach ($name in {ORDER}) { Import-Module $imports[$name] }
$other = Use-OtherHttpClient -Uri '{BASE}/_emulator/health'
Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-SecureString '{KEY}' -AsPlainText -Force) -DataBrainUri '{BASE}'
$set = Set-EmbedAccess -EmbedId embed_acme -AllowEmailReports {ALLOW} -PassThru
$loaded = [AppDomain]::CurrentDomain.GetAssemblies() |
    Where-Object { $_.GetName().Name -like 'Microsoft.Extensions.*' -or $_.GetName().Name -in 'System.Text.Json', 'EmbedAdmin', 'EmbedAdmin.Core' } |
    ForEach-Object { [pscustomobject]@{ Name = $_.GetName().Name; Version = $_.GetName().Version.ToString(); Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name } }
$summary = [pscustomobject]@{
    Other = [pscustomobject]@{ Json = $other.Json; Status = $other.Status; Assemblies = @($other.Assemblies | Select-Object Name, Version, Context) }
    EmbedAdmin = [pscustomobject]@{ EmbedId = $set.EmbedId; AllowEmailReports = $set.AllowEmailReports; UpdatedFields = @($set.UpdatedFields) }
    Loaded = @($loaded)
}
'COEXISTENCE-SUMMARY ' + ($summary | ConvertTo-Json -Depth 5 -Compress)
'@
        $imports = if ($Order -eq 'OtherFirst') { "'Other', 'EmbedAdmin'" } else { "'EmbedAdmin', 'Other'" }
        $child = $child.Replace('{OTHER}', $script:otherManifest).Replace('{EMBEDADMIN}', $script:modulePath).Replace('{ORDER}', $imports).
            Replace('{BASE}', $script:emulator.BaseUri).Replace('{KEY}', (Get-TestDevKey DataApp)).Replace('{ALLOW}', $(if ($AllowEmailReports) { '$true' } else { '$false' }))
        $text = Invoke-TestPwsh $child
        $exit = $LASTEXITCODE
        $line = $text | Where-Object { "$_".StartsWith('COEXISTENCE-SUMMARY ') } | Select-Object -Last 1
        if ($exit -ne 0 -or -not $line) { throw "The fresh pwsh ($Order) failed with exit code ${exit}:`n$($text -join "`n")" }
        "$line".Substring('COEXISTENCE-SUMMARY '.Length) | ConvertFrom-Json
    }
}

AfterAll {
    Stop-TestEmulator $script:emulator
}

Describe 'EmbedAdmin beside a module with other Microsoft.Extensions.* and System.Text.Json' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
    }

    It 'the two modules really ship different versions (else this test proves nothing)' {
        foreach ($name in 'Microsoft.Extensions.Http', 'Microsoft.Extensions.Options', 'Microsoft.Extensions.DependencyInjection') {
            Get-ShippedVersion $script:otherDir $name | Should -Not -Be (Get-ShippedVersion $script:dependencies $name) -Because $name
        }
    }

    It 'both work in a fresh process importing <Order>, each side with its own copies' -ForEach @(
        @{ Order = 'OtherFirst' }
        @{ Order = 'EmbedAdminFirst' }
    ) {
        $before = (Get-TestEmbedAccess $script:emulator embed_acme).isAllowEmailReports
        $Allow = -not $before # a change either way, so the update is visible whatever the seed says

        $summary = Invoke-BothModules -Order $Order -AllowEmailReports $Allow

        # The other module works, with its own versions, from the default context.
        $summary.Other.Status | Should -Be 200
        $summary.Other.Json | Should -Be '{"module":"other-module","ok":true}'
        foreach ($assembly in $summary.Other.Assemblies | Where-Object Name -like 'Microsoft.Extensions.*') {
            $assembly.Context | Should -Be 'Default' -Because $assembly.Name
            $assembly.Version | Should -Be (Get-ShippedVersion $script:otherDir $assembly.Name) -Because $assembly.Name
        }

        # EmbedAdmin works: the change reached the emulator.
        $summary.EmbedAdmin.EmbedId | Should -Be 'embed_acme'
        $summary.EmbedAdmin.UpdatedFields | Should -Be @('isAllowEmailReports')
        (Get-TestEmbedAccess $script:emulator embed_acme).isAllowEmailReports | Should -Be $Allow

        # EmbedAdmin's own assemblies and its Microsoft.Extensions.* are in its private context, at its versions.
        foreach ($name in 'EmbedAdmin', 'EmbedAdmin.Core') {
            @($summary.Loaded | Where-Object Name -EQ $name).Context | Should -Be @('EmbedAdmin') -Because $name
        }
        $ours = @($summary.Loaded | Where-Object { $_.Context -eq 'EmbedAdmin' -and $_.Name -like 'Microsoft.Extensions.*' })
        $ours.Name | Should -Contain 'Microsoft.Extensions.Http'
        $ours.Name | Should -Contain 'Microsoft.Extensions.Options'
        $ours.Name | Should -Contain 'Microsoft.Extensions.DependencyInjection'
        foreach ($assembly in $ours) {
            $assembly.Version | Should -Be (Get-ShippedVersion $script:dependencies $assembly.Name) -Because $assembly.Name
        }

        # Each Microsoft.Extensions.* the other module uses is loaded twice, once per side, never mixed up.
        foreach ($name in 'Microsoft.Extensions.Http', 'Microsoft.Extensions.Options', 'Microsoft.Extensions.DependencyInjection') {
            $copies = @($summary.Loaded | Where-Object Name -EQ $name)
            ($copies | Sort-Object Context | ForEach-Object { "$($_.Context)=$($_.Version)" }) | Should -Be @(
                "Default=$(Get-ShippedVersion $script:otherDir $name)"
                "EmbedAdmin=$(Get-ShippedVersion $script:dependencies $name)"
            ) -Because $name
        }

        # System.Text.Json comes from the runtime for both: one copy, in the default context.
        $json = @($summary.Loaded | Where-Object Name -EQ 'System.Text.Json')
        $json.Context | Should -Be @('Default')
        ($summary.Other.Assemblies | Where-Object Name -EQ 'System.Text.Json').Version | Should -Be $json[0].Version
    }
}
