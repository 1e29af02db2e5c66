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

    function Get-Stored([string] $Name) { Get-TestDataBrainRecord $script:emulator datamarts $Name -AsJson }

    function Get-Puts { @((Get-TestEmulatorCounters $script:emulator).byRoute.'PUT /api/v2/data-app/datamarts')[0] + 0 }
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Get-Datamart' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'writes typed datamarts with typed tables, columns, tenancy and relationships' {
        $all = Get-Datamart
        $all.Name | Should -Be @('customer-analytics', 'finance-datamart', 'sales-datamart')
        $customers = $all[0]
        $customers.GetType().FullName | Should -Be 'EmbedAdmin.Core.Models.Datamart'
        $customers.Tables[0].GetType().FullName | Should -Be 'EmbedAdmin.Core.Models.DatamartTable'
        $customers.Tables[0].Columns[0].GetType().FullName | Should -Be 'EmbedAdmin.Core.Models.DatamartColumn'
        $customers.Tenancy.GetType().FullName | Should -Be 'EmbedAdmin.Core.Models.DatamartTenancy'
        $customers.Relationships[0].GetType().FullName | Should -Be 'EmbedAdmin.Core.Models.DatamartRelationship'
        $customers.DatasourceName | Should -Be 'postgres-production'
        $customers.Tenancy.TenancyLevel | Should -Be 'TABLE'
        ($customers.Tables | Where-Object Name -EQ customers).Columns.Where({ $_.Name -eq 'email_domain' }).Sql | Should -Be "split_part(email, '@', 2)"
        $customers.Relationships.RelationshipName | Should -Be @('orders_to_customers', 'sales_to_customers')
    }

    It 'filters by name and datasource with wildcards, and says DatamartNotFound for a plain name that matches nothing' {
        (Get-Datamart -Name '*-datamart').Name | Should -Be @('finance-datamart', 'sales-datamart')
        (Get-Datamart -DatasourceName 'snowflake*').Name | Should -Be @('finance-datamart', 'sales-datamart')
        $found = Get-Datamart -Name 'sales-datamart', 'no-such' -ErrorAction SilentlyContinue -ErrorVariable failed
        $found.Name | Should -Be 'sales-datamart'
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DatamartNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'writes one row per column with -AsColumnRows' {
        $rows = Get-Datamart -Name sales-datamart -AsColumnRows
        $rows.Count | Should -Be 10
        $rows[0].GetType().FullName | Should -Be 'EmbedAdmin.Core.Models.DatamartColumnRow'
        ($rows | Where-Object ColumnName -EQ AMOUNT).IsAggregate | Should -BeTrue
    }

    It 'reads every page' {
        $columns = Join-Path $TestDrive 'one-table.csv'
        'TableName,SchemaName,ColumnName', 'orders,public,id' | Set-Content -LiteralPath $columns
        1..9 | ForEach-Object { [pscustomobject]@{ Name = "mart-$_"; DatasourceName = 'postgres-production'; ColumnsPath = $columns } } | New-Datamart
        $count = Get-TestRequestCount $script:emulator
        (Get-Datamart).Count | Should -Be 12
        Get-TestRequestCount $script:emulator | Should -Be ($count + 2)
    }
}

