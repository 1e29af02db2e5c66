BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator

    function Get-HostText([scriptblock] $Script) {
        $transcript = Join-Path $TestDrive ("host-{0}.txt" -f [guid]::NewGuid())
        Start-Transcript -LiteralPath $transcript | Out-Null
        try { & $Script } finally { Stop-Transcript | Out-Null }
        Get-Content -LiteralPath $transcript -Raw
    }

    function Get-DashboardRecord([string] $Id) {
        (Get-TestEmulatorSnapshot $script:emulator).dataBrain.dashboards | Where-Object { $_.dashboardId -ceq $Id }
    }
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Export-Dashboard' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'writes the export to a file, and to <DashboardId>.json in a folder' {
        $file = Join-Path $TestDrive 'template.json'
        $written = Export-Dashboard -DashboardId template-dashboard-001 -WorkspaceName analytics-workspace -Path $file -Confirm:$false
        $written.Path | Should -Be $file
        $written.SourceWorkspaceName | Should -Be 'analytics-workspace'
        $written.Length | Should -Be (Get-Item $file).Length
        $json = Get-Content $file -Raw | ConvertFrom-Json
        $json._meta.dashboardId | Should -Be 'template-dashboard-001'
        $json.data.metrics.Count | Should -Be 3

        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'exports') -Force
        'sales-overview', 'customer-health' | ForEach-Object { [pscustomobject]@{ DashboardId = $_; WorkspaceName = 'analytics-workspace' } } |
            Export-Dashboard -Path $folder.FullName | Out-Null
        (Get-ChildItem $folder -Filter *.json).Name | Sort-Object | Should -Be @('customer-health.json', 'sales-overview.json')
    }

    It 'keeps an existing file unless -Force, and maps the service''s errors per row' {
        $file = Join-Path $TestDrive 'kept.json'
        'keep me' | Set-Content -LiteralPath $file
        $rows = @(
            [pscustomobject]@{ DashboardId = 'template-dashboard-001'; WorkspaceName = 'analytics-workspace'; Path = $file }
            [pscustomobject]@{ DashboardId = 'template-dashboard-001'; WorkspaceName = 'No Such Workspace'; Path = (Join-Path $TestDrive 'a.json') }
            [pscustomobject]@{ DashboardId = 'no-such-dashboard'; WorkspaceName = 'analytics-workspace'; Path = (Join-Path $TestDrive 'b.json') }
            [pscustomobject]@{ DashboardId = ''; WorkspaceName = 'analytics-workspace'; Path = (Join-Path $TestDrive 'c.json') }
        )
        $rows | Export-Dashboard -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @('ExportFileExists', 'WorkspaceNotFound', 'InvalidDashboardId', 'MissingDashboardId')
        $failed.TargetObject | Should -Be $rows
        Get-Content -LiteralPath $file -Raw | Should -Match 'keep me'
        Test-Path (Join-Path $TestDrive 'a.json') | Should -BeFalse
    }

    It 'says AuthenticationFailed with only a data-app key' {
        Connect-TestEmulator $script:emulator
        Export-Dashboard template-dashboard-001 analytics-workspace (Join-Path $TestDrive 'x.json') -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
    }
}

