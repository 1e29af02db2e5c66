BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    $script:examples = Join-Path $PSScriptRoot '../../examples'
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Embed cmdlets' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulator $script:emulator
    }

    Context 'Get-Embed' {
        It 'walks every page and filters names with wildcards' {
            Invoke-RestMethod -Method Post -Uri "$($script:emulator.BaseUri)/_emulator/embeds/generate" -ContentType 'application/json' -Body '{"count":23,"prefix":"gen"}' | Out-Null
            $all = EmbedAdmin\Get-Embed
            ($all | Where-Object EmbedId -like 'gen_*').Count | Should -Be 23
            $all.EmbedId | Should -Contain 'embed_acme'
            (Get-Embed -Name '*globex*', 'Acme*').EmbedId | Sort-Object | Should -Be @('embed_acme', 'embed_globex')
        }

        It 'reads access settings with -IncludeAccess' {
            $embed = Get-Embed -EmbedId embed_initech -IncludeAccess
            $embed.DatamartName | Should -Be (Get-TestEmbedAccess $script:emulator embed_initech).datamartName
            $embed.Access.EmbedId | Should -Be 'embed_initech'
        }

        It 'chains into Set-EmbedAccess without Select-Object' {
            $results = Get-Embed -Name 'Acme*' | Set-EmbedAccess -AllowAiPilot $true -PassThru
            $results.EmbedId | Should -Be 'embed_acme'
            (Get-TestEmbedAccess $script:emulator embed_acme).isAllowAiPilot | Should -BeTrue
        }
    }

    Context 'New-DashboardEmbed and New-GuestToken' {
        It 'shows the secure defaults under -WhatIf and creates nothing' {
            $mutations = Get-TestMutationCount $script:emulator
            $transcript = Join-Path $TestDrive 'whatif.txt'
            Start-Transcript -LiteralPath $transcript | Out-Null
            New-DashboardEmbed -DashboardId client-w -WorkspaceName analytics-workspace -ClientId w-1 -DatamartName customer-analytics -AllowMetricCreation $true -WhatIf
            Stop-Transcript | Out-Null
            $text = Get-Content -LiteralPath $transcript -Raw
            $text | Should -Match 'isAllowMetricCreation = true,'
            $text | Should -Match 'isAllowUnderlyingData = false \(default\)'
            $text | Should -Match 'metricCreationMode = "DRAG_DROP" \(default\)'
            Get-TestMutationCount $script:emulator | Should -Be $mutations
        }

        It 'onboards tenants from a CSV and sends nothing for the bad rows' {
            $csv = Join-Path $TestDrive 'tenants.csv'
            @(
                'DashboardId,ClientId,WorkspaceName,DatamartName,TemplateDashboardId,ImportMetrics,isAllowEmailReports'
                't1-dash,t1,analytics-workspace,customer-analytics,template-dashboard-001,true,yes'
                't2-dash,,analytics-workspace,customer-analytics,,,'
                't3-dash,t3,analytics-workspace,customer-analytics,no-such-template,true,'
                't4-dash,t4,analytics-workspace,customer-analytics,,,no'
            ) | Set-Content -LiteralPath $csv
            $mutations = Get-TestMutationCount $script:emulator

            $created = Import-Csv $csv | New-DashboardEmbed -ErrorAction SilentlyContinue -ErrorVariable failed

            $created.EmbedId | Should -Be @('t1-dash', 't4-dash')
            $created[0].ClientId | Should -Be 't1'
            $failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @('MissingClientId', 'TemplateDashboardNotFound')
            $failed[0].TargetObject.DashboardId | Should -Be 't2-dash'
            Get-TestMutationCount $script:emulator | Should -Be ($mutations + 2)
            (Get-TestEmbedAccess $script:emulator t1-dash).isAllowEmailReports | Should -BeTrue
            (Get-TestEmbedAccess $script:emulator t1-dash).isAllowUnderlyingData | Should -BeFalse
        }

        It 'chains New-DashboardEmbed into New-GuestToken and keeps the token a SecureString' {
            $token = New-DashboardEmbed -DashboardId chain-dash -WorkspaceName analytics-workspace -ClientId chain-1 -DatamartName customer-analytics |
                New-GuestToken -DataAppName demo-app -Expiry '01:00:00'
            $token.ClientId | Should -Be 'chain-1'
            $token.AllowedEmbeds | Should -Be @('chain-dash')
            $token.Token | Should -BeOfType [securestring]
            ($token | Out-String) | Should -Match '\(SecureString\)'
        }

        It 'takes the data app from the session and gives text only with -AsPlainText' {
            Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-TestSecret (Get-TestDevKey DataApp)) -DataBrainUri $script:emulator.BaseUri -DataAppName demo-app
            $text = New-GuestToken -ClientId acme-1 -AsPlainText
            $text | Should -BeOfType [string]
            $text.Length | Should -BeGreaterThan 15
        }

        It 'never shows a guest token in -Verbose or -Debug output' {
            Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-TestSecret (Get-TestDevKey DataApp)) -DataBrainUri $script:emulator.BaseUri -DataAppName demo-app
            $streams = New-GuestToken -ClientId acme-1 -AsPlainText -Verbose -Debug 4>&1 5>&1
            $token = $streams | Where-Object { $_ -is [string] }
            $log = ($streams | Where-Object { $_ -isnot [string] } | Out-String)
            $log | Should -Match 'guest-token/create'
            $log | Should -Not -Match ([regex]::Escape($token))
            $log | Should -Not -Match ([regex]::Escape($token.Substring(0, 8)))
        }

        It 'rejects a guest token without a data app, naming the rule' {
            New-GuestToken -ClientId acme-1 -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'MissingDataAppName,*'
            $failed[0].Exception.Message | Should -Match 'Connect-EmbedAdmin'
        }
    }

    Context 'New-Embed, Export-Embed and Remove-Embed' {
        It 'round-trips an export into a new client dashboard' {
            $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'exports') -Force
            $export = Get-Embed -Name 'Acme*' | Export-Embed -Path $folder.FullName
            $export.Path | Should -Be (Join-Path $folder.FullName 'embed_acme.json')
            $created = New-DashboardEmbed -DashboardId from-export -WorkspaceName analytics-workspace -ClientId x-1 -DatamartName customer-analytics -ImportDashboardDataFile $export.Path
            $created.EmbedId | Should -Be 'from-export'
            { Export-Embed -EmbedId embed_acme -Path $export.Path -ErrorAction Stop } | Should -Throw -ErrorId 'ExportFileExists,*'
            (Export-Embed -EmbedId embed_acme -Path $export.Path -Force).Length | Should -BeGreaterThan 100
        }

        It 'creates an embed with least privilege and removes it' {
            $output = New-Embed -DashboardId sales-overview -DatamartName customer-analytics -Name 'Pester embed' -Debug 5>&1
            $embed = $output | Where-Object { $_ -isnot [System.Management.Automation.DebugRecord] }
            $embed.EmbedId | Should -Match '^embed_'
            (Get-TestEmbedAccess $script:emulator $embed.EmbedId).isAllowEmailReports | Should -BeFalse
            # The emulator's default is false too: only the body shows that least privilege was asked for, not left to the service.
            $sent = @($output | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -and $_.Message -like 'Request POST*' })
            $sent.Count | Should -Be 1
            $sent[0].Message | Should -Match '"isAllowEmailReports":false'
            $sent[0].Message | Should -Match '"isAllowUnderlyingData":false'
            $embed | Remove-Embed -Confirm:$false
            (Get-Embed -EmbedId $embed.EmbedId) | Should -BeNullOrEmpty
        }

        It 'asks before removing: Remove-Embed is high impact' {
            (Get-Command Remove-Embed).ImplementingType.GetCustomAttributes($true) |
                Where-Object { $_ -is [System.Management.Automation.CmdletAttribute] } |
                ForEach-Object ConfirmImpact | Should -Be 'High'
            $mutations = Get-TestMutationCount $script:emulator
            Remove-Embed -EmbedId embed_globex -WhatIf
            Get-TestMutationCount $script:emulator | Should -Be $mutations
        }
    }

    Context 'the example jobs' {
        It 'onboards tenants from examples/onboarding, replaying the failures file' {
            $csv = Join-Path $TestDrive 'tenants.csv'
            Get-Content (Join-Path $script:examples 'onboarding/tenants.csv') -TotalCount 21 | Set-Content $csv
            $failedCsv = Join-Path $TestDrive 'failed.csv'
            $out = & (Join-Path $script:examples 'onboarding/Onboard-Tenants.ps1') -Path $csv -FailedPath $failedCsv -WithGuestTokens -DataAppName demo-app
            ($out | Where-Object { $_.PSObject.TypeNames[0] -eq 'EmbedAdmin.Core.Models.DashboardEmbed' }).Count | Should -Be 20
            $tokens = $out | Where-Object { $_.PSObject.TypeNames[0] -eq 'EmbedAdmin.Core.Models.GuestToken' }
            $tokens.Count | Should -Be 20
            $tokens | ForEach-Object { $_.Token | Should -BeOfType [securestring] }
            Test-Path $failedCsv | Should -BeFalse
        }

        It 'tightens permissions everywhere' {
            # embed_orphan's workspace is gone, so the service refuses that one row; the others are tightened.
            & (Join-Path $script:examples 'maintenance/Tighten-Permissions.ps1') -ErrorAction SilentlyContinue -ErrorVariable failed | Out-Null
            $failed.FullyQualifiedErrorId | Should -BeLike 'WorkspaceNotFound,*'
            foreach ($id in 'embed_acme', 'embed_hooli', 'embed_wonka') {
                $access = Get-TestEmbedAccess $script:emulator $id
                $access.isAllowEmailReports | Should -BeFalse
                $access.isAllowUnderlyingData | Should -BeFalse
            }
        }

        It 'moves the embeds of one datamart to another' {
            $before = Get-Embed -IncludeAccess | Where-Object DatamartName -EQ 'customer-analytics'
            $before.Count | Should -BeGreaterThan 0
            $moved = & (Join-Path $script:examples 'maintenance/Move-EmbedsToDatamart.ps1') -From customer-analytics -To sales-datamart -ErrorAction SilentlyContinue -ErrorVariable failed
            # embed_orphan's workspace is gone, so the service refuses it; every other embed moves.
            $moved.EmbedId | Should -Be ($before.EmbedId | Where-Object { $_ -ne 'embed_orphan' })
            $failed.FullyQualifiedErrorId | Should -BeLike 'WorkspaceNotFound,*'
            (Get-Embed -IncludeAccess | Where-Object DatamartName -EQ 'customer-analytics').EmbedId | Should -Be 'embed_orphan'
        }
    }

    Context 'guards found in review' {
        It 'lists nothing for an empty piped file, so an empty CSV can never select every embed' {
            $empty = Join-Path $TestDrive 'empty.csv'
            'EmbedId,Name' | Set-Content $empty
            @(Import-Csv $empty | Get-Embed).Count | Should -Be 0
            $blank = Join-Path $TestDrive 'blank.csv'
            @('EmbedId,Name', ',') | Set-Content $blank
            @(Import-Csv $blank | Get-Embed -WarningAction SilentlyContinue).Count | Should -Be 0
        }

        It 'filters each piped row on its own id and name' {
            $rows = @([pscustomobject]@{ EmbedId = 'embed_acme' }, [pscustomobject]@{ Name = 'Globex*' })
            ($rows | Get-Embed).EmbedId | Sort-Object | Should -Be @('embed_acme', 'embed_globex')
        }

        It 'refuses to export two embeds to one file and creates a folder named with a trailing separator' {
            $file = Join-Path $TestDrive 'one.json'
            Get-Embed -EmbedId embed_acme, embed_globex | Export-Embed -Path $file -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed.FullyQualifiedErrorId | Should -BeLike 'DuplicateExportPath,*'
            $folder = Join-Path $TestDrive ('new-folder' + [IO.Path]::DirectorySeparatorChar)
            (Get-Embed -EmbedId embed_acme, embed_globex | Export-Embed -Path $folder).Path | Split-Path -Leaf | Sort-Object | Should -Be @('embed_acme.json', 'embed_globex.json')
        }

        It 'refuses -DeleteDashboard on the legacy paths, which cannot do it' {
            Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-TestSecret (Get-TestDevKey DataApp)) -DataBrainUri $script:emulator.BaseUri -UseLegacyDataBrainPaths
            $mutations = Get-TestMutationCount $script:emulator
            Remove-Embed -EmbedId embed_globex -DeleteDashboard -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'DeleteDashboardNeedsCurrentPaths,*'
            Get-TestMutationCount $script:emulator | Should -Be $mutations
        }

        It 'reads -Expiry from a CSV with units and refuses a bare number' {
            $good = [pscustomobject]@{ ClientId = 'acme-1'; DataAppName = 'demo-app'; Expiry = '90m'; AllowedEmbeds = '' }
            ($good | New-GuestToken).ExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(89))
            $bad = [pscustomobject]@{ ClientId = 'acme-1'; DataAppName = 'demo-app'; Expiry = '3600000' }
            $count = Get-TestRequestCount $script:emulator
            $bad | New-GuestToken -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed[0].Exception.Message | Should -Match 'bare number'
            Get-TestRequestCount $script:emulator | Should -Be $count
        }

        It 'keeps the stopped edit as LastBulkRun when a read-only cmdlet runs after it' {
            Set-EmbedAccess -EmbedId embed_acme -AllowAiPilot true
            Get-Embed | Out-Null
            (Get-EmbedAdminSession).LastBulkRun.Operation | Should -Be 'Set-EmbedAccess'
        }
    }
}
