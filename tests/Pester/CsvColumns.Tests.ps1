# Column rules, per-target order and the export/apply round trip, driven through Import-Csv files against the emulator.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator

    function Write-TestCsv([string] $Name, [string[]] $Lines) {
        $path = Join-Path $TestDrive $Name
        $Lines | Set-Content -LiteralPath $path
        $path
    }
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Column rules for CSV rows' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulator $script:emulator
    }

    Context 'a column that is almost a field' {
        BeforeAll {
            $script:nearMiss = Write-TestCsv 'near-miss.csv' @(
                'embedId,isAllowEmailReport,isAllowUnderlyingData'
                'embed_acme,false,false'
                'embed_globex,,true'
            )
        }

        It 'stops the row with UnknownColumn naming the column and the field it meant, sends nothing for it, and carries on' {
            $acmeBefore = Get-TestEmbedAccess $script:emulator embed_acme
            $mutations = Get-TestMutationCount $script:emulator

            $results = Import-Csv $script:nearMiss | Set-EmbedAccess -PassThru -ErrorAction SilentlyContinue -ErrorVariable failed

            $failed.Count | Should -Be 2
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'UnknownColumn,*'
            $failed[0].Exception.Message | Should -Match "isAllowEmailReport: .*did you mean 'isAllowEmailReports'"
            $failed[0].TargetObject.embedId | Should -Be 'embed_acme'
            $failed[1].TargetObject.embedId | Should -Be 'embed_globex'
            $results | Should -BeNullOrEmpty
            Get-TestMutationCount $script:emulator | Should -Be $mutations
            $acme = Get-TestEmbedAccess $script:emulator embed_acme
            $acme.isAllowEmailReports | Should -Be $acmeBefore.isAllowEmailReports
            $acme.isAllowUnderlyingData | Should -Be $acmeBefore.isAllowUnderlyingData
        }

        It 'is reported the same way under -WhatIf, with nothing read or sent' {
            $requests = Get-TestRequestCount $script:emulator
            Import-Csv $script:nearMiss | Set-EmbedAccess -WhatIf -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @('UnknownColumn', 'UnknownColumn')
            Get-TestRequestCount $script:emulator | Should -Be $requests
        }

        It 'lets the column through when -IgnoreColumn names it, applying the rest of the row' {
            $results = Import-Csv $script:nearMiss | Set-EmbedAccess -IgnoreColumn isAllowEmailReport -PassThru -WarningVariable warned -WarningAction SilentlyContinue
            $results.EmbedId | Should -Be @('embed_acme', 'embed_globex')
            $warned | Should -BeNullOrEmpty
            (Get-TestEmbedAccess $script:emulator embed_acme).isAllowUnderlyingData | Should -BeFalse
            (Get-TestEmbedAccess $script:emulator embed_globex).isAllowUnderlyingData | Should -BeTrue
        }

        It 'applies to the workspace cmdlets too' {
            Connect-TestEmulatorWithServiceToken $script:emulator
            $before = Get-TestDataBrainRecord $script:emulator workspaces 'Sales Analytics' -AsJson
            $csv = Write-TestCsv 'workspace.csv' @(
                'Name,ConnectionType,DatamartName,isEnableMetricSugestions'
                'Sales Analytics,DATAMART,sales-datamart,true'
            )
            Import-Csv $csv | Update-Workspace -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed.FullyQualifiedErrorId | Should -BeLike 'UnknownColumn,*'
            $failed[0].Exception.Message | Should -Match "isEnableMetricSuggestions"
            Get-TestDataBrainRecord $script:emulator workspaces 'Sales Analytics' -AsJson | Should -Be $before
        }
    }

    Context 'two columns for one field' {
        It 'stops the row with ConflictingColumns when the values differ, and sends nothing for it' {
            $csv = Write-TestCsv 'conflict.csv' @(
                'EmbedId,isAllowEmailReports,AllowEmailReports'
                'embed_acme,false,true'
                'embed_globex,false,0'
            )
            $acmeBefore = (Get-TestEmbedAccess $script:emulator embed_acme).isAllowEmailReports

            $results = Import-Csv $csv | Set-EmbedAccess -PassThru -ErrorAction SilentlyContinue -ErrorVariable failed

            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'ConflictingColumns,*'
            $failed[0].Exception.Message | Should -Match "'isAllowEmailReports'"
            $failed[0].Exception.Message | Should -Match "'AllowEmailReports'"
            $failed[0].TargetObject.EmbedId | Should -Be 'embed_acme'
            (Get-TestEmbedAccess $script:emulator embed_acme).isAllowEmailReports | Should -Be $acmeBefore
            # Equal values (false and 0) are one value: the row is applied.
            $results.EmbedId | Should -Be @('embed_globex')
            (Get-TestEmbedAccess $script:emulator embed_globex).isAllowEmailReports | Should -BeFalse
        }

        It 'is reported under -WhatIf too' {
            $csv = Write-TestCsv 'conflict-whatif.csv' @(
                'EmbedId,tableList,TableTenancySettings'
                'embed_acme,customers:tenant_id,orders:tenant_id'
            )
            Import-Csv $csv | Set-EmbedAccess -WhatIf -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed.FullyQualifiedErrorId | Should -BeLike 'ConflictingColumns,*'
        }
    }

    Context 'columns that bind to nothing' {
        BeforeAll {
            $script:notes = Write-TestCsv 'notes.csv' @(
                'EmbedId,AllowAiPilot,notes,owner'
                'embed_acme,true,first,ann'
                'embed_globex,false,second,bob'
                'embed_initech,true,third,cy'
            )
        }

        It 'gives one warning for the whole run listing them, and applies every row' {
            $results = Import-Csv $script:notes | Set-EmbedAccess -PassThru -WarningVariable warned -WarningAction SilentlyContinue
            $results.EmbedId | Should -Be @('embed_acme', 'embed_globex', 'embed_initech')
            $warned.Count | Should -Be 1
            "$($warned[0])" | Should -Match 'notes, owner'
            (Get-TestEmbedAccess $script:emulator embed_globex).isAllowAiPilot | Should -BeFalse
        }

        It 'says nothing about the columns -IgnoreColumn names' {
            Import-Csv $script:notes | Set-EmbedAccess -IgnoreColumn notes -WarningVariable warned -WarningAction SilentlyContinue
            $warned.Count | Should -Be 1
            "$($warned[0])" | Should -Not -Match 'notes'
            "$($warned[0])" | Should -Match 'owner'
            Import-Csv $script:notes | Set-EmbedAccess -IgnoreColumn NOTES, Owner -WarningVariable warned -WarningAction SilentlyContinue
            $warned | Should -BeNullOrEmpty
        }

        It 'does not check objects written by the module itself' {
            $embeds = Get-Embed -EmbedId embed_acme -IncludeAccess
            $result = $embeds | Set-EmbedAccess -AllowAiPilot $false -PassThru -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed
            # The object's own (current) settings are not sent back: only what the command line gives.
            $result.UpdatedFields | Should -Be @('isAllowAiPilot')
            $warned | Should -BeNullOrEmpty
            $failed | Should -BeNullOrEmpty
            (Get-TestEmbedAccess $script:emulator embed_acme).isAllowAiPilot | Should -BeFalse
        }
    }
}

