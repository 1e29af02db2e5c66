BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator

    # What-if text goes to the host, not to a stream, so a transcript is what sees it.
    function Get-HostText([scriptblock] $Script) {
        $transcript = Join-Path $TestDrive ("host-{0}.txt" -f [guid]::NewGuid())
        Start-Transcript -LiteralPath $transcript | Out-Null
        try { & $Script } finally { Stop-Transcript | Out-Null }
        Get-Content -LiteralPath $transcript -Raw
    }
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Get-Workspace' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'lists every workspace, in the service''s order, as Workspace objects' {
        $all = Get-Workspace
        $all.Name | Should -Be @('Finance', 'Sales Analytics', 'analytics-workspace')
        # The module's types live in its own load context, so they are checked by name.
        $all[0].GetType().FullName | Should -Be 'EmbedAdmin.Core.Models.Workspace'
        $all[0].ConnectionType | Should -BeNullOrEmpty
    }

    It 'reads every page' {
        1..12 | ForEach-Object { [pscustomobject]@{ Name = 'ws-{0:00}' -f $_; ConnectionType = 'MULTI_DATASOURCE' } } | New-Workspace -Confirm:$false
        $count = Get-TestRequestCount $script:emulator
        (Get-Workspace).Count | Should -Be 15
        # 15 workspaces at 10 a page: two requests, the second one short.
        Get-TestRequestCount $script:emulator | Should -Be ($count + 2)
    }

    It 'filters by name with wildcards, without regard to case, and reads the list once for many names' {
        $count = Get-TestRequestCount $script:emulator
        (Get-Workspace -Name '*analytics*').Name | Should -Be @('Sales Analytics', 'analytics-workspace')
        ([pscustomobject]@{ Name = 'fin*' }, [pscustomobject]@{ WorkspaceName = 'sales analytics' } | Get-Workspace).Name | Should -Be @('Finance', 'Sales Analytics')
        Get-TestRequestCount $script:emulator | Should -Be ($count + 2)
    }

    It 'reports a plain name that matches nothing as WorkspaceNotFound, and still writes the others' {
        $found = Get-Workspace -Name 'Finance', 'Nope', 'Zz*' -ErrorAction SilentlyContinue -ErrorVariable failed
        $found.Name | Should -Be 'Finance'
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'WorkspaceNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].Exception.Message | Should -Match "'Nope'"
    }

    It 'says AuthenticationFailed when the session has only a data-app key, which the newest docs refuse here' {
        Connect-TestEmulator $script:emulator
        { Get-Workspace -ErrorAction Stop } | Should -Throw -ErrorId 'AuthenticationFailed,EmbedAdmin.Commands.GetWorkspaceCommand'
    }
}

Describe 'New-Workspace' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'creates workspaces from a CSV, binding columns by parameter or API name' {
        $csv = Join-Path $TestDrive 'new.csv'
        @(
            'Name,connectionType,DatasourceName,DatamartName,isEnableMetricSummary,SummaryType,AiCopilotLlms'
            'Marketing,DATASOURCE,postgres-production,,,,'
            'Partners,datamart,,sales-datamart,yes,forecastAndTrendAnalysis,gpt-4o;claude-sonnet'
        ) | Set-Content -LiteralPath $csv
        $created = Import-Csv $csv | New-Workspace -PassThru -Confirm:$false

        $created.Name | Should -Be @('Marketing', 'Partners')
        $created[1].ConnectionType | Should -Be 'DATAMART'
        $partners = Get-TestDataBrainRecord $script:emulator workspaces Partners
        $partners.datamartName | Should -Be 'sales-datamart'
        $partners.summaryType | Should -Be 'forecastAndTrendAnalysis'
        $partners.aiCopilotLlms | Should -Be @('gpt-4o', 'claude-sonnet')
        (Get-TestDataBrainRecord $script:emulator workspaces Marketing).datasourceName | Should -Be 'postgres-production'
    }

    It 'sends nothing with -WhatIf' {
        $count = Get-TestRequestCount $script:emulator
        $text = Get-HostText { New-Workspace -Name Marketing -ConnectionType MULTI_DATAMART -WhatIf }
        $text | Should -Match "workspace 'Marketing'"
        Get-TestRequestCount $script:emulator | Should -Be $count
    }

    It 'reports a duplicate name with the service''s code' {
        New-Workspace -Name Finance -ConnectionType MULTI_DATAMART -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRequest,*'
        $failed[0].Exception.Message | Should -Match 'already exists'
    }
}

