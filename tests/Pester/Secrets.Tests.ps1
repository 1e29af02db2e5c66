# Secrets scan: every cmdlet of the module runs with -Debug and -Verbose under Start-Transcript, with its
# errors, warnings and information kept and its output rendered the ways people keep it (tables, lists, JSON, CSV).
# None of that, nor any file the cmdlet writes (the change journal included: it is scanned after the runs that send
# or receive a secret, and at the end), may hold a key, a token or a credential, nor any 8-character piece of one. The secrets: the emulator's development keys, a wrong key the test invents, every guest token the run
# created (the emulator's state lists them, and -AsPlainText hands them to the test), and every Datadog secure-embed
# credential in the emulator's state, every data-app API key (those New-DataAppApiToken made included) and every
# datasource secret (seeded and sent).
#
# The scan is driven by Get-Command -Module EmbedAdmin: a cmdlet without an entry in $script:scans (CmdletRuns.ps1,
# shared with DebugPrompt.Tests.ps1) fails, so a new cmdlet cannot ship unscanned.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:commands = @((Get-Command -Module EmbedAdmin -CommandType Cmdlet).Name | Sort-Object)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    . (Join-Path $PSScriptRoot 'CmdletRuns.ps1')

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
            throw "The secrets scan has no entry for $command. Add one to `$script:scans in tests/Pester/CmdletRuns.ps1 (a normal successful run first, then a failure), so that every cmdlet is scanned."
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
        # Datasource secrets sit in the credentials under the type's secret field; API keys in the data apps.
        $datasourceSecrets = foreach ($credentials in @($state.dataBrain.datasources.credentials | Where-Object { $_ })) {
            $credentials.PSObject.Properties | Where-Object { $_.Name -in 'password', 'secretAccessKey', 'privateKey', 'clientSecret', 'token' } | ForEach-Object { [string] $_.Value }
        }
        $secrets = @($script:devKeys) + @($state.dataBrain.guestTokens.token) + @($state.datadog.shares.credential) + @($results.Secrets) +
            @($state.dataBrain.dataApps.apiTokens.key) + @($datasourceSecrets) + $script:datasourceSecret |
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