Describe 'Column rules for the create cmdlets' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulator $script:emulator
    }

    It 'New-DashboardEmbed stops a row with a near-miss column and sends nothing for it; -IgnoreColumn lets it through' {
        $csv = Write-TestCsv 'dashboard-near-miss.csv' @(
            'DashboardId,ClientId,WorkspaceName,DatamartName,isAllowEmailReport'
            'col-dash,col-1,analytics-workspace,customer-analytics,true'
        )
        $requests = Get-TestRequestCount $script:emulator

        Import-Csv $csv | New-DashboardEmbed -ErrorAction SilentlyContinue -ErrorVariable failed

        $failed.FullyQualifiedErrorId | Should -BeLike 'UnknownColumn,*'
        $failed[0].Exception.Message | Should -Match "did you mean 'isAllowEmailReports'"
        Get-TestRequestCount $script:emulator | Should -Be $requests

        $created = Import-Csv $csv | New-DashboardEmbed -IgnoreColumn isAllowEmailReport -WarningVariable warned -WarningAction SilentlyContinue
        $created.EmbedId | Should -Be 'col-dash'
        $created.DatamartName | Should -Be 'customer-analytics'
        $warned | Should -BeNullOrEmpty
        # Ignored, so the permission took its secure default rather than the cell's value.
        (Get-TestEmbedAccess $script:emulator col-dash).isAllowEmailReports | Should -BeFalse
    }

    It 'New-Embed stops a row whose two columns for one field differ' {
        $csv = Write-TestCsv 'embed-conflict.csv' @(
            'DashboardId,DatamartName,isAllowEmailReports,AllowEmailReports'
            'dashboard-sales,customer-analytics,true,false'
        )
        $requests = Get-TestRequestCount $script:emulator

        Import-Csv $csv | New-Embed -ErrorAction SilentlyContinue -ErrorVariable failed

        $failed.FullyQualifiedErrorId | Should -BeLike 'ConflictingColumns,*'
        Get-TestRequestCount $script:emulator | Should -Be $requests
    }

    It 'New-GuestToken refuses an EmbedId and an allowedEmbeds column that disagree, and a near miss, sending nothing' {
        $conflict = Write-TestCsv 'token-conflict.csv' @(
            'ClientId,EmbedId,allowedEmbeds'
            'acme-1,embed_acme,embed_globex'
        )
        $nearMiss = Write-TestCsv 'token-near-miss.csv' @(
            'ClientId,EmbedId,userIdentifer'
            'acme-2,embed_acme,u-2'
        )
        $requests = Get-TestRequestCount $script:emulator

        $tokens = @($conflict, $nearMiss) | ForEach-Object { Import-Csv $_ } | New-GuestToken -DataAppName demo-app -ErrorAction SilentlyContinue -ErrorVariable failed

        $tokens | Should -BeNullOrEmpty
        $failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @('ConflictingColumns', 'UnknownColumn')
        $failed[0].Exception.Message | Should -Match "'EmbedId'"
        $failed[1].Exception.Message | Should -Match "did you mean 'UserIdentifier'"
        Get-TestRequestCount $script:emulator | Should -Be $requests
    }

    It 'New-GuestToken reads an expiryTime column as -Expiry, and ignores a Token column of issued tokens without naming its value' {
        $oldToken = 'gt_previous_token_value_123'
        $csv = Write-TestCsv 'token-reissue.csv' @(
            'ClientId,expiryTime,Token,ExpiresAt'
            "acme-1,2h,$oldToken,2020-01-01"
        )

        $streams = Invoke-TestStreams { Import-Csv $csv | New-GuestToken -DataAppName demo-app -Verbose }

        $token = @($streams.Output)
        $token.Count | Should -Be 1
        $token[0].Token | Should -BeOfType [securestring]
        $token[0].ExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(110))
        $token[0].ExpiresAt | Should -BeLessThan ([DateTimeOffset]::UtcNow.AddMinutes(130))
        $streams.Warning | Should -BeNullOrEmpty
        (@($streams.Verbose) + @($token | Format-List * | Out-String)) -join "`n" | Should -Not -Match $oldToken
    }

    It 'New-GuestToken refuses a bare number in the expiryTime column instead of making a token that never expires' {
        $csv = Write-TestCsv 'token-bare-expiry.csv' @(
            'ClientId,expiryTime'
            'acme-1,3600000'
        )
        $requests = Get-TestRequestCount $script:emulator

        Import-Csv $csv | New-GuestToken -DataAppName demo-app -ErrorAction SilentlyContinue -ErrorVariable failed

        $failed.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        Get-TestRequestCount $script:emulator | Should -Be $requests
    }
}