Describe 'New-Datamart' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'creates datamarts from a CSV, each with its own columns file and tenancy' {
        $columns = Join-Path $TestDrive 'columns.csv'
        @(
            'TableName,SchemaName,TableClientColumn,ColumnName,Label,IsCustomColumn,Sql,IsAggregate,IsApplyTimezone'
            'orders,public,tenant_id,id,,,,,'
            'orders,public,,amount,Amount,,,yes,'
            'orders,public,,net,Net,true,amount * 0.8,1,'
            'orders,public,,order_date,,,,,true'
        ) | Set-Content -LiteralPath $columns
        $jobs = Join-Path $TestDrive 'new.csv'
        @(
            'Name,DatasourceName,ColumnsPath,TenancyLevel,PrimaryDatabase'
            "orders-eu,postgres-production,$columns,DATABASE,EU"
            "orders-us,postgres-production,$columns,,"
        ) | Set-Content -LiteralPath $jobs

        $created = Import-Csv $jobs | New-Datamart -PassThru
        $created.Name | Should -Be @('orders-eu', 'orders-us')
        $eu = Get-Datamart -Name orders-eu
        $eu.Tenancy.PrimaryDatabase | Should -Be 'EU'
        $net = $eu.Tables[0].Columns | Where-Object Name -EQ net
        $net.IsCustomColumn | Should -BeTrue
        $net.Sql | Should -Be 'amount * 0.8'
        $net.IsAggregate | Should -BeTrue
        ($eu.Tables[0].Columns | Where-Object Name -EQ order_date).IsApplyTimezone | Should -BeTrue
        (Get-Datamart -Name orders-us).Tenancy | Should -BeNullOrEmpty
    }

    It 'copies a datamart piped from Get-Datamart under a new name' {
        Get-Datamart -Name sales-datamart | New-Datamart -Name sales-copy
        $copy = Get-Datamart -Name sales-copy
        $copy.DatasourceName | Should -Be 'snowflake-warehouse'
        $copy.Tables.Name | Should -Be @('ACCOUNTS', 'SALES_FACT')
        $copy.Relationships.RelationshipName | Should -Be 'sales_to_accounts'
    }

    It 'sends nothing with -WhatIf, and nothing for bad input' {
        $count = Get-TestRequestCount $script:emulator
        New-Datamart -Name m -DatasourceName postgres-production -Tables @{ name = 'orders'; columns = @(@{ name = 'id' }) } -WhatIf
        New-Datamart -Name m -Tables @{ name = 'orders'; columns = @(@{ name = 'id' }) } -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed[0].FullyQualifiedErrorId | Should -Be 'MissingDatasourceName,EmbedAdmin.Commands.NewDatamartCommand'
        Get-TestRequestCount $script:emulator | Should -Be $count
    }
}

