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

    $script:password = 'Tr0ub4dor-and-3-more'
    $script:credential = [pscredential]::new('reader', (ConvertTo-TestSecret $script:password))
    $script:pg = @{ host = 'db.example.com'; port = 5432; database = 'app' }
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Get-Datasource' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'lists every datasource by name, filtered with wildcards' {
        (Get-Datasource).Name | Should -Be @('mysql-archive', 'postgres-production', 'snowflake-warehouse')
        (Get-Datasource -Name 'P*', '*archive').Name | Should -Be @('mysql-archive', 'postgres-production')
        (Get-Datasource)[0].GetType().FullName | Should -Be 'EmbedAdmin.Core.Models.Datasource'
    }

    It 'reports a plain name that matches nothing as DatasourceNotFound' {
        Get-Datasource -Name nope -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DatasourceNotFound,*'
    }

    It 'says AuthenticationFailed with only a data-app key' {
        Connect-TestEmulator $script:emulator
        { Get-Datasource -ErrorAction Stop } | Should -Throw -ErrorId 'AuthenticationFailed,EmbedAdmin.Commands.GetDatasourceCommand'
    }

    It 'completes datasource names and types' {
        Get-TestCompletion 'Remove-Datasource -Name my' | Should -Be @('mysql-archive')
        Get-TestCompletion 'New-Datasource -DatasourceType big' | Should -Be @('bigquery')
    }
}

Describe 'New-Datasource' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'creates a datasource from a PSCredential and a hashtable, putting each in its place' {
        $created = New-Datasource -Name pg-new -DatasourceType Postgres -Credential $script:credential -Connection $script:pg -PassThru -Confirm:$false
        $created.Name | Should -Be 'pg-new'
        $created.DatasourceType | Should -Be 'postgres'
        $created.UserName | Should -Be 'reader'
        $created.Connection.host | Should -Be 'db.example.com'
        $record = Get-TestDataBrainRecord $script:emulator datasources pg-new
        $record.datasourceType | Should -Be 'postgres'
        $record.credentials.username | Should -Be 'reader'
        $record.credentials.password | Should -Be $script:password
        $record.credentials.port | Should -Be 5432
        # The object written holds no secret.
        ($created | Format-List * | Out-String) + ($created | ConvertTo-Json -Depth 5) | Should -Not -Match $script:password
    }

    It 'uses each type''s own user and secret fields, from a CSV with JSON connection cells' {
        $rows = @(
            [pscustomobject]@{ Name = 'lake'; DatasourceType = 'awss3'; Credential = [pscredential]::new('AKIAEXAMPLE', (ConvertTo-TestSecret 'aws-secret-value-123')); Connection = '{"region":"eu-west-1","bucket":"tenants"}' }
            [pscustomobject]@{ Name = 'bq'; DatasourceType = 'bigquery'; Credential = [pscredential]::new('svc@example.iam', (ConvertTo-TestSecret 'private-key-value-456')); Connection = '{"projectId":"p-1"}' }
        )
        $rows | New-Datasource -Confirm:$false
        (Get-TestDataBrainRecord $script:emulator datasources lake).credentials.secretAccessKey | Should -Be 'aws-secret-value-123'
        (Get-TestDataBrainRecord $script:emulator datasources lake).credentials.accessKeyId | Should -Be 'AKIAEXAMPLE'
        (Get-TestDataBrainRecord $script:emulator datasources bq).credentials.privateKey | Should -Be 'private-key-value-456'
    }

    It 'refuses bad rows with specific ids, the row as TargetObject, sending only the good ones' {
        $rows = @(
            [pscustomobject]@{ Name = ''; DatasourceType = 'postgres'; Credential = $script:credential; Connection = $script:pg }
            [pscustomobject]@{ Name = 'a'; DatasourceType = 'oracle'; Credential = $script:credential; Connection = $script:pg }
            [pscustomobject]@{ Name = 'b'; DatasourceType = ''; Credential = $script:credential; Connection = $script:pg }
            [pscustomobject]@{ Name = 'c'; DatasourceType = 'postgres'; Connection = $script:pg }
            [pscustomobject]@{ Name = 'd'; DatasourceType = 'postgres'; Credential = $script:credential; Connection = @{ host = 'x'; port = 1; database = 'y'; password = 'leak-me-please' } }
            [pscustomobject]@{ Name = 'e'; DatasourceType = 'postgres'; Credential = $script:credential; Connection = @{ host = 'x' } }
            [pscustomobject]@{ Name = 'f'; DatasourceType = 'postgres'; Credential = $script:credential; Connection = '{not json' }
            [pscustomobject]@{ Name = 'g'; DatasourceType = 'postgres'; Credential = $script:credential; Connection = @{ host = 'x'; port = 1; database = 'y'; username = 'other' } }
            [pscustomobject]@{ Name = 'h'; DatasourceType = 'postgres'; Credential = $script:credential; Connection = $script:pg; TenancySettings = 'TABLE' }
            [pscustomobject]@{ Name = 'postgres-production'; DatasourceType = 'postgres'; Credential = $script:credential; Connection = $script:pg }
            [pscustomobject]@{ Name = 'good'; DatasourceType = 'postgres'; Credential = $script:credential; Connection = $script:pg }
        )
        $count = Get-TestRequestCount $script:emulator
        $rows | New-Datasource -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @(
            'MissingDatasourceName', 'InvalidDatasourceType', 'MissingDatasourceType', 'MissingConnectionField', 'SecretInConnection',
            'MissingConnectionField', 'InvalidConnection', 'DuplicateConnectionField', 'InvalidTenancySettings', 'InvalidRequest')
        $failed.TargetObject | Should -Be $rows[0..9]
        $failed[5].Exception.Message | Should -Match 'port \(in -Connection\), database \(in -Connection\)'
        ($failed | ForEach-Object { $_.Exception.Message }) -join ' ' | Should -Not -Match 'leak-me-please'
        # The duplicate and the good row were sent.
        Get-TestRequestCount $script:emulator | Should -Be ($count + 2)
        Get-TestDataBrainRecord $script:emulator datasources good | Should -Not -BeNullOrEmpty
    }

    It 'shows every field but the secret with -WhatIf, and masks it under -Debug' {
        $text = Get-HostText { New-Datasource -Name pg-w -DatasourceType postgres -Credential $script:credential -Connection $script:pg -WhatIf }
        $text | Should -Match 'password = \*\*\*\*'
        $text | Should -Match 'host = db.example.com'
        $text | Should -Not -Match $script:password
        Get-TestDataBrainRecord $script:emulator datasources pg-w | Should -BeNullOrEmpty

        $debug = New-Datasource -Name pg-d -DatasourceType postgres -Credential $script:credential -Connection $script:pg -Confirm:$false -Debug 5>&1 -WarningAction SilentlyContinue | Out-String
        $debug | Should -Match 'api/v2/datasource'
        $debug | Should -Not -Match $script:password
    }
}

