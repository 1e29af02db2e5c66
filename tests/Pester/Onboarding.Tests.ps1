# The onboarding example (examples/Onboard-NewTenants.ps1) against the emulator: -WhatIf changes nothing, the first
# run onboards every tenant of examples/new-tenants.csv, the second run reports them all and changes nothing.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    $script:examples = Join-Path $PSScriptRoot '../../examples'
    $script:script = Join-Path $script:examples 'Onboard-NewTenants.ps1'
    $script:tenants = Import-Csv (Join-Path $script:examples 'new-tenants.csv')

    function Get-State { (Invoke-WebRequest -Uri "$($script:emulator.BaseUri)/_emulator/state" -UseBasicParsing).Content }
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Onboard-NewTenants.ps1' {
    BeforeAll {
        Reset-TestEmulator $script:emulator
        Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-TestSecret (Get-TestDevKey DataApp)) -DataBrainServiceToken (ConvertTo-TestSecret (Get-TestDevKey ServiceToken)) `
            -DataBrainUri $script:emulator.BaseUri -DataAppName demo-app
        $script:failed = Join-Path $TestDrive 'failed.csv'
    }

    It 'changes nothing with -WhatIf' {
        $before = Get-State
        $mutations = Get-TestMutationCount $script:emulator
        & $script:script -FailedPath $script:failed -WhatIf | Should -BeNullOrEmpty
        Get-TestMutationCount $script:emulator | Should -Be $mutations
        Get-State | Should -Be $before
        Test-Path $script:failed | Should -BeFalse
    }

    It 'onboards every tenant: workspace, imported dashboard, embed with the row''s access, guest token' {
        $result = & $script:script -FailedPath $script:failed
        $result.Count | Should -Be $script:tenants.Count
        $result.Status | Sort-Object -Unique | Should -Be 'Onboarded'
        Test-Path $script:failed | Should -BeFalse

        $state = Get-TestEmulatorSnapshot $script:emulator
        foreach ($tenant in $script:tenants) {
            $row = $result | Where-Object ClientId -eq $tenant.ClientId
            $row.GuestToken | Should -BeOfType [securestring]
            ($state.dataBrain.workspaces | Where-Object name -ceq $tenant.WorkspaceName).datamartName | Should -Be 'customer-analytics'
            $dashboard = $state.dataBrain.dashboards | Where-Object dashboardId -ceq $tenant.DashboardId
            $dashboard.workspaceName | Should -Be $tenant.WorkspaceName
            $dashboard.data.metrics.Count | Should -Be 3
            $embed = $state.dataBrain.embeds | Where-Object embedId -ceq $row.EmbedId
            $embed.dashboardId | Should -Be $tenant.DashboardId
            $embed.accessSettings.isAllowEmailReports | Should -Be ([bool]::Parse($tenant.isAllowEmailReports))
            $token = $state.dataBrain.guestTokens | Where-Object clientId -ceq $tenant.ClientId
            $token.allowedEmbeds | Should -Be @($row.EmbedId)
        }
    }

    It 'a second run reports every tenant as already onboarded and changes nothing' {
        $before = Get-State
        $mutations = Get-TestMutationCount $script:emulator
        $result = & $script:script -FailedPath $script:failed
        $result.Status | Sort-Object -Unique | Should -Be 'AlreadyOnboarded'
        @($result).Count | Should -Be $script:tenants.Count
        $result | ForEach-Object { $_.GuestToken | Should -BeNullOrEmpty }
        Get-TestMutationCount $script:emulator | Should -Be $mutations
        Get-State | Should -Be $before
    }

    It 'finishes a tenant stopped half-way, and reports the rows that fail' {
        $csv = Join-Path $TestDrive 'more.csv'
        @(
            'Tenant,ClientId,WorkspaceName,DashboardId,DashboardName,DatamartName,SchemaMap,isAllowEmailReports,isAllowMetricCreation'
            'Dune Works,dune-works,Tenant - Dune Works,dune-works-dashboard,Dune Works analytics,customer-analytics,,true,false'
            'Bad Mart,bad-mart,Tenant - Bad Mart,bad-mart-dashboard,Bad Mart analytics,no-such-datamart,,true,false'
        ) | Set-Content -LiteralPath $csv
        # An earlier run stopped after the workspace.
        New-Workspace -Name 'Tenant - Dune Works' -ConnectionType DATAMART -DatamartName customer-analytics -Confirm:$false

        $result = & $script:script -Path $csv -FailedPath $script:failed -ErrorAction SilentlyContinue -ErrorVariable failed -WarningAction SilentlyContinue
        ($result | Where-Object ClientId -eq 'dune-works').Status | Should -Be 'Onboarded'
        $result | Where-Object ClientId -eq 'bad-mart' | Should -BeNullOrEmpty
        $failed.FullyQualifiedErrorId | Where-Object { $_ -like 'DatamartNotFound,*' } | Should -Not -BeNullOrEmpty
        (Import-Csv $script:failed).ClientId | Should -Contain 'bad-mart'
    }
}