Describe 'Rows for one target keep their order' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulator $script:emulator
    }

    It 'applies the last row for each embed, at -ThrottleLimit 8 with jittery latency' {
        # Jitter lets a later request overtake an earlier one unless rows for one embed wait for each other.
        Set-TestEmulatorFaults $script:emulator @{ latencyMs = 1; jitterMs = 60; seed = 5 }
        $embeds = 'embed_acme', 'embed_globex', 'embed_initech', 'embed_hooli'
        $lines = @('EmbedId,isAllowEmailReports,joinModel')
        foreach ($round in 1..3) {
            foreach ($embed in $embeds) { $lines += "$embed,true,single" }
            foreach ($embed in $embeds) { $lines += "$embed,false,multi" }
        }
        $csv = Write-TestCsv 'order.csv' $lines

        $results = Import-Csv $csv | Set-EmbedAccess -ThrottleLimit 8 -PassThru

        $results.EmbedId | Should -Be (Import-Csv $csv).EmbedId
        foreach ($embed in $embeds) {
            $access = Get-TestEmbedAccess $script:emulator $embed
            $access.isAllowEmailReports | Should -BeFalse -Because "the last row for $embed sets false"
            $access.joinModel | Should -Be 'multi'
        }
    }
}

Describe 'Export, then apply again' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulator $script:emulator
    }

    It 'writes the access settings as flat columns named like the API fields, tenancy in one cell' {
        $csv = Join-Path $TestDrive 'embeds.csv'
        Set-EmbedAccess -EmbedId embed_acme -TableTenancySettings 'customers:tenant_id;orders:tenant_id'
        Get-Embed -EmbedId embed_acme -IncludeAccess | Export-Csv -LiteralPath $csv
        $row = Import-Csv $csv
        $row.tableTenancySettings | Should -Be 'customers:tenant_id;orders:tenant_id'
        $row.isAllowEmailReports | Should -Be "$((Get-TestEmbedAccess $script:emulator embed_acme).isAllowEmailReports)"
        $row.PSObject.Properties.Name | Should -Contain 'joinModel'
        $row.PSObject.Properties.Name | Should -Contain 'DatamartName'
    }

    It 'applies an edited export: the edited cell changes, the others are sent unchanged, with no warning' {
        $csv = Join-Path $TestDrive 'edited.csv'
        $before = Get-TestEmbedAccess $script:emulator embed_globex
        $rows = Get-Embed -EmbedId embed_globex -IncludeAccess | ConvertTo-Csv | ConvertFrom-Csv
        $rows[0].isAllowUnderlyingData = "$(-not $before.isAllowUnderlyingData)"
        $rows | Export-Csv -LiteralPath $csv

        Import-Csv $csv | Set-EmbedAccess -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed

        $failed | Should -BeNullOrEmpty
        $warned | Should -BeNullOrEmpty
        $after = Get-TestEmbedAccess $script:emulator embed_globex
        $after.isAllowUnderlyingData | Should -Be (-not $before.isAllowUnderlyingData)
        $after.joinModel | Should -Be $before.joinModel
        $after.isAllowEmailReports | Should -Be $before.isAllowEmailReports
    }

    It 'shows only "no change" for every field of every embed of the demo seed, in a fresh process' {
        $csv = Join-Path $TestDrive 'all-embeds.csv'
        $module = Get-TestModulePath
        $key = Get-TestDevKey DataApp
        $output = Invoke-TestPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$module'
Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-SecureString '$key' -AsPlainText -Force) -DataBrainUri '$($script:emulator.BaseUri)'
Get-Embed -IncludeAccess | Export-Csv -LiteralPath '$csv'
Import-Csv -LiteralPath '$csv' | Set-EmbedAccess -WhatIf
"@
        $text = ($output | Out-String)
        $embeds = Import-Csv -LiteralPath $csv
        $embeds.Count | Should -BeGreaterThan 3
        $fieldLines = @($text -split "`r?`n" | Where-Object { $_ -match '^\s+\w+: ' })
        $fieldLines.Count | Should -BeGreaterOrEqual ($embeds.Count * 5)
        $fieldLines | Where-Object { $_ -notmatch '\(no change\)$' } | Should -BeNullOrEmpty
        foreach ($embed in $embeds) { $text | Should -Match "Set access on embed '$($embed.EmbedId)'" }
        $text | Should -Not -Match 'WARNING'
        $text | Should -Not -Match 'Exception|Error'
        Get-TestMutationCount $script:emulator | Should -Be 0
    }
}

