BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SecureEmbedTestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    $script:dashboard = 'abc-def-ghi'
    $script:active = 's3cur3t0k3n-abcdef123456'
    $script:paused = 's3cur3t0k3n-7788aa99bbcc'
    $script:open = '0p3nsh4r3-1234567890ab'
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Get-SecureEmbed' {
    BeforeEach {
        Reset-TestSecureEmbedEmulator $script:emulator
        Connect-TestEmulator $script:emulator
    }

    It 'gets one secure embed by dashboard and token' {
        $embed = Get-SecureEmbed -DashboardId $script:dashboard -Token $script:paused -WarningAction SilentlyContinue

        $embed.GetType().FullName | Should -Be 'EmbedAdmin.Core.Models.SecureEmbed'
        $embed.DashboardId | Should -Be $script:dashboard
        $embed.Token | Should -Be $script:paused
        $embed.Status | Should -Be 'paused'
        $embed.LiveSpan | Should -Be '1w'
        $embed.HighDensity | Should -BeTrue
        $embed.Theme | Should -Be 'dark'
        $embed.TemplateVariables.ToString() | Should -Be 'customer:customer_id=42'
        $embed.CredentialSuffix | Should -Be 'e1c2'
        $embed.Credential | Should -BeNullOrEmpty
    }

    It 'lists every secure embed of a dashboard, and nothing of its other shares' {
        $embeds = Get-SecureEmbed abc-def-ghi -WarningAction SilentlyContinue

        $embeds.Token | Should -Be @($script:active, $script:paused)
        $embeds.Token | Should -Not -Contain $script:open
    }

    It 'says with -Verbose on every call, never as a warning, that the endpoints are in preview' {
        foreach ($call in 1, 2) {
            $streams = Invoke-TestStreams { Get-SecureEmbed $script:dashboard -Verbose }

            @($streams.Verbose -match 'preview and subject to change').Count | Should -Be 1 -Because "call $call says it"
            $streams.Warning | Should -BeNullOrEmpty -Because 'under -Debug a warning would be a prompt, which stops a runbook'
            $streams.Output.Count | Should -Be 2
        }
    }

    It 'reads CSV rows, listing the dashboard where the token cell is empty' {
        $csv = Join-Path $TestDrive 'get.csv'
        @('DashboardId,Token', "abc-def-ghi,$($script:paused)", 'xyz-123-uvw,') | Set-Content -LiteralPath $csv

        $embeds = Import-Csv $csv | Get-SecureEmbed -WarningAction SilentlyContinue

        $embeds.Token | Should -Be @($script:paused, 's3cur3t0k3n-xyzlatency01', 's3cur3t0k3n-xyzlatency02')
    }

    It 'reports an unknown token as SecureEmbedNotFound and an unknown dashboard as DashboardNotFound, with the row' {
        $rows = @(
            [pscustomobject]@{ DashboardId = $script:dashboard; Token = 'no-such-token' }
            [pscustomobject]@{ DashboardId = 'no-such-dashboard'; Token = '' }
            [pscustomobject]@{ DashboardId = $script:dashboard; Token = $script:active }
        )

        $found = $rows | Get-SecureEmbed -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue

        $found.Token | Should -Be $script:active
        $failed.Count | Should -Be 2
        $failed | ForEach-Object { Get-TestFirstErrorId $_ } | Should -Be @('SecureEmbedNotFound', 'DashboardNotFound')
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject.Token | Should -Be 'no-such-token'
        $failed[1].TargetObject.DashboardId | Should -Be 'no-such-dashboard'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'Get-SecureEmbed -DashboardId'
    }

    It 'refuses an empty dashboard id without sending anything' {
        $count = Get-TestRequestCount $script:emulator
        [pscustomobject]@{ DashboardId = ' '; Token = 'x' } | Get-SecureEmbed -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue

        Get-TestFirstErrorId $failed[0] | Should -Be 'MissingDashboardId'
        Get-TestRequestCount $script:emulator | Should -Be $count
    }

    It 'shows a table of the identity, title, status, span and template variables' {
        $table = Get-SecureEmbed $script:dashboard -WarningAction SilentlyContinue | Format-Table | Out-String -Width 200

        $table | Should -Match 'DashboardId\s+Token\s+Title\s+Status\s+LiveSpan\s+TemplateVariables'
        $table | Should -Match 'org_id=1'
    }
}

