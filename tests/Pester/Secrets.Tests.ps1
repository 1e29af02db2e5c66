# Secrets scan: every cmdlet of the module runs with -Debug and -Verbose under Start-Transcript, with its
# errors, warnings and information kept and its output rendered the ways people keep it (tables, lists, JSON, CSV).
# None of that, nor any file the cmdlet writes, may hold a key, a token or a credential, nor any 8-character piece
# of one. The secrets: the emulator's development keys, a wrong key the test invents, every guest token the run
# created (the emulator's state lists them, and -AsPlainText hands them to the test), and every Datadog secure-embed
# credential in the emulator's state.
#
# The scan is driven by Get-Command -Module EmbedAdmin: a cmdlet without an entry in $script:scans fails, so a new
# cmdlet cannot ship unscanned.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:commands = @((Get-Command -Module EmbedAdmin -CommandType Cmdlet).Name | Sort-Object)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
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

    # Per cmdlet, the invocations to scan: Parameters (a script block returning the splat), Input (pipeline
    # objects), Before/After (set-up around it), PlainTextOutput (the output is a secret: handed to the test, not
    # scanned), Files (files the cmdlet writes). Each runs with -Debug -Verbose; failures are part of the scan.
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
            @{ Input = { 'embed_acme', 'embed_globex', 'embed_nope' | ForEach-Object { [pscustomobject]@{ EmbedId = $_ } } }; Parameters = { @{ Path = $script:exportFolder; Force = $true } }; Files = { Get-ChildItem -LiteralPath $script:exportFolder -File -Recurse -Force } }
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

    # Everything an object shows when people look at it or keep it.
    function script:ConvertTo-ScanText($Object) {
        if ($null -eq $Object) { return '' }
        $views = @(
            { $Object | Format-Table -AutoSize | Out-String -Width 4096 }
            { $Object | Format-List * -Force | Out-String -Width 4096 }
            { $Object | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue }
            { $Object | ConvertTo-Csv -NoTypeInformation }
            { "$Object" }
        )
        ($views | ForEach-Object { try { & $_ } catch { "<$($_.Exception.Message)>" } }) -join "`n"
    }

    function script:ConvertTo-ErrorScanText([System.Management.Automation.ErrorRecord] $Record) {
        $parts = @(
            ($Record | Out-String -Width 4096)
            ($Record | Format-List * -Force | Out-String -Width 4096)
            ($Record.Exception | Format-List * -Force | Out-String -Width 4096)
            $Record.Exception.ToString()
            "$($Record.ErrorDetails.Message) $($Record.ErrorDetails.RecommendedAction)"
            (ConvertTo-ScanText $Record.TargetObject)
        )
        $parts -join "`n"
    }

    # Runs one table entry with -Debug -Verbose; returns the text of its streams and output, and any secrets it handed over.
    function script:Invoke-ScanEntry([string] $Command, [hashtable] $Entry) {
        $text = [System.Text.StringBuilder]::new()
        $secrets = @()
        if ($Entry.Before) { . $Entry.Before }
        try {
            $splat = if ($Entry.Parameters) { & $Entry.Parameters } else { @{} }
            $splat.Debug = $true
            $splat.Verbose = $true
            # PowerShell turns a compiled cmdlet's warnings into a Continue? prompt under -Debug (MshCommandRuntime:
            # Debug => WarningPreference Inquire); nobody can answer it here, so warnings are just shown and kept.
            $splat.WarningAction = 'Continue'
            $splat.ErrorVariable = 'scanErrors'
            $splat.WarningVariable = 'scanWarnings'
            $splat.InformationVariable = 'scanInformation'
            $scanErrors = $scanWarnings = $scanInformation = $null
            $output = try {
                if ($Entry.Input) { & $Entry.Input | & $Command @splat } else { & $Command @splat }
            }
            catch {
                # Terminating refusals are kept too, and shown, as a console would show them.
                $_ | Out-Host
                $scanErrors = @($scanErrors) + $_
            }

            foreach ($record in @($scanErrors) | Where-Object { $_ }) {
                $record = if ($record -is [System.Management.Automation.ErrorRecord]) { $record } else { $record.ErrorRecord }
                [void] $text.AppendLine((ConvertTo-ErrorScanText $record))
            }
            foreach ($record in @($scanWarnings) + @($scanInformation) | Where-Object { $_ }) { [void] $text.AppendLine(($record | Out-String -Width 4096)) }
            foreach ($item in @($output) | Where-Object { $null -ne $_ }) {
                if ($Entry.PlainTextOutput) { $secrets += [string] $item } else { [void] $text.AppendLine((ConvertTo-ScanText $item)) }
            }
            if ($Entry.Files) {
                foreach ($file in & $Entry.Files) { [void] $text.AppendLine((Get-Content -LiteralPath $file.FullName -Raw)) }
            }
        }
        finally {
            if ($Entry.After) { . $Entry.After }
        }
        [pscustomobject]@{ Text = $text.ToString(); Secrets = $secrets }
    }
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Secrets scan' {
    It 'finds a planted piece of a secret, in any case, and nothing in clean text (the scan itself works)' {
        $key = Get-TestDevKey DatadogApp
        Find-TestSecretFragment -Text ("some log: ..." + $key.Substring(5, 8).ToUpperInvariant() + "...") -Secret $key | Should -Not -BeNullOrEmpty
        Find-TestSecretFragment -Text ("only seven: " + $key.Substring(5, 7)) -Secret $key | Should -BeNullOrEmpty
        Find-TestSecretFragment -Text ("public: " + $key.Substring(5, 8)) -Secret $key -Public ('x' + $key.Substring(5, 8)) | Should -BeNullOrEmpty
        (Get-TestSecretFragments -Secret 'abcdefghij').Count | Should -Be 3
    }

    It '<_> leaks no key, token or credential under -Debug -Verbose' -ForEach $script:commands {
        $command = $_
        $entries = $script:scans[$command]
        if (-not $entries) {
            throw "The secrets scan has no entry for $command. Add one to `$script:scans in tests/Pester/Secrets.Tests.ps1 (a success and a failure), so that every cmdlet is scanned."
        }

        Reset-TestEmulator $script:emulator
        Connect-Everything
        $transcript = Join-Path $TestDrive "$command.transcript.txt"
        $results = @()
        Start-Transcript -LiteralPath $transcript -UseMinimalHeader | Out-Null
        try {
            foreach ($entry in $entries) { $results += Invoke-ScanEntry -Command $command -Entry $entry }
        }
        finally {
            Stop-Transcript | Out-Null
        }

        $state = Get-TestEmulatorSnapshot $script:emulator
        $secrets = @($script:devKeys) + @($state.dataBrain.guestTokens.token) + @($state.datadog.shares.credential) + @($results.Secrets) |
            Where-Object { $_ } | Select-Object -Unique
        $transcriptText = Get-Content -LiteralPath $transcript -Raw
        $scanned = $transcriptText + "`n" + ($results.Text -join "`n")

        # The run really showed its -Verbose and -Debug output (else a clean scan would prove nothing).
        if ($command -ne 'Get-EmbedAdminSession') {
            $transcriptText | Should -Match 'VERBOSE:'
        }
        if ($command -notin 'Connect-EmbedAdmin', 'Disconnect-EmbedAdmin', 'Get-EmbedAdminSession') {
            $transcriptText | Should -Match 'DEBUG:'
        }
        if ($command -eq 'New-GuestToken') {
            @($results.Secrets).Count | Should -BeGreaterThan 0 -Because '-AsPlainText handed a token to the test'
        }

        # Share tokens and URLs are shown on purpose (they name the share); the credential is what stays hidden.
        $public = @($state.datadog.shares.token) + @($state.datadog.shares.url) | Where-Object { $_ }
        $leaks = @(Find-TestSecretFragment -Text $scanned -Secret $secrets -Public $public)
        $leaks | Should -BeNullOrEmpty -Because "pieces of secrets appeared: $(($leaks | ForEach-Object { $_.Context } | Select-Object -First 5) -join ' || ')"
    }
}