Describe 'Secure embeds: export, then apply again' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulator $script:emulator
    }

    It 'applies an unedited Get-SecureEmbed export without a warning or an error, leaving every embed as it was' {
        $csv = Join-Path $TestDrive 'secure-embeds.csv'
        $before = Get-SecureEmbed abc-def-ghi -WarningAction SilentlyContinue
        $before.Count | Should -BeGreaterThan 1
        $before | Export-Csv -LiteralPath $csv

        Import-Csv $csv | Set-SecureEmbed -WhatIf -WarningVariable whatIfWarned -WarningAction SilentlyContinue -ErrorVariable whatIfFailed
        $results = Import-Csv $csv | Set-SecureEmbed -PassThru -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed

        $whatIfFailed | Should -BeNullOrEmpty
        $failed | Should -BeNullOrEmpty
        @($whatIfWarned) + @($warned) | Where-Object { "$_" -notmatch 'preview' } | Should -BeNullOrEmpty
        $results.Token | Should -Be $before.Token
        $after = Get-SecureEmbed abc-def-ghi -WarningAction SilentlyContinue
        $fields = 'Token', 'Title', 'Status', 'LiveSpan', 'GlobalTimeSelectable', 'HighDensity', 'Theme', 'TemplateVariables'
        ($after | Select-Object $fields | ConvertTo-Csv) | Should -Be ($before | Select-Object $fields | ConvertTo-Csv)
    }

    It 'applies an edited cell and refuses a near-miss column' {
        $csv = Join-Path $TestDrive 'secure-edited.csv'
        $rows = Get-SecureEmbed abc-def-ghi -WarningAction SilentlyContinue | ConvertTo-Csv | ConvertFrom-Csv
        $theme = if ($rows[0].Theme -eq 'dark') { 'light' } else { 'dark' }
        $rows[0].Theme = $theme
        $rows | Select-Object *, @{ n = 'HighDensty'; e = { 'true' } } | Export-Csv -LiteralPath $csv
        Import-Csv $csv | Set-SecureEmbed -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue
        $failed.Count | Should -Be $rows.Count
        $failed | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] } | Select-Object -Unique | Should -Be 'UnknownColumn'
        (Get-SecureEmbed abc-def-ghi -Token $rows[0].Token -WarningAction SilentlyContinue).Theme | Should -Not -Be $theme

        $rows | Export-Csv -LiteralPath $csv
        Import-Csv $csv | Set-SecureEmbed -WarningAction SilentlyContinue
        (Get-SecureEmbed abc-def-ghi -Token $rows[0].Token -WarningAction SilentlyContinue).Theme | Should -Be $theme
    }
}