Describe 'Update-Datamart' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
        $script:backups = Join-Path $TestDrive ("backups-{0}" -f [guid]::NewGuid())
    }

    Context 'backup and restore' {
        It 'saves the definition first, and Restore-Datamart puts the emulator back exactly as it was' {
            $before = Get-Stored sales-datamart
            $result = Update-Datamart -Name sales-datamart -Tables @{ name = 'ACCOUNTS'; schemaName = 'ANALYTICS'; columns = @(@{ name = 'ACCOUNT_ID' }, @{ name = 'OWNER'; label = 'Owner' }) } `
                -Relationships @() -ClientColumnType NUMBER -BackupPath $script:backups -PassThru -Confirm:$false
            Get-Stored sales-datamart | Should -Not -Be $before

            $result.BackupFile | Should -Exist
            Split-Path $result.BackupFile -Parent | Should -Be $script:backups
            (Split-Path $result.BackupFile -Leaf) | Should -Match '^sales-datamart_\d{8}T\d{9}Z\.json$'
            $saved = Get-Content -LiteralPath $result.BackupFile -Raw | ConvertFrom-Json
            $saved.datamartName | Should -Be 'sales-datamart'
            $saved.tableList.name | Should -Be @('ACCOUNTS', 'SALES_FACT')

            $restored = $result | Restore-Datamart -BackupPath $script:backups -PassThru -Confirm:$false
            Get-Stored sales-datamart | Should -Be $before
            # The restore backed up what it replaced, so it can be undone the same way.
            $restored.BackupFile | Should -Not -Be $result.BackupFile
            $restored.BackupFile | Should -Exist
        }

        It 'round-trips DATABASE tenancy with its primary database' {
            $before = Get-Stored finance-datamart
            $result = Update-Datamart -Name finance-datamart -TenancyLevel MULTI_DATABASE -BackupPath $script:backups -PassThru -Confirm:$false
            (Get-Datamart -Name finance-datamart).Tenancy.PrimaryDatabase | Should -BeNullOrEmpty
            Get-ChildItem -LiteralPath $script:backups -Filter 'finance-datamart_*.json' | Restore-Datamart -BackupPath $script:backups -Confirm:$false
            Get-Stored finance-datamart | Should -Be $before
        }

        It 'keeps the backup when the update fails, and the error names it' {
            $before = Get-Stored sales-datamart
            Update-Datamart -Name sales-datamart -Tables @{ name = 'ACCOUNTS'; schemaName = 'ANALYTICS'; columns = @(@{ name = 'NO_SUCH_COLUMN' }) } -Relationships @() `
                -BackupPath $script:backups -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed

            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidRequest,*'
            $backup = @(Get-ChildItem -LiteralPath $script:backups -Filter *.json)
            $backup.Count | Should -Be 1
            $failed[0].Exception.Message | Should -BeLike "*NO_SUCH_COLUMN*saved in '$($backup[0].FullName)'*"
            $failed[0].ErrorDetails.RecommendedAction | Should -BeLike "*Restore-Datamart -Path '$($backup[0].FullName)'*"
            $failed[0].TargetObject | Should -Be 'sales-datamart'
            Get-Stored sales-datamart | Should -Be $before
        }

        It 'saves under the user''s data folder by default' -Skip:(-not $IsLinux) {
            $old = $env:XDG_DATA_HOME
            $env:XDG_DATA_HOME = Join-Path $TestDrive 'xdg'
            try {
                $result = Update-Datamart -Name sales-datamart -ClientColumnType NUMBER -PassThru -Confirm:$false
                Split-Path $result.BackupFile -Parent | Should -Be (Join-Path $TestDrive 'xdg/EmbedAdmin/backups')
            }
            finally { $env:XDG_DATA_HOME = $old }
        }

        It 'sends nothing and saves nothing when the backup folder cannot be written' {
            $file = Join-Path $TestDrive 'a-file'
            'x' | Set-Content -LiteralPath $file
            $puts = Get-Puts
            Update-Datamart -Name sales-datamart -ClientColumnType NUMBER -BackupPath (Join-Path $file 'backups') -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'BackupFailed,*'
            Get-Puts | Should -Be $puts
        }

        It 'warns that tenancy cannot be removed when the saved definition had none' {
            New-Datamart -Name plain -DatasourceName postgres-production -Tables @{ name = 'orders'; schemaName = 'public'; columns = @(@{ name = 'id' }) }
            $result = Update-Datamart -Name plain -TenancyLevel DATABASE -BackupPath $script:backups -PassThru -Confirm:$false
            Restore-Datamart -Path $result.BackupFile -BackupPath $script:backups -Confirm:$false -WarningVariable warned 3>$null
            "$warned" | Should -Match 'cannot remove tenancy settings'
            (Get-Datamart -Name plain).Tenancy.TenancyLevel | Should -Be 'DATABASE'
        }
    }

    Context '-WhatIf' {
        It 'prints each table, column, tenancy and relationship difference and changes nothing' {
            $dm = Get-Datamart -Name customer-analytics
            $orders = $dm.Tables | Where-Object Name -EQ orders
            $orders.Columns.Where({ $_.Name -eq 'amount' })[0].Label = 'Order amount'
            $orders.Columns.RemoveAt(5)
            $dm.Tables.RemoveAt(2)
            $customers = $dm.Tables | Where-Object Name -EQ customers
            $customers.Columns.Add(@{ Name = 'signup_year'; IsCustomColumn = $true; Sql = 'extract(year from created_at)' })
            $mutations = Get-TestMutationCount $script:emulator

            $text = Get-HostText {
                $dm | Update-Datamart -Relationships $dm.Relationships[0] -TenancyLevel DATABASE -PrimaryDatabase EU -BackupPath $script:backups -WhatIf
            }

            $text | Should -Match "What if: Update datamart 'customer-analytics'"
            $text | Should -Match 'table public\.sales_data: removed \(5 columns\)'
            $text | Should -Match "column public\.orders\.amount: label \(none\) -> 'Order amount'"
            $text | Should -Match 'column public\.orders\.status: removed'
            $text | Should -Match 'column public\.customers\.signup_year: added \(custom: extract\(year from created_at\)\)'
            $text | Should -Match "tenancy: tenancyLevel 'TABLE' -> 'DATABASE'.*primaryDatabase \(none\) -> 'EU'"
            $text | Should -Match 'relationship sales_to_customers: removed'
            Get-TestMutationCount $script:emulator | Should -Be $mutations
            Test-Path -LiteralPath $script:backups | Should -BeFalse
        }

        It 'reads the current definition but sends no update for a whole CSV' {
            $rows = @(
                [pscustomobject]@{ Name = 'sales-datamart'; ClientColumnType = 'NUMBER' }
                [pscustomobject]@{ Name = 'finance-datamart'; PrimaryDatabase = 'X'; TenancyLevel = 'MULTI_DATABASE' }
            )
            $puts = Get-Puts
            $mutations = Get-TestMutationCount $script:emulator
            $text = Get-HostText { $rows | Update-Datamart -WhatIf }
            $text | Should -Match "tenancy: clientColumnType 'STRING' -> 'NUMBER'"
            $text | Should -Match "tenancy: tenancyLevel 'DATABASE' -> 'MULTI_DATABASE'; primaryDatabase 'FINANCE_DB' -> 'X'"
            Get-Puts | Should -Be $puts
            Get-TestMutationCount $script:emulator | Should -Be $mutations
        }
    }

    Context 'input shapes' {
        It 'takes an edited object from Get-Datamart and changes only what was edited' {
            $dm = Get-Datamart -Name sales-datamart
            ($dm.Tables[0].Columns | Where-Object Name -EQ OWNER).Label = 'Account owner'
            $result = $dm | Update-Datamart -BackupPath $script:backups -PassThru -Confirm:$false
            $result.Changes | Should -Be @("column ANALYTICS.ACCOUNTS.OWNER: label (none) -> 'Account owner'")
            ((Get-Datamart -Name sales-datamart).Tables[0].Columns | Where-Object Name -EQ OWNER).Label | Should -Be 'Account owner'
        }

        It 'sends nothing when the definition piped back is unchanged' {
            $puts = Get-Puts
            Get-Datamart -Name sales-datamart | Update-Datamart -BackupPath $script:backups -PassThru -Confirm:$false | Should -BeNullOrEmpty
            Get-Puts | Should -Be $puts
            Test-Path -LiteralPath $script:backups | Should -BeFalse
        }

        It 'takes a JSON file in the API''s own shape' {
            $file = Join-Path $TestDrive 'definition.json'
            @'
{
  "datamartName": "sales-datamart",
  // hand-edited: hide the owner, drop the relationship
  "tableList": [ { "name": "ACCOUNTS", "schemaName": "ANALYTICS", "columns": [ { "name": "ACCOUNT_ID" }, { "name": "OWNER", "isHide": true } ] } ],
  "relationships": []
}
'@ | Set-Content -LiteralPath $file
            Update-Datamart -Path $file -BackupPath $script:backups -Confirm:$false
            $dm = Get-Datamart -Name sales-datamart
            $dm.Tables.Name | Should -Be 'ACCOUNTS'
            ($dm.Tables[0].Columns | Where-Object Name -EQ OWNER).IsHide | Should -BeTrue
            $dm.Relationships | Should -BeNullOrEmpty
        }

        It 'round-trips a columns CSV exported from Get-Datamart -AsColumnRows' {
            $csv = Join-Path $TestDrive 'columns.csv'
            Get-Datamart -Name sales-datamart -AsColumnRows | Export-Csv -LiteralPath $csv -NoTypeInformation
            $rows = Import-Csv -LiteralPath $csv
            ($rows | Where-Object ColumnName -EQ REGION).Label = 'Sales region'
            $rows | Where-Object ColumnName -NE OWNER | Export-Csv -LiteralPath $csv -NoTypeInformation

            $result = Update-Datamart -Name sales-datamart -ColumnsPath $csv -BackupPath $script:backups -PassThru -Confirm:$false
            $result.Changes | Should -Be @('column ANALYTICS.ACCOUNTS.OWNER: removed', "column ANALYTICS.SALES_FACT.REGION: label (none) -> 'Sales region'")
            $columns = (Get-Datamart -Name sales-datamart).Tables.Columns
            $columns.Name | Should -Not -Contain 'OWNER'
            ($columns | Where-Object Name -EQ REGION).Label | Should -Be 'Sales region'
            ($columns | Where-Object Name -EQ AMOUNT).IsAggregate | Should -BeTrue
        }
    }

    Context 'bad input' {
        BeforeAll {
            $script:badColumns = Join-Path $TestDrive 'bad-columns.csv'
            'TableName,SchemaName,ColumnName,IsCustomColumn,Sql', 'ACCOUNTS,ANALYTICS,SCORE,true,' | Set-Content -LiteralPath $script:badColumns
            $script:jobs = Join-Path $TestDrive 'jobs.csv'
            @(
                'Name,TenancyLevel,ClientColumnType,TenancySchemaName,PrimaryDatabase,ColumnsPath,Ticket'
                'sales-datamart,,NUMBER,,,,CHG-1'
                'finance-datamart,ROW,,,,,CHG-2'
                'customer-analytics,TABLE,,,,,CHG-3'
                'finance-datamart,DATABASE,,public,,,CHG-4'
                ',DATABASE,,,,,CHG-5'
                'sales-datamart,,,,,,CHG-6'
                "sales-datamart,,,,,$($script:badColumns),CHG-7"
                'sales-datamart,TABLE,SIDEWAYS,,,,CHG-8'
                'no-such-datamart,DATABASE,,,,,CHG-9'
            ) | Set-Content -LiteralPath $script:jobs
        }

        It 'rejects each bad row with a specific id and the row as TargetObject, sending nothing for it' {
            $rows = Import-Csv $script:jobs
            $count = Get-TestRequestCount $script:emulator
            $done = $rows | Update-Datamart -BackupPath $script:backups -PassThru -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed

            $done.Name | Should -Be 'sales-datamart'
            $failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @(
                'InvalidTenancyLevel', 'MissingTenancyField', 'UnexpectedTenancyField', 'MissingDatamartName', 'NoDatamartChanges', 'MissingSql', 'InvalidClientColumnType', 'DatamartNotFound')
            $failed[0].TargetObject.Ticket | Should -Be 'CHG-2'
            $failed[7].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            # Only the good row (plan read, backup read, PUT) and the unknown name (plan read) reach the service.
            Get-TestRequestCount $script:emulator | Should -Be ($count + 4)
        }

        It 'refuses a table list that would leave a relationship pointing at a dropped table' {
            $puts = Get-Puts
            $dm = Get-Datamart -Name customer-analytics
            Update-Datamart -Name customer-analytics -Tables ($dm.Tables | Where-Object Name -NE sales_data) -BackupPath $script:backups -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'DanglingRelationship,*'
            $failed[0].Exception.Message | Should -Match 'sales_to_customers'
            Get-Puts | Should -Be $puts
        }

        It 'refuses a misspelt field instead of dropping it' {
            $count = Get-TestRequestCount $script:emulator
            Update-Datamart -Name sales-datamart -Tables @{ name = 'ACCOUNTS'; colums = @() } -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'UnknownField,*'
            Get-TestRequestCount $script:emulator | Should -Be $count
        }
    }

    It 'is a high-impact change, and so are Restore- and Remove-Datamart' {
        foreach ($name in 'Update-Datamart', 'Restore-Datamart', 'Remove-Datamart') {
            (Get-Command $name).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact | Should -Be 'High'
        }
    }

    It 'completes TenancyLevel and ClientColumnType' {
        $line = 'Update-Datamart -TenancyLevel m'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('MULTI_DATABASE')
        $line = 'New-Datamart -ClientColumnType '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('NUMBER', 'STRING')
    }
}

