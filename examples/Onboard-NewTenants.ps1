<#
.SYNOPSIS
    Onboards new tenants from a CSV: a workspace of their own, a copy of the template dashboard in it, an embed
    with the row's access settings, and a guest token. Tenants that are already onboarded are reported and left alone.
.DESCRIPTION
    Per row of the CSV (see new-tenants.csv):
      1. New-Workspace      the tenant's workspace, on the tenant datamart          (service token)
      2. Import-Dashboard   the template dashboard, exported once, schemas mapped   (service token)
      3. New-Embed          an embed of that dashboard with the row's access settings (data-app key)
      4. New-GuestToken     a token that opens only that embed                       (data-app key)
    The session needs both DataBrain keys: Connect-EmbedAdmin -DataBrainApiKey ... -DataBrainServiceToken ....

    Running it again is safe. A tenant whose workspace and embed (for its DashboardId) exist is reported as
    AlreadyOnboarded and nothing is sent for it. A tenant stopped half-way (say the import failed) goes on from the
    first step that is missing. Every row that fails is written to -FailedPath, to fix and run again.
.EXAMPLE
    ./Onboard-NewTenants.ps1 -Path ./new-tenants.csv -WhatIf      # what each tenant would get; nothing is changed
.EXAMPLE
    $tenants = ./Onboard-NewTenants.ps1 -Path ./new-tenants.csv
    $tenants | Where-Object Status -eq 'Onboarded' | ForEach-Object { Send-Welcome $_.ClientId $_.GuestToken }
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $Path = (Join-Path $PSScriptRoot 'new-tenants.csv'),
    [string] $TemplateDashboardId = 'template-dashboard-001',
    [string] $TemplateWorkspaceName = 'analytics-workspace',
    # The data app the guest tokens are for; by default the one given to Connect-EmbedAdmin -DataAppName.
    [string] $DataAppName,
    [timespan] $TokenExpiry = [timespan]::FromHours(1),
    [string] $FailedPath = (Join-Path $PSScriptRoot 'onboarding-failed.csv')
)

$rows = @(Import-Csv -LiteralPath $Path)
$failures = [System.Collections.Generic.List[object]]::new()
function Add-Failure($errors) { foreach ($e in @($errors)) { if ($e) { $failures.Add($e) } } }

# What exists already: reads only, so they run under -WhatIf too.
$workspaces = @(Get-Workspace -ErrorAction Stop).Name
$embedsByDashboard = @{}
Get-Embed -ErrorAction Stop | Where-Object DashboardId | ForEach-Object { $embedsByDashboard[$_.DashboardId] = $_ }

$done = $rows | Where-Object { $_.WorkspaceName -cin $workspaces -and $embedsByDashboard.ContainsKey($_.DashboardId) }
foreach ($row in $done) {
    Write-Verbose "Tenant '$($row.Tenant)' is already onboarded: workspace '$($row.WorkspaceName)', embed $($embedsByDashboard[$row.DashboardId].EmbedId)."
    [pscustomobject]@{ Tenant = $row.Tenant; ClientId = $row.ClientId; WorkspaceName = $row.WorkspaceName; DashboardId = $row.DashboardId
        EmbedId = $embedsByDashboard[$row.DashboardId].EmbedId; Status = 'AlreadyOnboarded'; GuestToken = $null }
}

$todo = @($rows | Where-Object { $_ -notin $done })
if ($todo.Count -eq 0) { return }

# 1. Workspaces, for the tenants that have none. Under -WhatIf every later step is shown for every tenant.
$needWorkspace = @($todo | Where-Object { $_.WorkspaceName -cnotin $workspaces })
# The CSV rows go into every step as they are (columns bind by name), so a failed step's TargetObject is the whole row.
$createdWorkspaces = @($needWorkspace | New-Workspace -ConnectionType DATAMART -PassThru -ErrorAction SilentlyContinue -ErrorVariable +workspaceErrors).Name
Add-Failure $workspaceErrors
$ready = if ($WhatIfPreference) { $todo } else { @($todo | Where-Object { $_.WorkspaceName -cin ($workspaces + $createdWorkspaces) }) }

# 2. The template, exported once (a read; the file is local, so it is written even under -WhatIf), then imported.
$template = Join-Path ([IO.Path]::GetTempPath()) ("onboarding-template-{0}.json" -f [guid]::NewGuid())
try {
    Export-Dashboard -DashboardId $TemplateDashboardId -WorkspaceName $TemplateWorkspaceName -Path $template -WhatIf:$false -Confirm:$false -ErrorAction Stop | Out-Null
    $needDashboard = @($ready | Where-Object { -not $embedsByDashboard.ContainsKey($_.DashboardId) })
    $imported = @($needDashboard | Import-Dashboard -Path $template -ErrorAction SilentlyContinue -ErrorVariable +importErrors).DashboardId
}
finally {
    Remove-Item -LiteralPath $template -ErrorAction SilentlyContinue
}
# A dashboard left by an earlier, interrupted run answers InvalidDashboardId ("already exists"): it is there, go on.
$alreadyThere = @($importErrors | Where-Object { $_.FullyQualifiedErrorId -like 'InvalidDashboardId,*' } | ForEach-Object { $_.TargetObject.DashboardId })
Add-Failure ($importErrors | Where-Object { $_.FullyQualifiedErrorId -notlike 'InvalidDashboardId,*' })
$withDashboard = if ($WhatIfPreference) { $ready } else { @($ready | Where-Object { $_.DashboardId -in ($imported + $alreadyThere) -or $embedsByDashboard.ContainsKey($_.DashboardId) }) }

# 3. Embeds with the row's access settings (the isAllow... columns bind by their API names).
$needEmbed = @($withDashboard | Where-Object { -not $embedsByDashboard.ContainsKey($_.DashboardId) })
$embeds = @($needEmbed | New-Embed -ErrorAction SilentlyContinue -ErrorVariable +embedErrors)
Add-Failure $embedErrors
foreach ($embed in $embeds) { $embedsByDashboard[$embed.DashboardId] = $embed }

# 4. A guest token per onboarded tenant, opening only its own embed; tokens stay SecureStrings.
$tokenParameters = @{ Expiry = $TokenExpiry; ErrorAction = 'SilentlyContinue'; ErrorVariable = '+tokenErrors' }
if ($DataAppName) { $tokenParameters.DataAppName = $DataAppName }
foreach ($row in $withDashboard) {
    $embed = $embedsByDashboard[$row.DashboardId]
    if (-not $embed -and -not $WhatIfPreference) { continue }
    $embedId = if ($embed) { $embed.EmbedId } else { "(new embed of $($row.DashboardId))" }
    $token = $row | New-GuestToken -AllowedEmbeds $embedId @tokenParameters
    if ($WhatIfPreference) { continue }
    [pscustomobject]@{ Tenant = $row.Tenant; ClientId = $row.ClientId; WorkspaceName = $row.WorkspaceName; DashboardId = $row.DashboardId
        EmbedId = $embedId; Status = if ($token) { 'Onboarded' } else { 'TokenFailed' }; GuestToken = $token.Token }
}
Add-Failure $tokenErrors

if ($failures.Count -gt 0) {
    $failures | ForEach-Object { Write-Error -ErrorRecord $_ }
    $failures.TargetObject | Export-Csv -LiteralPath $FailedPath -NoTypeInformation
    Write-Warning "$($failures.Count) steps failed; their rows are in $FailedPath. Fix them and run this script again: tenants already onboarded are skipped."
}