Describe 'Datamarts: export the columns, then apply again' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
    }

    It 'shows only "no change" for every table and column field of every datamart of the demo seed, in a fresh process' {
        $csv = Join-Path $TestDrive 'all-columns.csv'
        $module = Get-TestModulePath
        $state = { (Invoke-WebRequest -Uri "$($script:emulator.BaseUri)/_emulator/state" -UseBasicParsing).Content | ConvertFrom-Json | Select-Object -ExpandProperty dataBrain | Select-Object -ExpandProperty datamarts | ConvertTo-Json -Depth 20 -Compress }
        $before = & $state
        $output = Invoke-TestPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$module'
Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-SecureString '$(Get-TestDevKey DataApp)' -AsPlainText -Force) -DataBrainServiceToken (ConvertTo-SecureString '$(Get-TestDevKey ServiceToken)' -AsPlainText -Force) -DataBrainUri '$($script:emulator.BaseUri)'
Get-Datamart -AsColumnRows | Export-Csv -LiteralPath '$csv'
Update-Datamart -ColumnsPath '$csv' -WhatIf
"@
        $text = ($output | Out-String)
        $rows = Import-Csv -LiteralPath $csv
        $headers = $rows[0].PSObject.Properties.Name
        # Named like the API's fields (without regard to case); Datatype is the datasource's, read only and ignored.
        foreach ($field in 'DatamartName', 'TableName', 'SchemaName', 'ColumnName', 'Alias', 'Label', 'IsHide', 'IsCustomColumn', 'Sql', 'IsAggregate', 'IsApplyTimezone', 'Datatype') {
            $headers | Should -Contain $field
        }

        $tables = @($rows | ForEach-Object { "$($_.DatamartName)|$(if ($_.SchemaName) { "$($_.SchemaName)." })$($_.TableName)" } | Select-Object -Unique)
        $datamarts = @($rows.DatamartName | Select-Object -Unique)
        $datamarts.Count | Should -BeGreaterThan 2
        foreach ($datamart in $datamarts) { $text | Should -Match "What if: Update datamart '$datamart'" }
        $fieldLines = @($text -split "`r?`n" | Where-Object { $_ -match '^\s+(table|tenancy|relationships)\b' })
        $tableLines = @($fieldLines | Where-Object { $_ -match '^\s+table ' })
        $tableLines.Count | Should -Be $tables.Count
        $tableLines | Where-Object { $_ -notmatch 'alias, label, isHide, isCustomColumn, sql, isAggregate, isApplyTimezone \(no change\)$' } | Should -BeNullOrEmpty
        $fieldLines | Where-Object { $_ -notmatch '\(no change\)' } | Should -BeNullOrEmpty
        $text | Should -Not -Match 'WARNING|->'
        $text | Should -Not -Match 'Exception|Error'
        Get-TestMutationCount $script:emulator | Should -Be 0
        & $state | Should -Be $before
    }
}