Describe 'Set-SecureEmbed' {
    BeforeEach {
        Reset-TestSecureEmbedEmulator $script:emulator
        Connect-TestEmulator $script:emulator
    }

    Context 'one embed from parameters' {
        It 'changes only the attributes given' {
            $before = Get-TestSecureEmbedShare $script:emulator $script:paused
            $result = Set-SecureEmbed -DashboardId $script:dashboard -Token $script:paused -Status Active -Theme light -PassThru -WarningAction SilentlyContinue
            $after = Get-TestSecureEmbedShare $script:emulator $script:paused

            $after.status | Should -Be 'active'
            $after.theme | Should -Be 'light'
            $after.title | Should -Be $before.title
            $after.liveSpan | Should -Be $before.liveSpan
            $after.highDensity | Should -Be $before.highDensity
            ($after.selectableTemplateVars | ConvertTo-Json -Compress) | Should -Be ($before.selectableTemplateVars | ConvertTo-Json -Compress)
            $result.Status | Should -Be 'active'
            $result.HighDensity | Should -BeTrue
        }

        It 'sends only the given attributes in a secure_embed_update_request' {
            $debug = Set-SecureEmbed $script:dashboard $script:active -LiveSpan 4h -Debug -WarningAction SilentlyContinue 5>&1 | Out-String

            $debug | Should -Match ([regex]::Escape('{"data":{"type":"secure_embed_update_request","attributes":{"global_time":{"live_span":"4h"}}}}'))
            $debug | Should -Match 'PATCH .*/api/v2/dashboard/abc-def-ghi/shared/secure-embed/'
            $debug | Should -Match 'DD-APPLICATION-KEY: \[REDACTED\]'
        }

        It 'takes template variables as hashtables, replacing the list' {
            Set-SecureEmbed $script:dashboard $script:active -SelectableTemplateVariables @(
                @{ name = 'org_id'; prefix = 'org_id'; default_values = @('7'); visible_tags = @('7', '8') }
            ) -WarningAction SilentlyContinue

            $vars = (Get-TestSecureEmbedShare $script:emulator $script:active).selectableTemplateVars
            $vars.Count | Should -Be 1
            $vars[0].defaultValues | Should -Be @('7')
            $vars[0].visibleTags | Should -Be @('7', '8')
        }

        It 'sends nothing with -WhatIf and says what it would change' {
            $count = Get-TestRequestCount $script:emulator
            $transcript = Join-Path $TestDrive 'whatif.txt'
            Start-Transcript -LiteralPath $transcript | Out-Null
            Set-SecureEmbed $script:dashboard $script:active -Status paused -WhatIf -WarningAction SilentlyContinue
            Stop-Transcript | Out-Null
            $message = Get-Content -LiteralPath $transcript -Raw

            $message | Should -Match "secure embed '$($script:active)' of dashboard 'abc-def-ghi'"
            $message | Should -Match 'status = "paused"'
            Get-TestRequestCount $script:emulator | Should -Be $count
            (Get-TestSecureEmbedShare $script:emulator $script:active).status | Should -Be 'active'
        }

        It 'completes LiveSpan, Status and Theme' {
            $line = 'Set-SecureEmbed -LiveSpan 1'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('15m', '1h', '1d', '1w', '1mo')
            $line = 'Set-SecureEmbed -Status '
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('active', 'paused')
            $line = 'Set-SecureEmbed -Theme '
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('system', 'light', 'dark')
        }
    }

    Context 'piped from Get-SecureEmbed' {
        It 'binds DashboardId and Token and sends only what the command line gives' {
            $debug = Get-SecureEmbed $script:dashboard -WarningAction SilentlyContinue |
                Set-SecureEmbed -Status paused -Debug 5>&1 | Out-String

            $bodies = [regex]::Matches($debug, '\{"data":\{"type":"secure_embed_update_request".*?\}\}\}') | ForEach-Object Value
            $bodies | Should -Be @(
                '{"data":{"type":"secure_embed_update_request","attributes":{"status":"paused"}}}'
                '{"data":{"type":"secure_embed_update_request","attributes":{"status":"paused"}}}'
            )
            (Get-TestSecureEmbedShares $script:emulator $script:dashboard).status | Should -Be @('paused', 'paused')
        }
    }

    Context 'bulk from Import-Csv' {
        BeforeAll {
            $script:csv = Join-Path $TestDrive 'set.csv'
            @(
                'DashboardId,Token,Status,theme,live_span,high_density,tv_org_id,Ticket'
                "abc-def-ghi,$($script:active),paused,,1d,yes,,CHG-1"
                "abc-def-ghi,$($script:paused),,DARK,,,42|43,CHG-2"
                'xyz-123-uvw,s3cur3t0k3n-xyzlatency01,Paused,system,,1,,CHG-3'
            ) | Set-Content -LiteralPath $script:csv
        }

        It 'binds columns by parameter or API name, reads tv_ columns and skips empty cells' {
            $activeBefore = Get-TestSecureEmbedShare $script:emulator $script:active
            $results = Import-Csv $script:csv | Set-SecureEmbed -PassThru -ThrottleLimit 3 -WarningAction SilentlyContinue

            $results.Token | Should -Be @($script:active, $script:paused, 's3cur3t0k3n-xyzlatency01')
            $first = Get-TestSecureEmbedShare $script:emulator $script:active
            $first.status | Should -Be 'paused'
            $first.liveSpan | Should -Be '1d'
            $first.highDensity | Should -BeTrue
            $first.theme | Should -Be $activeBefore.theme
            ($first.selectableTemplateVars | ConvertTo-Json -Compress) | Should -Be ($activeBefore.selectableTemplateVars | ConvertTo-Json -Compress)
            $second = Get-TestSecureEmbedShare $script:emulator $script:paused
            $second.theme | Should -Be 'dark'
            $second.status | Should -Be 'paused'
            $second.selectableTemplateVars[0].name | Should -Be 'org_id'
            $second.selectableTemplateVars[0].visibleTags | Should -Be @('42', '43')
            # The empty high_density cell sits on a share that is high-density: "false" would show.
            $second.highDensity | Should -BeTrue
            # Every set cell of the third row differs from the share's seed values (active, light, not high-density).
            $third = Get-TestSecureEmbedShare $script:emulator 's3cur3t0k3n-xyzlatency01'
            $third.status | Should -Be 'paused'
            $third.theme | Should -Be 'system'
            $third.highDensity | Should -BeTrue
        }

        It 'sends nothing at all for the whole CSV with -WhatIf' {
            $count = Get-TestRequestCount $script:emulator
            Import-Csv $script:csv | Set-SecureEmbed -WhatIf -WarningAction SilentlyContinue
            Get-TestRequestCount $script:emulator | Should -Be $count
        }
    }

    Context 'bad rows' {
        BeforeAll {
            $script:mixed = Join-Path $TestDrive 'mixed.csv'
            @(
                'DashboardId,Token,Status,LiveSpan,Theme,Title'
                "abc-def-ghi,$($script:active),paused,,,"
                "abc-def-ghi,$($script:paused),,2h,,"
                'abc-def-ghi,,paused,,,'
                'abc-def-ghi,no-such-token,,,,Renamed'
                "abc-def-ghi,$($script:paused),,,,"
                "abc-def-ghi,$($script:paused),,,blue,"
                "xyz-123-uvw,s3cur3t0k3n-xyzlatency02,,,dark,"
            ) | Set-Content -LiteralPath $script:mixed
        }

        It 'gives each failed row one error with a stable id, a category and the row as TargetObject' {
            $results = Import-Csv $script:mixed | Set-SecureEmbed -PassThru -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue

            $results.Token | Should -Be @($script:active, 's3cur3t0k3n-xyzlatency02')
            $failed.Count | Should -Be 5
            $failed | ForEach-Object { Get-TestFirstErrorId $_ } |
                Should -Be @('InvalidLiveSpan', 'MissingToken', 'SecureEmbedNotFound', 'NoSecureEmbedSettings', 'InvalidTheme')
            $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failed[0].TargetObject.LiveSpan | Should -Be '2h'
            $failed[0].Exception.Message | Should -Match 'LiveSpan \(data\.attributes\.global_time\.live_span\): must be one of 15m, 1h, 4h, 1d, 2d, 1w, 1mo, 3mo'
            $failed[2].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failed[2].TargetObject.Token | Should -Be 'no-such-token'
            $failed[4].Exception.Message | Should -Match 'system, light, dark'
        }

        It 'sends nothing for rows that break a rule' {
            $count = Get-TestRequestCount $script:emulator
            Import-Csv $script:mixed | Set-SecureEmbed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            # 7 rows: 4 are refused before sending (2h, no token, nothing set, blue); 3 reach Datadog.
            Get-TestRequestCount $script:emulator | Should -Be ($count + 3)
        }

        It 'lets the failed rows be replayed from a CSV' {
            Import-Csv $script:mixed | Set-SecureEmbed -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue
            $replay = Join-Path $TestDrive 'failed.csv'
            $failed.TargetObject | Export-Csv -LiteralPath $replay -NoTypeInformation

            $again = Import-Csv $replay
            $again.Count | Should -Be 5
            $fixed = $again | Where-Object LiveSpan -EQ '2h' | ForEach-Object { $_.LiveSpan = '2d'; $_ }
            ($fixed | Set-SecureEmbed -PassThru -WarningAction SilentlyContinue).LiveSpan | Should -Be '2d'
        }

        It 'refuses a word that is not a boolean while binding, naming the value' {
            $rows = [pscustomobject]@{ DashboardId = $script:dashboard; Token = $script:active; HighDensity = 'maybe' }
            $rows | Set-SecureEmbed -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue
            $failed[0].Exception.Message | Should -Match "true/false.*'maybe'"
        }

        It 'stops at the first failure with -ErrorAction Stop' {
            { Import-Csv $script:mixed | Set-SecureEmbed -ErrorAction Stop -WarningAction SilentlyContinue } |
                Should -Throw -ErrorId 'InvalidLiveSpan,EmbedAdmin.Commands.SetSecureEmbedCommand'
        }
    }
}