Describe 'Import-Dashboard' {
    BeforeAll {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
        $script:template = Join-Path $TestDrive 'template.json'
        Export-Dashboard template-dashboard-001 analytics-workspace $script:template | Out-Null
        # A filter on a tenant schema, to see -SchemaMap repoint it.
        $export = Get-Content $script:template -Raw | ConvertFrom-Json
        $export.data.filters += [pscustomobject]@{ name = 'Plan'; column = 'public.tenants.plan'; schemaName = 'public' }
        $export | ConvertTo-Json -Depth 20 | Set-Content -LiteralPath $script:template
    }

    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'copies the template into each workspace of a CSV, schemas repointed through -SchemaMap' {
        $csv = Join-Path $TestDrive 'tenants.csv'
        @(
            'WorkspaceName,DashboardId,DashboardName,SchemaMap'
            'Sales Analytics,tenant-a-dashboard,Tenant A,public=tenant_a'
            'Finance,tenant-b-dashboard,,'
        ) | Set-Content -LiteralPath $csv
        $imported = Import-Csv $csv | Import-Dashboard -Path $script:template -Confirm:$false
        $imported.DashboardId | Should -Be @('tenant-a-dashboard', 'tenant-b-dashboard')
        $imported[0].DashboardName | Should -Be 'Tenant A'
        $imported[0].WorkspaceName | Should -Be 'Sales Analytics'
        $imported[0].GetType().FullName | Should -Be 'EmbedAdmin.Core.Models.ImportedDashboard'

        $a = Get-DashboardRecord tenant-a-dashboard
        $a.workspaceName | Should -Be 'Sales Analytics'
        ($a.data.filters | Where-Object name -eq 'Plan').column | Should -Be 'tenant_a.tenants.plan'
        ($a.data.filters | Where-Object name -eq 'Plan').schemaName | Should -Be 'tenant_a'
        ((Get-DashboardRecord tenant-b-dashboard).data.filters | Where-Object name -eq 'Plan').schemaName | Should -Be 'public'
    }

    It 'takes -SchemaMap as a hashtable and shows it with -WhatIf, sending nothing' {
        $count = Get-TestMutationCount $script:emulator
        $text = Get-HostText { Import-Dashboard 'Sales Analytics' t-1 $script:template -SchemaMap @{ public = 'tenant_x' } -WhatIf }
        $text | Should -Match "Import dashboard 't-1' into workspace 'Sales Analytics', schemas public -> tenant_x"
        Get-TestMutationCount $script:emulator | Should -Be $count
        Get-DashboardRecord t-1 | Should -BeNullOrEmpty
    }

    It 'refuses bad rows before sending and maps the service''s errors, one error per row' {
        $notJson = Join-Path $TestDrive 'not.json'
        '{oops' | Set-Content -LiteralPath $notJson
        $noData = Join-Path $TestDrive 'nodata.json'
        '{"_meta":{}}' | Set-Content -LiteralPath $noData
        $rows = @(
            [pscustomobject]@{ WorkspaceName = ''; DashboardId = 'x1'; Path = $script:template }
            [pscustomobject]@{ WorkspaceName = 'Finance'; DashboardId = ''; Path = $script:template }
            [pscustomobject]@{ WorkspaceName = 'Finance'; DashboardId = 'x3'; Path = (Join-Path $TestDrive 'missing.json') }
            [pscustomobject]@{ WorkspaceName = 'Finance'; DashboardId = 'x4'; Path = $notJson }
            [pscustomobject]@{ WorkspaceName = 'Finance'; DashboardId = 'x5'; Path = $noData }
            [pscustomobject]@{ WorkspaceName = 'Finance'; DashboardId = 'x6'; Path = $script:template; SchemaMap = 'public=' }
            [pscustomobject]@{ WorkspaceName = 'No Such Workspace'; DashboardId = 'x7'; Path = $script:template }
            [pscustomobject]@{ WorkspaceName = 'Finance'; DashboardId = 'template-dashboard-001'; Path = $script:template }
            [pscustomobject]@{ WorkspaceName = 'Finance'; DashboardId = 'x9'; Path = $script:template }
        )
        $count = Get-TestRequestCount $script:emulator
        $rows | Import-Dashboard -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed | Out-Null
        $failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @(
            'MissingWorkspaceName', 'MissingDashboardId', 'ImportFileNotFound', 'InvalidImportFile', 'InvalidImportFile', 'InvalidSchemaMap',
            'WorkspaceNotFound', 'InvalidDashboardId')
        $failed.TargetObject | Should -Be $rows[0..7]
        Get-TestRequestCount $script:emulator | Should -Be ($count + 3)
        Get-DashboardRecord x9 | Should -Not -BeNullOrEmpty
    }

    It 'says AuthenticationFailed with only a data-app key' {
        Connect-TestEmulator $script:emulator
        Import-Dashboard Finance x $script:template -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
    }
}
