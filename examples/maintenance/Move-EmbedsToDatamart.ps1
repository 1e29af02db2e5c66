<#
.SYNOPSIS
    Moves every embed that reads one datamart to another.
.EXAMPLE
    ./Move-EmbedsToDatamart.ps1 -From customer-analytics -To sales-datamart -WhatIf
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $From,
    [Parameter(Mandatory)] [string] $To,
    [int] $ThrottleLimit = 8
)

# -IncludeAccess reads each embed's current datamart; only those on $From are touched.
Get-Embed -IncludeAccess -ThrottleLimit $ThrottleLimit |
    Where-Object DatamartName -EQ $From |
    Set-EmbedAccess -DatamartName $To -ThrottleLimit $ThrottleLimit -PassThru -WhatIf:$WhatIfPreference
