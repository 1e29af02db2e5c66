# One table of cmdlet runs against the emulator, shared by Secrets.Tests.ps1 (which scans every entry) and
# DebugPrompt.Tests.ps1 (which runs each cmdlet's first entry with -Debug in a fresh non-interactive pwsh).
# Dot-source it after setting $script:emulator (Start-TestEmulator's object, or any object with its BaseUri) and,
# outside Pester, $TestDrive (a scratch folder); TestHelpers.psm1 and the module must be imported.
#
# $script:scans: per cmdlet, the invocations: Parameters (a script block returning the splat), Input (pipeline
# objects), Before/After (set-up around it), PlainTextOutput (the output is a secret: handed to the test, not
# scanned), Files (files the cmdlet writes). The FIRST entry of each cmdlet is one normal, successful run (no error,
# nothing to act on); the others may fail on purpose.

$script:base = $script:emulator.BaseUri
# A key that looks real and is wrong: a refused key is still a secret.
$script:wrongKey = 'dbn_live_emu_notreal_Q4z7Rk2Wm9Tx'
$script:devKeys = @('DataApp', 'OtherApp', 'ServiceToken', 'DatadogApi', 'DatadogApp' | ForEach-Object { Get-TestDevKey $_ }) + $script:wrongKey

function script:Connect-Everything([string] $Key = (Get-TestDevKey DataApp)) {
    Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-TestSecret $Key) -DataBrainServiceToken (ConvertTo-TestSecret (Get-TestDevKey ServiceToken)) `
        -DataBrainUri $script:base -DatadogApiKey (ConvertTo-TestSecret (Get-TestDevKey DatadogApi)) `
        -DatadogApplicationKey (ConvertTo-TestSecret (Get-TestDevKey DatadogApp)) -DatadogSite $script:base -MaximumRetryCount 2
}

$script:exportFolder = Join-Path $TestDrive 'exports'
New-Item -ItemType Directory -Path $script:exportFolder -Force | Out-Null
$script:importFile = Join-Path $TestDrive 'import.json'
'{"_meta":{"embedId":"x"},"data":{"layout":[],"filters":[],"metrics":[]}}' | Set-Content -LiteralPath $script:importFile

