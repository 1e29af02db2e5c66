BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SecureEmbedTestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    $script:dashboard = 'abc-def-ghi'
    $script:originalModulePath = $env:PSModulePath

    # The clear text of a SecureString, for comparing only: never written anywhere.
    function script:Get-Clear([securestring] $Secure) { [System.Net.NetworkCredential]::new('', $Secure).Password }

    # A stand-in for Microsoft.PowerShell.SecretManagement: Set-Secret records its arguments (the secret as the
    # SecureString it was given, never as text) in $global:FakeSecretStore, and writes name and vault to a file
    # as a vault would persist them. Vault 'Broken' fails as an unregistered vault does.
    function script:Install-FakeSecretManagement {
        $root = Join-Path $TestDrive 'fake-modules'
        $folder = Join-Path $root 'Microsoft.PowerShell.SecretManagement'
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        $script:fakeVaultFile = Join-Path $TestDrive 'fake-vault.txt'
        @"
function Set-Secret {
    [CmdletBinding(DefaultParameterSetName = 'SecureStringParameterSet')]
    param(
        [Parameter(Mandatory)] [string] `$Name,
        [Parameter(Mandatory, ParameterSetName = 'SecureStringParameterSet')] [securestring] `$SecureStringSecret,
        [Parameter(Mandatory, ParameterSetName = 'ObjectParameterSet')] [object] `$Secret,
        [string] `$Vault,
        [switch] `$NoClobber
    )
    if (`$Vault -eq 'Broken') { throw "Vault 'Broken' is not registered in the vault registry." }
    if (-not `$global:FakeSecretStore) { `$global:FakeSecretStore = [System.Collections.Generic.List[object]]::new() }
    `$global:FakeSecretStore.Add([pscustomobject]@{ Name = `$Name; Vault = `$Vault; Secret = `$SecureStringSecret })
    Add-Content -LiteralPath '$($script:fakeVaultFile)' -Value "`$Vault/`$Name"
}
Export-ModuleMember -Function Set-Secret
"@ | Set-Content -LiteralPath (Join-Path $folder 'Microsoft.PowerShell.SecretManagement.psm1')
        $env:PSModulePath = $root + [IO.Path]::PathSeparator + $script:originalModulePath
        $global:FakeSecretStore = [System.Collections.Generic.List[object]]::new()
    }

    function script:Uninstall-FakeSecretManagement {
        Remove-Module Microsoft.PowerShell.SecretManagement -Force -ErrorAction SilentlyContinue
        $env:PSModulePath = $script:originalModulePath
        Remove-Variable -Name FakeSecretStore -Scope Global -ErrorAction SilentlyContinue
    }

    # Every 8-character piece of the secrets that occurs in the text, ignoring case (no piece is printed).
    function script:Find-Piece([string] $Text, [string[]] $Secrets) {
        foreach ($secret in $Secrets | Where-Object { $_ }) {
            for ($i = 0; $i -le $secret.Length - 8; $i++) {
                if ($Text.IndexOf($secret.Substring($i, 8), [StringComparison]::OrdinalIgnoreCase) -ge 0) { "piece at $i of a secret of length $($secret.Length)" }
            }
        }
    }
}

