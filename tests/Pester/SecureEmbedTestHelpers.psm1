# Helpers for the Datadog secure-embed suites, on top of TestHelpers.psm1: the emulator's view of the shares.

function Get-TestEmulatorState([Parameter(Mandatory)] $Emulator) {
    Invoke-RestMethod -Uri "$($Emulator.BaseUri)/_emulator/state"
}

# A share as the emulator stores it, credential included: for assertions only, never for output.
function Get-TestSecureEmbedShare([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Token) {
    (Get-TestEmulatorState $Emulator).datadog.shares | Where-Object token -EQ $Token
}

function Get-TestSecureEmbedShares([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $DashboardId) {
    @((Get-TestEmulatorState $Emulator).datadog.shares | Where-Object { $_.dashboardId -eq $DashboardId -and $_.shareType -eq 'secure_embed' })
}

function Get-TestEmulatorStats([Parameter(Mandatory)] $Emulator) {
    Invoke-RestMethod -Uri "$($Emulator.BaseUri)/_emulator/stats"
}

# Back to the seed, no faults, no rate limits, counters at zero.
function Reset-TestSecureEmbedEmulator([Parameter(Mandatory)] $Emulator) {
    Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)/_emulator/reset" | Out-Null
    Invoke-RestMethod -Method Put -Uri "$($Emulator.BaseUri)/_emulator/faults" -ContentType 'application/json' -Body '{}' | Out-Null
    Invoke-RestMethod -Method Put -Uri "$($Emulator.BaseUri)/_emulator/rate-limits" -ContentType 'application/json' -Body '{}' | Out-Null
    Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)/_emulator/stats/reset" | Out-Null
}

function Set-TestDatadogRateLimit([Parameter(Mandatory)] $Emulator, [double] $RequestsPerSecond, [int] $Burst) {
    $body = @{ datadog = @{ requestsPerSecond = $RequestsPerSecond; burst = $Burst } } | ConvertTo-Json -Compress
    Invoke-RestMethod -Method Put -Uri "$($Emulator.BaseUri)/_emulator/rate-limits" -ContentType 'application/json' -Body $body | Out-Null
}

# Spends Datadog's whole budget from outside the module (as another runbook sharing the key would), then zeroes the
# counters: the module's first request then meets a 429 before it has learned anything.
function Use-TestDatadogBudget([Parameter(Mandatory)] $Emulator, [int] $Requests = 4) {
    $headers = @{ 'DD-API-KEY' = (Get-TestDevKey DatadogApi); 'DD-APPLICATION-KEY' = (Get-TestDevKey DatadogApp) }
    1..$Requests | ForEach-Object {
        Invoke-WebRequest -Uri "$($Emulator.BaseUri)/api/v2/dashboard/xyz-123-uvw/shared" -Headers $headers -SkipHttpErrorCheck -UseBasicParsing | Out-Null
    }
    Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)/_emulator/stats/reset" | Out-Null
}

# Lowers Datadog's 1,000-shares-per-dashboard limit, so the 409 can be reached without 1,000 creates.
function Set-TestShareLimit([Parameter(Mandatory)] $Emulator, [int] $Maximum) {
    $state = Get-TestEmulatorState $Emulator
    $state.datadog.maxSharesPerDashboard = $Maximum
    $body = $state | ConvertTo-Json -Depth 50 -Compress
    Invoke-RestMethod -Method Post -Uri "$($Emulator.BaseUri)/_emulator/reset" -ContentType 'application/json' -Body $body | Out-Null
}

function Get-TestFirstErrorId([Parameter(Mandatory)] [System.Management.Automation.ErrorRecord] $ErrorRecord) {
    $ErrorRecord.FullyQualifiedErrorId.Split(',')[0]
}

Export-ModuleMember -Function *