Describe 'Remove-SecureEmbed' {
    BeforeEach {
        Reset-TestSecureEmbedEmulator $script:emulator
        Connect-TestEmulator $script:emulator
    }

    It 'asks before it removes, as a high-impact change' {
        $attribute = [EmbedAdmin.Commands.RemoveSecureEmbedCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        $attribute.SupportsShouldProcess | Should -BeTrue
    }

    It 'refuses a token of "..", sending nothing and asking nothing, while the other rows carry on' {
        $count = Get-TestRequestCount $script:emulator
        $rows = @(
            [pscustomobject]@{ DashboardId = $script:dashboard; Token = '..' }
            [pscustomobject]@{ DashboardId = $script:dashboard; Token = '.' }
            [pscustomobject]@{ DashboardId = $script:dashboard; Token = $script:active }
        )

        $rows | Remove-SecureEmbed -Confirm:$false -ErrorVariable failures -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        $failures | Should -HaveCount 2
        $failures | ForEach-Object { Get-TestFirstErrorId $_ } | Should -Be @('InvalidIdentifier', 'InvalidIdentifier')
        $failures[0].TargetObject.Token | Should -Be '..'
        $failures[0].Exception.Message | Should -Match 'Token \(token\)'
        # Only the valid row was sent, and only its embed is gone: the dashboard's other shares are intact.
        Get-TestRequestCount $script:emulator | Should -Be ($count + 1)
        Get-TestSecureEmbedShare $script:emulator $script:active | Should -BeNullOrEmpty
        Get-TestSecureEmbedShare $script:emulator $script:paused | Should -Not -BeNullOrEmpty
        Get-TestSecureEmbedShare $script:emulator $script:open | Should -Not -BeNullOrEmpty
    }

    It 'removes one secure embed' {
        $removed = Remove-SecureEmbed -DashboardId $script:dashboard -Token $script:active -Confirm:$false -PassThru -WarningAction SilentlyContinue

        $removed.Token | Should -Be $script:active
        Get-TestSecureEmbedShare $script:emulator $script:active | Should -BeNullOrEmpty
        Get-TestSecureEmbedShare $script:emulator $script:paused | Should -Not -BeNullOrEmpty
    }

    It 'removes what Get-SecureEmbed pipes to it, and leaves the other shares' {
        Get-SecureEmbed $script:dashboard -WarningAction SilentlyContinue | Remove-SecureEmbed -Confirm:$false

        Get-TestSecureEmbedShares $script:emulator $script:dashboard | Should -BeNullOrEmpty
        Get-TestSecureEmbedShare $script:emulator $script:open | Should -Not -BeNullOrEmpty
    }

    It 'sends nothing for a CSV with -WhatIf and names each embed' {
        $csv = Join-Path $TestDrive 'remove.csv'
        @('DashboardId,Token', "abc-def-ghi,$($script:active)", "abc-def-ghi,$($script:paused)") | Set-Content -LiteralPath $csv
        $count = Get-TestRequestCount $script:emulator
        $transcript = Join-Path $TestDrive 'remove-whatif.txt'
        Start-Transcript -LiteralPath $transcript | Out-Null
        Import-Csv $csv | Remove-SecureEmbed -WhatIf -WarningAction SilentlyContinue
        Stop-Transcript | Out-Null

        Get-TestRequestCount $script:emulator | Should -Be $count
        $text = Get-Content -LiteralPath $transcript -Raw
        $text | Should -Match "Remove.* on target \`"secure embed '$($script:active)' of dashboard 'abc-def-ghi'\`""
        $text | Should -Match "secure embed '$($script:paused)'"
        Get-TestSecureEmbedShares $script:emulator $script:dashboard | Should -HaveCount 2
    }

    It 'reports an unknown token as SecureEmbedNotFound with the row, and goes on' {
        $rows = @(
            [pscustomobject]@{ DashboardId = $script:dashboard; Token = 'gone-already' }
            [pscustomobject]@{ DashboardId = $script:dashboard; Token = $script:paused }
        )
        $rows | Remove-SecureEmbed -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue

        $failed.Count | Should -Be 1
        Get-TestFirstErrorId $failed[0] | Should -Be 'SecureEmbedNotFound'
        $failed[0].TargetObject.Token | Should -Be 'gone-already'
        Get-TestSecureEmbedShare $script:emulator $script:paused | Should -BeNullOrEmpty
    }
}