AfterAll {
    Uninstall-FakeSecretManagement
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'New-SecureEmbed' {
    BeforeEach {
        Reset-TestSecureEmbedEmulator $script:emulator
        Connect-TestEmulator $script:emulator
    }

    Context 'one secure embed' {
        It 'sends all six attributes with the usual defaults and returns the credential as a SecureString only' {
            $streams = Invoke-TestStreams { New-SecureEmbed -DashboardId $script:dashboard -Title 'Acme' -Verbose }
            $embed = $streams.Output[0]

            $share = Get-TestSecureEmbedShare $script:emulator $embed.Token
            $share.title | Should -Be 'Acme'
            $share.liveSpan | Should -Be '1h'
            $share.globalTimeSelectable | Should -BeTrue
            $share.status | Should -Be 'active'
            $share.theme | Should -Be 'system'
            $share.highDensity | Should -BeFalse
            @($share.selectableTemplateVars).Count | Should -Be 0

            $embed.Credential | Should -BeOfType [securestring]
            (Get-Clear $embed.Credential) -ceq $share.credential | Should -BeTrue -Because 'the SecureString holds the credential Datadog returned'
            $embed.CredentialSuffix | Should -Be $share.credential.Substring($share.credential.Length - 4)
            $embed.CredentialNotice | Should -Match 'cannot be fetched again'
            $streams.Warning | Should -BeNullOrEmpty -Because 'a normal run writes no warning (under -Debug it would be a prompt)'
            @($streams.Verbose -match 'preview').Count | Should -Be 1
            ($streams.Verbose -match 'only once') | Should -Match 'Credential property'
        }

        It 'takes every attribute, and template variables as hashtables as written at the prompt' {
            $embed = New-SecureEmbed $script:dashboard 'Globex' -LiveSpan 1w -GlobalTimeSelectable $false -Status paused -Theme dark -HighDensity $true `
                -SelectableTemplateVariables @(@{ name = 'org_id'; prefix = 'org_id'; default_values = @('1'); visible_tags = @('1') }) -WarningAction SilentlyContinue

            $share = Get-TestSecureEmbedShare $script:emulator $embed.Token
            $share.liveSpan | Should -Be '1w'
            $share.globalTimeSelectable | Should -BeFalse
            $share.status | Should -Be 'paused'
            $share.theme | Should -Be 'dark'
            $share.highDensity | Should -BeTrue
            $share.selectableTemplateVars[0].prefix | Should -Be 'org_id'
            $share.selectableTemplateVars[0].visibleTags | Should -Be @('1')
            $embed.TemplateVariables.ToString() | Should -Be 'org_id=1'
        }

        It 'shows nothing of the credential in the table or the list view' {
            $embed = New-SecureEmbed $script:dashboard 'Views' -WarningAction SilentlyContinue
            $credential = (Get-TestSecureEmbedShare $script:emulator $embed.Token).credential

            $table = $embed | Format-Table | Out-String -Width 300
            $list = $embed | Format-List | Out-String -Width 300
            $everything = $embed | Format-List * -Force | Out-String -Width 300
            $table | Should -Match 'Views'
            $list | Should -Match 'Credential\s+: \(SecureString\)'
            $list | Should -Match 'CredentialNotice\s+: .*cannot be fetched again'
            $everything | Should -Match 'Credential\s+: System.Security.SecureString'
            Find-Piece ($table + $list + $everything + ($embed | ConvertTo-Json) + ($embed | ConvertTo-Csv)) $credential | Should -BeNullOrEmpty
        }

        It 'sends nothing with -WhatIf and says what it would create' {
            $count = Get-TestRequestCount $script:emulator
            $transcript = Join-Path $TestDrive 'new-whatif.txt'
            Start-Transcript -LiteralPath $transcript | Out-Null
            New-SecureEmbed $script:dashboard 'Preview only' -Theme light -WhatIf -WarningAction SilentlyContinue
            Stop-Transcript | Out-Null
            $text = Get-Content -LiteralPath $transcript -Raw

            $text | Should -Match "Create secure embed: .*title = `"Preview only`".*theme = `"light`".* on target `"dashboard 'abc-def-ghi'`""
            Get-TestRequestCount $script:emulator | Should -Be $count
            Get-TestSecureEmbedShares $script:emulator $script:dashboard | Should -HaveCount 2
        }

        It 'reports the share limit as ShareLimitReached' {
            Set-TestShareLimit $script:emulator 3
            New-SecureEmbed $script:dashboard 'One too many' -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue

            Get-TestFirstErrorId $failed[0] | Should -Be 'ShareLimitReached'
            $failed[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
            $failed[0].ErrorDetails.RecommendedAction | Should -Match '1000 share URLs'
        }
    }

    Context 'bulk from Import-Csv: one secure embed per customer' {
        BeforeAll {
            $script:customers = Join-Path $TestDrive 'customers.csv'
            @(
                'DashboardId,Title,tv_org_id,Theme,live_span,Customer'
                'abc-def-ghi,Acme,101,,,acme'
                'abc-def-ghi,Globex,102|103,dark,4h,globex'
                'xyz-123-uvw,Initech,104,,,initech'
                'abc-def-ghi,Umbrella,105,light,1d,umbrella'
            ) | Set-Content -LiteralPath $script:customers
        }

        It 'creates one per row, in input order, each with its own credential and template variable' {
            # Customer is the spreadsheet's own note column: named in -IgnoreColumn, it draws no warning.
            $streams = Invoke-TestStreams { Import-Csv $script:customers | New-SecureEmbed -ThrottleLimit 3 -Verbose -IgnoreColumn Customer }
            $embeds = $streams.Output

            $embeds.Title | Should -Be @('Acme', 'Globex', 'Initech', 'Umbrella')
            $embeds.DashboardId | Should -Be @('abc-def-ghi', 'abc-def-ghi', 'xyz-123-uvw', 'abc-def-ghi')
            $embeds.TemplateVariables.ForEach({ $_.ToString() }) | Should -Be @('org_id=101', 'org_id=102|103', 'org_id=104', 'org_id=105')
            foreach ($embed in $embeds) {
                (Get-Clear $embed.Credential) -ceq (Get-TestSecureEmbedShare $script:emulator $embed.Token).credential | Should -BeTrue
            }
            @($embeds.Token | Select-Object -Unique).Count | Should -Be 4
            $globex = Get-TestSecureEmbedShare $script:emulator $embeds[1].Token
            $globex.theme | Should -Be 'dark'
            $globex.liveSpan | Should -Be '4h'
            $globex.selectableTemplateVars[0].visibleTags | Should -Be @('102', '103')
            @($streams.Verbose -match 'only once').Count | Should -Be 1 -Because 'the credential notice is given once per run, not per row'
            $streams.Warning | Should -BeNullOrEmpty
        }

        It 'sends nothing at all for the whole CSV with -WhatIf' {
            $count = Get-TestRequestCount $script:emulator
            Import-Csv $script:customers | New-SecureEmbed -WhatIf -WarningAction SilentlyContinue
            Get-TestRequestCount $script:emulator | Should -Be $count
        }

        It 'waits out Datadog''s X-RateLimit headers at -ThrottleLimit 4 and loses no row' {
            Set-TestDatadogRateLimit $script:emulator -RequestsPerSecond 2 -Burst 2
            # The pool sends one request until the first answer tells it the rate, so it meets a 429 only when
            # the budget is already spent: and it must be spent still when the first request arrives (a token
            # comes back every half second).
            Use-TestDatadogBudget $script:emulator
            $rows = 1..8 | ForEach-Object { [pscustomobject]@{ DashboardId = 'xyz-123-uvw'; Title = "Customer $_"; tv_customer_id = "$_" } }

            $all = $rows | New-SecureEmbed -ThrottleLimit 4 -ErrorVariable failed -WarningAction SilentlyContinue -Verbose 4>&1
            $embeds = $all | Where-Object { $_.PSObject.TypeNames[0] -eq 'EmbedAdmin.Core.Models.SecureEmbed' }
            $verbose = ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"

            $failed | Should -BeNullOrEmpty
            $embeds.Title | Should -Be $rows.Title
            $stats = Get-TestEmulatorStats $script:emulator
            $stats.rateLimited429 | Should -BeGreaterThan 0
            $run = (Get-EmbedAdminSession).LastBulkRun
            $run.Retries | Should -Be $stats.rateLimited429
            $run.RateLimitWait.TotalSeconds | Should -BeGreaterThan 0
            $run.Succeeded.Count | Should -Be 8
            # A 429 uses up one of the row's retries only when no other request succeeded meanwhile.
            $verbose | Should -Match 'Datadog answered HTTP 429; (retry 1 of|retried at the pool''s pace)'
            $verbose | Should -Match 'New-SecureEmbed: 8 rows ok, 0 failed; \d+ requests, [1-9]\d* retries'
        }
    }

    Context 'bad rows' {
        BeforeAll {
            $script:mixed = Join-Path $TestDrive 'new-mixed.csv'
            @(
                'DashboardId,Title,Theme,LiveSpan,tv_org_id'
                'abc-def-ghi,Good one,,,1'
                'abc-def-ghi,Bad theme,blue,,2'
                'abc-def-ghi,,,,3'
                'no-such-dashboard,Nowhere,,,4'
                'abc-def-ghi,Bad span,,2h,5'
                ',No dashboard,,,6'
                'xyz-123-uvw,Good two,dark,,7'
            ) | Set-Content -LiteralPath $script:mixed
        }

        It 'gives each failed row one error with a stable id and the row as TargetObject, and sends only the valid rows' {
            $count = Get-TestRequestCount $script:emulator
            $embeds = Import-Csv $script:mixed | New-SecureEmbed -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue

            $embeds.Title | Should -Be @('Good one', 'Good two')
            $failed | ForEach-Object { Get-TestFirstErrorId $_ } |
                Should -Be @('InvalidTheme', 'MissingTitle', 'DashboardNotFound', 'InvalidLiveSpan', 'MissingDashboardId')
            $failed[0].TargetObject.Title | Should -Be 'Bad theme'
            $failed[2].TargetObject.DashboardId | Should -Be 'no-such-dashboard'
            $failed[2].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            # 7 rows: 4 refused before sending; the unknown dashboard and the two good ones reach Datadog.
            Get-TestRequestCount $script:emulator | Should -Be ($count + 3)
        }

        It 'refuses a secret name with an unknown placeholder before creating anything' {
            $count = Get-TestRequestCount $script:emulator
            New-SecureEmbed $script:dashboard 'x' -SecretName 'embed-{Customer}' -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue

            Get-TestFirstErrorId $failed[0] | Should -Be 'InvalidSecretName'
            Get-TestRequestCount $script:emulator | Should -Be $count
        }
    }

    Context 'storing the credential with SecretManagement' {
        AfterEach { Uninstall-FakeSecretManagement }

        It 'without SecretManagement installed, fails the row with SecretManagementNotInstalled but still writes the object and its credential' {
            Get-Module -ListAvailable Microsoft.PowerShell.SecretManagement | Should -BeNullOrEmpty -Because 'this test needs a machine without SecretManagement'

            $streams = Invoke-TestStreams { New-SecureEmbed $script:dashboard 'No vault here' -Vault CustomerEmbeds -ErrorAction SilentlyContinue -ErrorVariable script:failed -Verbose }
            $embed = $streams.Output[0]

            $failed.Count | Should -Be 1
            Get-TestFirstErrorId $failed[0] | Should -Be 'SecretManagementNotInstalled'
            $failed[0].CategoryInfo.Category | Should -Be 'NotInstalled'
            $failed[0].Exception.Message | Should -Match "was not stored as secret 'SecureEmbed-abc-def-ghi-$($embed.Token)' in vault 'CustomerEmbeds'"
            $failed[0].ErrorDetails.RecommendedAction | Should -Match 'Install-PSResource Microsoft.PowerShell.SecretManagement'
            $failed[0].TargetObject | Should -Not -BeNullOrEmpty
            $embed.Title | Should -Be 'No vault here'
            (Get-Clear $embed.Credential) -ceq (Get-TestSecureEmbedShare $script:emulator $embed.Token).credential | Should -BeTrue
            $embed.CredentialNotice | Should -Match 'NOT stored'
            ($streams.Verbose -join "`n") | Should -Match 'only once'
        }

        It 'stores each credential with Set-Secret under a name made from the template' {
            Install-FakeSecretManagement
            $rows = 'Acme', 'Globex' | ForEach-Object { [pscustomobject]@{ DashboardId = $script:dashboard; Title = $_; tv_org_id = '1' } }

            $streams = Invoke-TestStreams { $rows | New-SecureEmbed -Vault CustomerEmbeds -SecretName 'dd-embed-{Title}-{Token}' -ErrorVariable script:failed -Verbose }
            $embeds = $streams.Output

            $failed | Should -BeNullOrEmpty
            $global:FakeSecretStore.Count | Should -Be 2
            $global:FakeSecretStore.Name | Should -Be @("dd-embed-Acme-$($embeds[0].Token)", "dd-embed-Globex-$($embeds[1].Token)")
            $global:FakeSecretStore.Vault | Should -Be @('CustomerEmbeds', 'CustomerEmbeds')
            $global:FakeSecretStore[0].Secret | Should -BeOfType [securestring]
            for ($i = 0; $i -lt 2; $i++) {
                (Get-Clear $global:FakeSecretStore[$i].Secret) -ceq (Get-TestSecureEmbedShare $script:emulator $embeds[$i].Token).credential | Should -BeTrue
            }
            $embeds[0].CredentialNotice | Should -Match "stored as secret 'dd-embed-Acme-.*' in vault 'CustomerEmbeds'"
            $embeds[0].Credential | Should -BeOfType [securestring]
            @($streams.Verbose -match 'only once').Count | Should -Be 0 -Because 'every credential was stored'
        }

        It 'takes the vault and secret name from CSV columns, and uses the default vault when only a name is given' {
            Install-FakeSecretManagement
            $csv = Join-Path $TestDrive 'vault.csv'
            @('DashboardId,Title,Vault,SecretName', 'abc-def-ghi,Acme,TeamVault,acme-embed', 'abc-def-ghi,Globex,,globex-embed') | Set-Content -LiteralPath $csv

            Import-Csv $csv | New-SecureEmbed -WarningAction SilentlyContinue | Out-Null

            $global:FakeSecretStore.Name | Should -Be @('acme-embed', 'globex-embed')
            $global:FakeSecretStore.Vault | Should -Be @('TeamVault', '')
        }

        It 'fails the row with SecretStoreFailed when the vault refuses, and still writes the object' {
            Install-FakeSecretManagement

            $embed = New-SecureEmbed $script:dashboard 'Broken vault' -Vault Broken -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue

            Get-TestFirstErrorId $failed[0] | Should -Be 'SecretStoreFailed'
            $failed[0].Exception.Message | Should -Match "not registered"
            $embed.Token | Should -Not -BeNullOrEmpty
            (Get-Clear $embed.Credential) -ceq (Get-TestSecureEmbedShare $script:emulator $embed.Token).credential | Should -BeTrue
        }
    }

    Context 'no credential in any stream' {
        It 'finds a planted piece of a secret (the scan itself works)' {
            Find-Piece 'log: xx4F1C9E7A2Bxx' '4f1c9e7a2b8d6e305a1c9e7f2b4d8a6c' | Should -Not -BeNullOrEmpty
            Find-Piece 'log: 4f1c9e7' '4f1c9e7a2b8d6e305a1c9e7f2b4d8a6c' | Should -BeNullOrEmpty
        }

        It 'lets no credential or key, nor any 8-character piece of one, reach a stream, a view, an error or a file' {
            Install-FakeSecretManagement
            $csv = Join-Path $TestDrive 'scan.csv'
            @('DashboardId,Title,tv_org_id,Vault,Theme', 'abc-def-ghi,Scan A,1,ScanVault,', 'xyz-123-uvw,Scan B,2,,', 'abc-def-ghi,Scan C,3,Broken,', 'abc-def-ghi,Scan D,4,,blue') | Set-Content -LiteralPath $csv
            $exported = Join-Path $TestDrive 'scan-export.csv'
            $transcript = Join-Path $TestDrive 'scan-transcript.txt'
            $common = @{ Verbose = $true; Debug = $true; WarningAction = 'Continue'; ErrorAction = 'Continue' }

            Start-Transcript -LiteralPath $transcript -UseMinimalHeader | Out-Null
            try {
                $captured = & {
                    $created = Import-Csv $csv | New-SecureEmbed -ThrottleLimit 2 @common
                    $created
                    $script:credentials = @($created | ForEach-Object { (Get-TestSecureEmbedShare $script:emulator $_.Token).credential })
                    $created | Format-Table | Out-String -Width 4096
                    $created | Format-List * -Force | Out-String -Width 4096
                    $created | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue
                    $created | Export-Csv -LiteralPath $exported -NoTypeInformation
                    $created | Get-SecureEmbed @common
                    $created | Set-SecureEmbed -Theme dark -PassThru @common
                    $created | Remove-SecureEmbed -Confirm:$false -PassThru @common
                    New-SecureEmbed 'no-such-dashboard' 'Scan E' -Vault ScanVault @common
                } *>&1
                $captured | Out-Host
            }
            finally {
                Stop-Transcript | Out-Null
            }

            $script:credentials.Count | Should -Be 3
            $texts = @(Get-Content -LiteralPath $transcript -Raw)
            $texts[0] | Should -Match '"credential":"\[REDACTED\]"' -Because 'the transcript saw the -Debug bodies'
            $texts[0] | Should -Match 'Scan A' -Because 'the transcript saw the objects'
            $texts += Get-Content -LiteralPath $exported -Raw
            $texts += Get-Content -LiteralPath $script:fakeVaultFile -Raw
            foreach ($item in $captured) {
                $texts += $item | Out-String -Width 4096
                $texts += $item | Format-List * -Force | Out-String -Width 4096
                if ($item -is [System.Management.Automation.ErrorRecord]) {
                    $texts += $item.Exception.ToString()
                    $texts += "$($item.ErrorDetails.Message) $($item.ErrorDetails.RecommendedAction)"
                    $texts += $item.TargetObject | Format-List * -Force | Out-String -Width 4096
                }
            }
            $all = $texts -join "`n"

            # The run did show the bodies and the errors (else a clean scan would prove nothing).
            $all | Should -Match '"credential":"\[REDACTED\]"'
            $all | Should -Match 'Response 200 OK from POST .*/shared/secure-embed'
            $all | Should -Match 'Response 204 No Content from DELETE'
            $all | Should -Match 'New-SecureEmbed: 3 rows ok, 1 failed'
            $all | Should -Match 'Remove-SecureEmbed: 3 rows ok'
            $all | Should -Match 'SecretStoreFailed|could not be stored'
            $all | Should -Match 'InvalidTheme'
            $all | Should -Match 'DashboardNotFound'
            $global:FakeSecretStore.Count | Should -Be 1

            $keys = 'DataApp', 'OtherApp', 'ServiceToken', 'DatadogApi', 'DatadogApp' | ForEach-Object { Get-TestDevKey $_ }
            Find-Piece $all ($script:credentials + $keys) | Should -BeNullOrEmpty
        }
    }
}
