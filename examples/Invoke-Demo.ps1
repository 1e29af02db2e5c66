<#
.SYNOPSIS
    The README's main job: bulk-edits embeds from examples/*.csv through Set-EmbedAccess against the emulator.
.DESCRIPTION
    build.ps1 Demo starts the emulator and calls this script. The DataBrain key below is the emulator's public
    development key (src/EmbedAdmin.Emulator/README.md); against the real service, use your own.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [uri] $BaseUri
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

$key = ConvertTo-SecureString 'dbn_live_emu_demoapp_7Q2x9LkP4vW8' -AsPlainText -Force
Connect-EmbedAdmin -DataBrainApiKey $key -DataBrainUri $BaseUri -DatadogSite $BaseUri
Get-EmbedAdminSession | Format-List DataBrainUri, DataBrainApiKey, MaximumRetryCount, Timeout

$failures = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
foreach ($csv in Get-ChildItem -LiteralPath $PSScriptRoot -Filter '*.csv' | Sort-Object Name) {
    Write-Host "`n== $($csv.Name): what would change (-WhatIf)" -ForegroundColor Cyan
    Import-Csv -LiteralPath $csv.FullName | Select-Object -First 2 | Set-EmbedAccess -WhatIf -ErrorAction SilentlyContinue

    Write-Host "`n== $($csv.Name): applying" -ForegroundColor Cyan
    Import-Csv -LiteralPath $csv.FullName |
        Set-EmbedAccess -PassThru -ThrottleLimit 4 -ErrorAction SilentlyContinue -ErrorVariable +rowErrors |
        Format-Table -AutoSize | Out-Host
    foreach ($record in $rowErrors) { $failures.Add($record) }
    $rowErrors = $null
    Write-Host ((Get-EmbedAdminSession).LastBulkRun.ToString())
}

if ($failures.Count -gt 0) {
    Write-Host "`n== Rows that failed, one error each, with a stable id" -ForegroundColor Yellow
    $failures | ForEach-Object { '{0,-28} {1}' -f $_.FullyQualifiedErrorId.Split(',')[0], $_.Exception.Message } | Out-Host
    $replay = Join-Path ([System.IO.Path]::GetTempPath()) 'embedadmin-demo-failed.csv'
    $failures.TargetObject | Export-Csv -LiteralPath $replay -NoTypeInformation
    Write-Host "Failed rows saved for replay: $replay (fix them, then: Import-Csv $replay | Set-EmbedAccess)"
}

Disconnect-EmbedAdmin
