<#
.SYNOPSIS
    Tightens permissions across every embed: no email reports, no underlying data, no metric deletion.
.DESCRIPTION
    Run with -WhatIf first: for each embed it prints "field: old -> new" and changes nothing.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $Name = '*',
    [int] $ThrottleLimit = 8
)

Get-Embed -Name $Name |
    Set-EmbedAccess -AllowEmailReports $false -AllowUnderlyingData $false -AllowMetricDeletion $false `
        -ThrottleLimit $ThrottleLimit -PassThru -WhatIf:$WhatIfPreference