Describe 'Update-Workspace' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'repoints the workspace and says with -Verbose, not as a warning, that every metric moves to the new connection' {
        $streams = Invoke-TestStreams { Update-Workspace -Name 'Sales Analytics' -ConnectionType DATAMART -DatamartName sales-datamart -PassThru -Confirm:$false -Verbose }
        $result = $streams.Output[0]

        $stored = Get-TestDataBrainRecord $script:emulator workspaces 'Sales Analytics'
        $stored.connectionType | Should -Be 'DATAMART'
        $stored.datamartName | Should -Be 'sales-datamart'
        $stored.datasourceName | Should -BeNullOrEmpty
        $result.UpdatedFields | Should -Be @('connectionType', 'datamartName')
        $streams.Warning | Should -BeNullOrEmpty -Because 'under -Debug a warning would be a prompt, which stops a runbook'
        @($streams.Verbose -match "^Every metric in workspace 'Sales Analytics' will be switched to datamart 'sales-datamart'").Count | Should -Be 1
    }

    It 'is a high-impact change: it asks by default' {
        $command = Get-Command Update-Workspace
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'sends nothing with -WhatIf and shows the change and what it does to the metrics' {
        $count = Get-TestRequestCount $script:emulator
        $text = Get-HostText { Update-Workspace -Name 'Sales Analytics' -ConnectionType MULTI_DATASOURCE -WhatIf }
        $text | Should -Match "Update workspace 'Sales Analytics': connectionType = .MULTI_DATASOURCE."
        $text | Should -Match 'Every metric in workspace'
        $text | Should -Match 'single-datasource or single-datamart link is cleared'
        Get-TestRequestCount $script:emulator | Should -Be $count
        (Get-TestDataBrainRecord $script:emulator workspaces 'Sales Analytics').connectionType | Should -Be 'DATASOURCE'
    }

    It 'does not carry a value from one piped object to the next one that lacks it' {
        $rows = @(
            [pscustomobject]@{ Name = 'Finance'; ConnectionType = 'DATASOURCE'; DatasourceName = 'snowflake-warehouse'; EnableMetricSuggestions = $true }
            [pscustomobject]@{ Name = 'Sales Analytics'; ConnectionType = 'MULTI_DATAMART' }
        )
        $done = $rows | Update-Workspace -PassThru -Confirm:$false -WarningAction SilentlyContinue
        $done[1].UpdatedFields | Should -Be @('connectionType')
        (Get-TestDataBrainRecord $script:emulator workspaces 'Sales Analytics').isEnableMetricSuggestions | Should -Not -BeTrue
    }

    It 'takes workspaces from Get-Workspace' {
        Get-Workspace -Name Finance | Update-Workspace -ConnectionType DATASOURCE -DatasourceName snowflake-warehouse -Confirm:$false -WarningAction SilentlyContinue
        (Get-TestDataBrainRecord $script:emulator workspaces Finance).datasourceName | Should -Be 'snowflake-warehouse'
    }

    It 'sets every AI field of docs.usedatabrain.com/api-reference/update-workspace' {
        Update-Workspace -Name Finance -ConnectionType MULTI_DATAMART -LlmName claude-sonnet -AiCopilotLlms gpt-4o, llama-3-70b `
            -EnableMetricSuggestions $false -EnableMetricSummary $true -SummaryType custom -CustomSummaryPrompt 'Explain like a CFO' `
            -ThemeName 'Dark Mode' -Confirm:$false -WarningAction SilentlyContinue
        $stored = Get-TestDataBrainRecord $script:emulator workspaces Finance
        $stored.llmName | Should -Be 'claude-sonnet'
        $stored.aiCopilotLlms | Should -Be @('gpt-4o', 'llama-3-70b')
        # Finance has no AI settings in the seed: a false that was never sent would read as null, not as a Boolean.
        $stored.isEnableMetricSuggestions | Should -BeOfType [bool]
        $stored.isEnableMetricSuggestions | Should -BeFalse
        $stored.isEnableMetricSummary | Should -BeTrue
        $stored.summaryType | Should -Be 'custom'
        $stored.customSummaryPrompt | Should -Be 'Explain like a CFO'
        $stored.themeName | Should -Be 'Dark Mode'
    }

    Context 'bad rows' {
        BeforeAll {
            $script:bad = Join-Path $TestDrive 'bad.csv'
            @(
                'Name,ConnectionType,DatasourceName,DatamartName,EnableMetricSummary,SummaryType,CustomSummaryPrompt'
                'Finance,MULTI_DATAMART,,,,,'
                'Sales Analytics,DATASOURCE,,,,,'
                'Finance,DATAMART,,,,,'
                'Finance,SIDEWAYS,,,,,'
                'Finance,MULTI_DATAMART,,,yes,,'
                'Finance,MULTI_DATAMART,,,yes,custom,'
                'Finance,MULTI_DATAMART,,,no,weekly,'
                'Finance,,,,,,'
                ',MULTI_DATAMART,,,,,'
                'Finance,DATASOURCE,postgres-production,customer-analytics,,,'
                'sales analytics,MULTI_DATAMART,,,,,'
                'Sales Analytics,DATASOURCE,no-such-source,,,,'
            ) | Set-Content -LiteralPath $script:bad
        }

        It 'rejects each bad row with a specific id and the row as TargetObject, and sends only the good ones' {
            $count = Get-TestRequestCount $script:emulator
            $rows = Import-Csv $script:bad
            $done = $rows | Update-Workspace -PassThru -Confirm:$false -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -ErrorVariable failed

            $done.Name | Should -Be @('Finance')
            $failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @(
                'MissingDatasourceName', 'MissingDatamartName', 'InvalidConnectionType', 'MissingSummaryType', 'MissingCustomSummaryPrompt',
                'InvalidSummaryType', 'MissingConnectionType', 'MissingWorkspaceName', 'UnexpectedDatamartName', 'WorkspaceNotFound', 'DatasourceNotFound')
            $failed[0].TargetObject | Should -Be $rows[1]
            $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failed[9].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            # 12 rows: one good, two the service refuses, nine refused before sending.
            Get-TestRequestCount $script:emulator | Should -Be ($count + 3)
        }

        It 'sends nothing at all for bad input, even without -WhatIf' {
            $count = Get-TestRequestCount $script:emulator
            Update-Workspace -Name Finance -ConnectionType DATASOURCE -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed[0].FullyQualifiedErrorId | Should -Be 'MissingDatasourceName,EmbedAdmin.Commands.UpdateWorkspaceCommand'
            $failed[0].Exception.Message | Should -Match 'DatasourceName \(datasourceName\): is required when ConnectionType is DATASOURCE'
            Get-TestRequestCount $script:emulator | Should -Be $count
        }

        It 'rejects a boolean word it does not know while binding' {
            { Update-Workspace -Name Finance -ConnectionType MULTI_DATAMART -EnableMetricSummary maybe -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'ParameterArgumentTransformationError,EmbedAdmin.Commands.UpdateWorkspaceCommand'
        }
    }

    It 'completes ConnectionType and SummaryType' {
        $line = 'Update-Workspace -ConnectionType MULTI'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('MULTI_DATASOURCE', 'MULTI_DATAMART')
        $line = 'New-Workspace -SummaryType c'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('comparativeAndAnomalyDetection', 'custom')
    }
}