Describe 'Remove-Datamart' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
        $script:backups = Join-Path $TestDrive ("backups-{0}" -f [guid]::NewGuid())
    }

    It 'saves the definition, removes the datamart, and New-Datamart -Path brings it back as it was' {
        $before = Get-Stored sales-datamart
        $removed = Remove-Datamart -Name sales-datamart -BackupPath $script:backups -PassThru -Confirm:$false
        Get-Stored sales-datamart | Should -BeNullOrEmpty
        $removed.BackupFile | Should -Exist

        New-Datamart -Path $removed.BackupFile -DatasourceName snowflake-warehouse
        Get-Stored sales-datamart | Should -Be $before
    }

    It 'sends nothing with -WhatIf' {
        $mutations = Get-TestMutationCount $script:emulator
        Remove-Datamart -Name sales-datamart -BackupPath $script:backups -WhatIf
        Get-TestMutationCount $script:emulator | Should -Be $mutations
        Get-Stored sales-datamart | Should -Not -BeNullOrEmpty
    }

    It 'says DatamartNotFound for an unknown name and deletes nothing' {
        $mutations = Get-TestMutationCount $script:emulator
        [pscustomobject]@{ DatamartName = 'Sales-Datamart' } | Remove-Datamart -BackupPath $script:backups -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DatamartNotFound,*'
        $failed[0].Exception.Message | Should -Match "Did you mean 'sales-datamart'"
        $failed[0].TargetObject.DatamartName | Should -Be 'Sales-Datamart'
        Get-TestMutationCount $script:emulator | Should -Be $mutations
    }
}