$script:scans = @{
    'Connect-EmbedAdmin' = @(
        @{ Parameters = { @{ DataBrainApiKey = (ConvertTo-TestSecret (Get-TestDevKey DataApp)); DataBrainServiceToken = (ConvertTo-TestSecret (Get-TestDevKey ServiceToken)); DataBrainUri = $script:base; DatadogApiKey = (ConvertTo-TestSecret (Get-TestDevKey DatadogApi)); DatadogApplicationKey = (ConvertTo-TestSecret (Get-TestDevKey DatadogApp)); DatadogSite = $script:base; PassThru = $true } } }
        @{ Parameters = { @{ DataBrainApiKey = [pscredential]::new('apikey', (ConvertTo-TestSecret (Get-TestDevKey OtherApp))); DataBrainUri = $script:base; PassThru = $true } } }
        @{
            # Keys from the environment, as in a runbook.
            Before = { $env:DATABRAIN_API_KEY = Get-TestDevKey DataApp; $env:DATABRAIN_SERVICE_TOKEN = Get-TestDevKey ServiceToken; $env:DD_API_KEY = Get-TestDevKey DatadogApi; $env:DD_APP_KEY = Get-TestDevKey DatadogApp }
            Parameters = { @{ DataBrainUri = $script:base; DatadogSite = $script:base; PassThru = $true } }
            After = { Remove-Item Env:DATABRAIN_API_KEY, Env:DATABRAIN_SERVICE_TOKEN, Env:DD_API_KEY, Env:DD_APP_KEY -ErrorAction SilentlyContinue }
        }
        # Refused: the message must not quote the keys it was given.
        @{ Parameters = { @{ DataBrainApiKey = (ConvertTo-TestSecret $script:wrongKey); DataBrainUri = 'http://databrain.example.com' } } }
    )
    'Disconnect-EmbedAdmin' = @(
        @{ Parameters = { @{} } }
        @{ Parameters = { @{} } } # nothing left to disconnect
    )
    'Get-EmbedAdminSession' = @(
        # After a bulk run, so LastBulkRun is there to show.
        @{ Before = { 'embed_acme', 'embed_nope' | ForEach-Object { [pscustomobject]@{ EmbedId = $_ } } | Set-EmbedAccess -AllowAiPilot $true -ErrorAction SilentlyContinue }; Parameters = { @{} } }
    )
    'Set-EmbedAccess' = @(
        @{ Parameters = { @{ EmbedId = 'embed_acme'; AllowEmailReports = $false; JoinModel = 'multi'; PassThru = $true } } }
        @{ Input = { [pscustomobject]@{ EmbedId = 'embed_globex'; isAllowUnderlyingData = 'yes' }, [pscustomobject]@{ EmbedId = 'embed_nope'; JoinModel = 'single' }, [pscustomobject]@{ EmbedId = 'embed_partner_north'; AllowAiPilot = 'no' }, [pscustomobject]@{ EmbedId = 'embed_hooli'; JoinModel = 'triple' } }; Parameters = { @{ PassThru = $true; ThrottleLimit = 4 } } }
        @{ Parameters = { @{ EmbedId = 'embed_acme'; AllowUnderlyingData = $true; WhatIf = $true } } }
        @{
            # Retries on 429 and 503-like trouble write their own verbose lines.
            Before = { Set-TestEmulatorFaults $script:emulator @{ stormEvery = 1; stormLength = 1; stormRetryAfterSeconds = 0; errorRate = 0.3; seed = 5 } }
            Input = { 'embed_acme', 'embed_globex', 'embed_initech', 'embed_stark' | ForEach-Object { [pscustomobject]@{ EmbedId = $_ } } }
            Parameters = { @{ AllowAiPilot = $true } }
            After = { Set-TestEmulatorFaults $script:emulator }
        }
        @{ Before = { Connect-Everything -Key $script:wrongKey }; Parameters = { @{ EmbedId = 'embed_acme'; AllowAiPilot = $true } }; After = { Connect-Everything } }
    )
    'Get-Embed' = @(
        @{ Parameters = { @{ Name = 'Acme*', '*globex*'; IncludeAccess = $true } } }
        @{ Before = { Connect-Everything -Key $script:wrongKey }; Parameters = { @{} }; After = { Connect-Everything } }
    )
    'New-Embed' = @(
        @{ Parameters = { @{ DashboardId = 'sales-overview'; DatamartName = 'customer-analytics'; Name = 'Secrets scan'; AllowAiPilot = $true } } }
        @{ Parameters = { @{ DashboardId = 'no-such-dashboard'; DatamartName = 'customer-analytics' } } }
    )
    'New-DashboardEmbed' = @(
        @{ Parameters = { @{ DashboardId = 'scan-dash-1'; WorkspaceName = 'analytics-workspace'; ClientId = 'scan-1'; DatamartName = 'customer-analytics'; TemplateDashboardId = 'template-dashboard-001'; Metadata = @{ region = 'eu' } } } }
        @{ Parameters = { @{ DashboardId = 'scan-dash-2'; WorkspaceName = 'analytics-workspace'; ClientId = 'scan-2'; DatamartName = 'customer-analytics'; ImportDashboardDataFile = $script:importFile } } }
        @{ Parameters = { @{ DashboardId = 'embed_acme'; WorkspaceName = 'No Such Workspace'; ClientId = 'scan-3'; DatamartName = 'customer-analytics' } } }
    )
    'New-GuestToken' = @(
        @{ Parameters = { @{ ClientId = 'scan-client-1'; DataAppName = 'demo-app'; AllowedEmbeds = 'embed_acme'; Expiry = '1h'; AsPlainText = $true } }; PlainTextOutput = $true }
        @{ Parameters = { @{ ClientId = 'scan-client-2'; DataAppName = 'demo-app'; Permissions = @{ isEnableManageMetrics = $false; isShowSideBar = $true } } } }
        @{ Input = { [pscustomobject]@{ ClientId = 'scan-client-3'; DataAppName = 'demo-app'; AllowedEmbeds = 'embed_globex' }, [pscustomobject]@{ ClientId = 'scan-client-4'; DataAppName = 'other-app' } }; Parameters = { @{} } }
        @{ Before = { Connect-Everything -Key $script:wrongKey }; Parameters = { @{ ClientId = 'scan-client-5'; DataAppName = 'demo-app' } }; After = { Connect-Everything } }
    )
    'Remove-Embed' = @(
        @{ Parameters = { @{ EmbedId = 'embed_wonka'; Confirm = $false } } }
        @{ Parameters = { @{ EmbedId = 'embed_nope'; Confirm = $false } } }
    )
    'Export-Embed' = @(
        @{ Input = { 'embed_acme', 'embed_globex' | ForEach-Object { [pscustomobject]@{ EmbedId = $_ } } }; Parameters = { @{ Path = $script:exportFolder; Force = $true } }; Files = { Get-ChildItem -LiteralPath $script:exportFolder -File -Recurse -Force } }
        @{ Input = { 'embed_initech', 'embed_nope' | ForEach-Object { [pscustomobject]@{ EmbedId = $_ } } }; Parameters = { @{ Path = $script:exportFolder; Force = $true } }; Files = { Get-ChildItem -LiteralPath $script:exportFolder -File -Recurse -Force } }
    )
    'Get-Workspace' = @(
        @{ Parameters = { @{} } }
        @{ Parameters = { @{ Name = 'No Such Workspace' } } }
    )
    'New-Workspace' = @(
        @{ Parameters = { @{ Name = 'Secrets Scan'; ConnectionType = 'DATASOURCE'; DatasourceName = 'postgres-production' } } }
        @{ Parameters = { @{ Name = 'Sales Analytics'; ConnectionType = 'DATASOURCE'; DatasourceName = 'postgres-production' } } }
    )
    'Update-Workspace' = @(
        @{ Parameters = { @{ Name = 'Sales Analytics'; ConnectionType = 'DATAMART'; DatamartName = 'customer-analytics'; Confirm = $false } } }
        @{ Parameters = { @{ Name = 'sales analytics'; ConnectionType = 'DATAMART'; DatamartName = 'customer-analytics'; Confirm = $false } } }
    )
    'Get-Datamart' = @(
        @{ Parameters = { @{ Name = 'customer-*', 'sales-datamart' } } }
        @{ Parameters = { @{ Name = 'No Such Datamart'; AsColumnRows = $true } } }
    )
    'New-Datamart' = @(
        @{ Parameters = { @{ Name = 'scan-mart'; DatasourceName = 'postgres-production'; Tables = @(@{ name = 'orders'; schemaName = 'public'; columns = @(@{ name = 'id' }, @{ name = 'amount'; isAggregate = $true }) }); PassThru = $true } } }
        @{ Parameters = { @{ Name = 'scan-mart-2'; DatasourceName = 'no-such-source'; Tables = '[{"name":"orders","schemaName":"public","columns":[{"name":"id"}]}]' } } }
    )
    'Update-Datamart' = @(
        @{ Parameters = { @{ Name = 'sales-datamart'; Relationships = @(); BackupPath = (Join-Path $TestDrive 'datamart-backups'); PassThru = $true; Confirm = $false } }; Files = { Get-ChildItem -LiteralPath (Join-Path $TestDrive 'datamart-backups') -File } }
        @{ Parameters = { @{ Name = 'no-such-datamart'; Relationships = @(); BackupPath = (Join-Path $TestDrive 'datamart-backups'); Confirm = $false } } }
    )
    'Restore-Datamart' = @(
        @{
            Before = { $script:savedDefinition = Update-Datamart -Name finance-datamart -TenancyLevel DATABASE -BackupPath (Join-Path $TestDrive 'datamart-backups') -PassThru -Confirm:$false }
            Parameters = { @{ Path = $script:savedDefinition.BackupFile; BackupPath = (Join-Path $TestDrive 'datamart-backups'); PassThru = $true; Confirm = $false } }
            Files = { Get-ChildItem -LiteralPath (Join-Path $TestDrive 'datamart-backups') -File }
        }
        @{ Parameters = { @{ Path = (Join-Path $TestDrive 'no-such-backup.json'); Confirm = $false } } }
    )
    'Remove-Datamart' = @(
        @{ Parameters = { @{ Name = 'finance-datamart'; BackupPath = (Join-Path $TestDrive 'datamart-backups'); PassThru = $true; Confirm = $false } }; Files = { Get-ChildItem -LiteralPath (Join-Path $TestDrive 'datamart-backups') -File } }
        @{ Parameters = { @{ Name = 'no-such-datamart'; BackupPath = (Join-Path $TestDrive 'datamart-backups'); Confirm = $false } } }
    )
    'Get-EmbedAdminChange' = @(
        @{ Before = { Set-EmbedAccess -EmbedId embed_acme -AllowAiPilot $true }; Parameters = { @{ Last = 5 } } }
        @{ Parameters = { @{ RunId = 'no-such-run'; Target = 'embed_*' } } }
    )
    'Undo-EmbedAdminChange' = @(
        # The journal itself is scanned here: being last, it holds every change the scan made before it.
        @{ Before = { Set-EmbedAccess -EmbedId embed_acme -AllowAiPilot $true }; Parameters = { @{ RunId = (Get-EmbedAdminSession).LastBulkRun.RunId; Confirm = $false } }; Files = { Get-ChildItem -LiteralPath (Get-EmbedAdminSession).JournalPath -File } }
        @{ Parameters = { @{ RunId = 'no-such-run'; Confirm = $false } } }
    )
    'Get-SecureEmbed' = @(
        @{ Parameters = { @{ DashboardId = 'abc-def-ghi' } } }
        @{ Parameters = { @{ DashboardId = 'abc-def-ghi'; Token = 's3cur3t0k3n-7788aa99bbcc' } } }
        @{ Parameters = { @{ DashboardId = 'abc-def-ghi'; Token = 'se-nope' } } }
    )
    'Set-SecureEmbed' = @(
        @{ Parameters = { @{ DashboardId = 'abc-def-ghi'; Token = 's3cur3t0k3n-abcdef123456'; Title = 'Scanned'; Theme = 'dark'; PassThru = $true } } }
        @{ Parameters = { @{ DashboardId = 'abc-def-ghi'; Token = 'se-nope'; Status = 'paused' } } }
    )
    'New-SecureEmbed' = @(
        @{ Input = { [pscustomobject]@{ DashboardId = 'abc-def-ghi'; Title = 'Scan one'; tv_org_id = '1' }, [pscustomobject]@{ DashboardId = 'xyz-123-uvw'; Title = 'Scan two'; tv_org_id = '2|3'; Theme = 'dark' } }; Parameters = { @{ ThrottleLimit = 2 } } }
        # A vault that cannot take the credential: the row fails, and the object, credential inside, is still written.
        @{ Parameters = { @{ DashboardId = 'abc-def-ghi'; Title = 'Scan vault'; Vault = 'NoSuchVault' } } }
        @{ Parameters = { @{ DashboardId = 'no-such-dashboard'; Title = 'Scan nowhere' } } }
    )
    'Remove-SecureEmbed' = @(
        @{ Parameters = { @{ DashboardId = 'xyz-123-uvw'; Token = (Get-TestEmulatorSnapshot $script:emulator).datadog.shares.Where({ $_.dashboardId -eq 'xyz-123-uvw' -and $_.shareType -eq 'secure_embed' })[0].token; Confirm = $false; PassThru = $true } } }
        @{ Parameters = { @{ DashboardId = 'abc-def-ghi'; Token = 'se-nope'; Confirm = $false } } }
    )
}

