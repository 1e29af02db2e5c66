<#
.SYNOPSIS
    Onboards tenants from a CSV: one dashboard per client, cloned from a template, with least-privilege access
    unless the row asks for more, then a one-hour guest token for each.
.EXAMPLE
    ./Onboard-Tenants.ps1 -Path ./tenants.csv -WhatIf     # see what each tenant would get, defaults included
.EXAMPLE
    ./Onboard-Tenants.ps1 -Path ./tenants.csv -FailedPath ./failed.csv
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $Path = (Join-Path $PSScriptRoot 'tenants.csv'),
    [string] $FailedPath = (Join-Path $PSScriptRoot 'onboarding-failed.csv'),
    [int] $ThrottleLimit = 8,
    [switch] $WithGuestTokens,
    # The data app the tokens are for; by default the one given to Connect-EmbedAdmin -DataAppName.
    [string] $DataAppName
)

$created = Import-Csv -LiteralPath $Path |
    New-DashboardEmbed -ThrottleLimit $ThrottleLimit -ErrorAction SilentlyContinue -ErrorVariable failed -WhatIf:$WhatIfPreference

if ($WithGuestTokens -and -not $WhatIfPreference) {
    # ClientId and EmbedId bind by property name: no Select-Object between the two. Tokens stay SecureStrings.
    $tokenParameters = @{ Expiry = [timespan]::FromHours(1); ThrottleLimit = $ThrottleLimit }
    if ($DataAppName) { $tokenParameters.DataAppName = $DataAppName }
    $created | New-GuestToken @tokenParameters
}

if ($failed) {
    $failed.TargetObject | Export-Csv -LiteralPath $FailedPath -NoTypeInformation
    Write-Warning "$($failed.Count) tenants failed; their rows are in $FailedPath. Fix them and run this script with -Path $FailedPath."
}

$created