Describe 'Workspaces: export, then apply again' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'shows only "no change" for every field of every workspace of the demo seed, in a fresh process' {
        $csv = Join-Path $TestDrive 'all-workspaces.csv'
        $module = Get-TestModulePath
        $output = Invoke-TestPwsh @"
`$ErrorActionPreference = 'Stop'
Import-Module '$module'
Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-SecureString '$(Get-TestDevKey DataApp)' -AsPlainText -Force) -DataBrainServiceToken (ConvertTo-SecureString '$(Get-TestDevKey ServiceToken)' -AsPlainText -Force) -DataBrainUri '$($script:emulator.BaseUri)'
Get-Workspace | Export-Csv -LiteralPath '$csv'
Import-Csv -LiteralPath '$csv' | Update-Workspace -WhatIf
"@
        $text = ($output | Out-String)
        $workspaces = Import-Csv -LiteralPath $csv
        $workspaces.Count | Should -BeGreaterThan 1
        foreach ($field in 'Name', 'ConnectionType', 'DatasourceName', 'DatamartName', 'SummaryType') { $workspaces[0].PSObject.Properties.Name | Should -Contain $field }
        foreach ($workspace in $workspaces) { $text | Should -Match "What if: Update workspace '$([regex]::Escape($workspace.Name))'" }
        $fieldLines = @($text -split "`r?`n" | Where-Object { $_ -match '^\s+\w+: ' })
        $fieldLines.Count | Should -Be ($workspaces.Count * 10)
        $fieldLines | Where-Object { $_ -notmatch '\(no change\)$' } | Should -BeNullOrEmpty
        $text | Should -Not -Match 'WARNING|->'
        $text | Should -Not -Match 'Exception|Error'
        Get-TestMutationCount $script:emulator | Should -Be 0
    }

    It 'settles an unedited export as unchanged without -WhatIf, sends nothing, and applies an edited row' {
        $csv = Join-Path $TestDrive 'workspaces.csv'
        $rows = Get-Workspace | ConvertTo-Csv | ConvertFrom-Csv
        $rows[1].ConnectionType = 'DATAMART'
        $rows[1].DatamartName = 'sales-datamart'
        $rows | Export-Csv -LiteralPath $csv

        Import-Csv $csv | Update-Workspace -Confirm:$false -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed

        $failed | Should -BeNullOrEmpty
        $warned | Should -BeNullOrEmpty
        $run = (Get-EmbedAdminSession).LastBulkRun
        $run.Succeeded | Should -Be @($rows[1].Name)
        $run.Unchanged.Count | Should -Be ($rows.Count - 1)
        Get-TestMutationCount $script:emulator | Should -Be 1
        $updated = Get-TestDataBrainRecord $script:emulator workspaces $rows[1].Name
        $updated.connectionType | Should -Be 'DATAMART'
        $updated.datamartName | Should -Be 'sales-datamart'
    }

    It 'still refuses a row that sets nothing and leaves out the other columns' {
        $csv = Write-TestCsv 'names-only.csv' @('Name', (Get-Workspace | Select-Object -First 1).Name)
        Import-Csv $csv | Update-Workspace -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'MissingConnectionType,*'
        Get-TestMutationCount $script:emulator | Should -Be 0
    }
}