Describe 'Set-Datasource' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'replaces the full credential set' {
        $updated = Set-Datasource -Name postgres-production -DatasourceType postgres -Credential $script:credential `
            -Connection @{ host = 'pg2.example.com'; port = 5433; database = 'production' } -PassThru -Confirm:$false
        $updated.Connection.host | Should -Be 'pg2.example.com'
        $record = Get-TestDataBrainRecord $script:emulator datasources postgres-production
        $record.credentials.host | Should -Be 'pg2.example.com'
        $record.credentials.password | Should -Be $script:password
        $record.syncCount | Should -Be 1
    }

    It 'refuses a partial credential set before sending, naming what is missing' {
        $count = Get-TestRequestCount $script:emulator
        $before = Get-TestDataBrainRecord $script:emulator datasources postgres-production -AsJson
        Set-Datasource -Name postgres-production -DatasourceType postgres -Connection @{ host = 'pg2' } -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'PartialCredentialSet,*'
        $failed[0].Exception.Message | Should -Match 'full credential set'
        $failed[0].Exception.Message | Should -Match 'password \(the password of -Credential\)'
        $failed[0].Exception.Message | Should -Match 'port \(in -Connection\)'
        Get-TestRequestCount $script:emulator | Should -Be $count
        Get-TestDataBrainRecord $script:emulator datasources postgres-production -AsJson | Should -Be $before
    }

    It 'maps DATASOURCE_NAME_ERROR for an unknown datasource' {
        Set-Datasource -Name nope -DatasourceType postgres -Credential $script:credential -Connection $script:pg -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DatasourceNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Remove-Datasource' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'is a high-impact change' {
        (Get-Command Remove-Datasource).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'removes a datasource nothing uses' {
        $removed = Remove-Datasource -Name mysql-archive -PassThru -Confirm:$false
        $removed.Name | Should -Be 'mysql-archive'
        $removed.Message | Should -Not -BeNullOrEmpty
        Get-TestDataBrainRecord $script:emulator datasources mysql-archive | Should -BeNullOrEmpty
    }

    It 'maps DATASOURCE_IN_USE to DatasourceInUse, naming what uses it, and keeps going' {
        'postgres-production', 'nope', 'mysql-archive' | ForEach-Object { [pscustomobject]@{ DatasourceName = $_ } } |
            Remove-Datasource -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @('DatasourceInUse', 'DatasourceNotFound')
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failed[0].Exception.Message | Should -Match "Datasource 'postgres-production' was not removed because it is still in use"
        $failed[0].Exception.Message | Should -Match "workspace 'Sales Analytics'"
        $failed[0].Exception.Message | Should -Match "datamart 'customer-analytics'"
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'Update-Workspace'
        $failed[0].TargetObject.DatasourceName | Should -Be 'postgres-production'
        Get-TestDataBrainRecord $script:emulator datasources postgres-production | Should -Not -BeNullOrEmpty
        Get-TestDataBrainRecord $script:emulator datasources mysql-archive | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf, or for a row without a name' {
        $count = Get-TestRequestCount $script:emulator
        Remove-Datasource -Name mysql-archive -WhatIf
        [pscustomobject]@{ Name = ' ' } | Remove-Datasource -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'MissingDatasourceName,*'
        Get-TestRequestCount $script:emulator | Should -Be $count
    }
}

Describe 'Sync-Datasource' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'syncs every datasource piped from Get-Datasource' {
        $synced = Get-Datasource | Sync-Datasource -Confirm:$false
        $synced.Name | Should -Be @('mysql-archive', 'postgres-production', 'snowflake-warehouse')
        $synced[0].SyncedAt | Should -Not -BeNullOrEmpty
        (Get-TestDataBrainRecord $script:emulator datasources snowflake-warehouse).syncCount | Should -Be 1
    }

    It 'maps DATASOURCE_NAME_ERROR and says AuthenticationFailed with only a data-app key' {
        Sync-Datasource -Name nope -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DatasourceNotFound,*'
        Connect-TestEmulator $script:emulator
        Sync-Datasource -Name mysql-archive -ErrorAction SilentlyContinue -ErrorVariable refused
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
    }
}