# Data apps, API keys, datasources and dashboard copies. The datasource secrets below, the seeded datasource
# passwords and every API key in the emulator's state join the secrets searched for.
$script:datasourceSecret = 'ds-Scan-Secret-8Jw2Qp5Vn1'
$script:datasourceCredential = [pscredential]::new('scan_reader', (ConvertTo-TestSecret $script:datasourceSecret))
$script:pgConnection = @{ host = 'db.example.com'; port = 5432; database = 'scan' }
$script:dashboardFile = Join-Path $TestDrive 'dashboard-export.json'
# The journal is scanned where a secret is sent or received, while that secret is in the emulator's state: the API
# key New-DataAppApiToken made, and the datasource credential New-Datasource and Set-Datasource sent.
$script:journalFiles = { Get-ChildItem -LiteralPath (Get-EmbedAdminSession).JournalPath -File }
$script:scans += @{
    'Get-DataApp' = @(
        @{ Parameters = { @{ Name = 'demo*' } } }
        @{ Parameters = { @{ Name = 'no-such-app' } } }
    )
    'New-DataApp' = @(
        @{ Parameters = { @{ Name = 'scan-app'; PassThru = $true } } }
        @{ Parameters = { @{ Name = 'demo-app' } } }
    )
    'Rename-DataApp' = @(
        @{ Parameters = { @{ Name = 'other-app'; NewName = 'scan-renamed'; PassThru = $true; Confirm = $false } } }
        @{ Parameters = { @{ Name = 'no-such-app'; NewName = 'x'; Confirm = $false } } }
    )
    'New-DataAppApiToken' = @(
        @{ Parameters = { @{ DataAppName = 'demo-app'; TokenName = 'scan-1' } }; Files = $script:journalFiles }
        # A vault that cannot take the key: the row fails, and the object, key inside, is still written.
        @{ Parameters = { @{ DataAppName = 'demo-app'; TokenName = 'scan-2'; Vault = 'NoSuchVault' } } }
        @{ Parameters = { @{ DataAppName = 'no-such-app'; TokenName = 'scan-3' } } }
    )
    'Get-DataAppApiToken' = @(
        @{ Before = { New-DataAppApiToken -DataAppName demo-app -TokenName listed | Out-Null }; Parameters = { @{ DataAppName = 'demo-app' } } }
        @{ Parameters = { @{ DataAppName = 'no-such-app' } } }
    )
    'Get-Datasource' = @(
        @{ Parameters = { @{} } }
        @{ Parameters = { @{ Name = 'no-such-source' } } }
    )
    'New-Datasource' = @(
        @{ Parameters = { @{ Name = 'scan-pg'; DatasourceType = 'postgres'; Credential = $script:datasourceCredential; Connection = $script:pgConnection; PassThru = $true } }; Files = $script:journalFiles }
        @{ Parameters = { @{ Name = 'scan-pg-2'; DatasourceType = 'postgres'; Credential = $script:datasourceCredential; Connection = $script:pgConnection; WhatIf = $true } } }
        @{ Parameters = { @{ Name = 'postgres-production'; DatasourceType = 'postgres'; Credential = $script:datasourceCredential; Connection = $script:pgConnection } } }
    )
    'Set-Datasource' = @(
        @{ Parameters = { @{ Name = 'postgres-production'; DatasourceType = 'postgres'; Credential = $script:datasourceCredential; Connection = $script:pgConnection; PassThru = $true; Confirm = $false } }; Files = $script:journalFiles }
        @{ Parameters = { @{ Name = 'no-such-source'; DatasourceType = 'postgres'; Credential = $script:datasourceCredential; Connection = $script:pgConnection; Confirm = $false } } }
        @{ Parameters = { @{ Name = 'postgres-production'; DatasourceType = 'postgres'; Connection = $script:pgConnection; Confirm = $false } } }
    )
    'Remove-Datasource' = @(
        @{ Parameters = { @{ Name = 'mysql-archive'; PassThru = $true; Confirm = $false } } }
        @{ Parameters = { @{ Name = 'postgres-production'; Confirm = $false } } }
    )
    'Sync-Datasource' = @(
        @{ Parameters = { @{ Name = 'snowflake-warehouse' } } }
        @{ Parameters = { @{ Name = 'no-such-source' } } }
    )
    'Export-Dashboard' = @(
        @{ Parameters = { @{ DashboardId = 'template-dashboard-001'; WorkspaceName = 'analytics-workspace'; Path = $script:dashboardFile; Force = $true } }; Files = { Get-Item -LiteralPath $script:dashboardFile } }
        @{ Parameters = { @{ DashboardId = 'no-such-dashboard'; WorkspaceName = 'analytics-workspace'; Path = (Join-Path $TestDrive 'nope.json') } } }
    )
    'Import-Dashboard' = @(
        @{ Before = { Export-Dashboard template-dashboard-001 analytics-workspace $script:dashboardFile -Force | Out-Null }; Parameters = { @{ WorkspaceName = 'Finance'; DashboardId = 'scan-import'; Path = $script:dashboardFile; SchemaMap = @{ public = 'scan' } } } }
        @{ Parameters = { @{ WorkspaceName = 'No Such Workspace'; DashboardId = 'scan-import-2'; Path = $script:dashboardFile } } }
    )
}
