BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Set-EmbedAccess' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulator $script:emulator
    }

    Context 'one embed from parameters' {
        It 'changes only the settings given' {
            $before = Get-TestEmbedAccess $script:emulator embed_acme
            $result = Set-EmbedAccess -EmbedId embed_acme -AllowEmailReports (-not $before.isAllowEmailReports) -JoinModel single -PassThru
            $after = Get-TestEmbedAccess $script:emulator embed_acme

            $after.isAllowEmailReports | Should -Be (-not $before.isAllowEmailReports)
            $after.joinModel | Should -Be 'single'
            $after.isAllowManageMetrics | Should -Be $before.isAllowManageMetrics
            $after.metricCreationMode | Should -Be $before.metricCreationMode
            $result.EmbedId | Should -Be 'embed_acme'
            $result.UpdatedFields | Should -Be @('isAllowEmailReports', 'joinModel')
        }

        It 'changes nothing with -WhatIf and shows each field old -> new' {
            $before = Get-TestEmbedAccess $script:emulator embed_acme
            $mutations = Get-TestMutationCount $script:emulator
            $newValue = -not $before.isAllowUnderlyingData
            # What-if text goes to the host, not to a stream, so a transcript is what sees it.
            $transcript = Join-Path $TestDrive 'whatif.txt'
            Start-Transcript -LiteralPath $transcript | Out-Null
            Set-EmbedAccess -EmbedId embed_acme -AllowUnderlyingData $newValue -JoinModel $before.joinModel -WhatIf
            Stop-Transcript | Out-Null
            $message = Get-Content -LiteralPath $transcript -Raw

            $message | Should -Match "Set access on embed 'embed_acme'"
            $message | Should -Match ("isAllowUnderlyingData: {0} -> {1}" -f "$($before.isAllowUnderlyingData)".ToLower(), "$newValue".ToLower())
            $message | Should -Match "joinModel: $($before.joinModel) \(no change\)"
            Get-TestMutationCount $script:emulator | Should -Be $mutations
            (Get-TestEmbedAccess $script:emulator embed_acme).isAllowUnderlyingData | Should -Be $before.isAllowUnderlyingData
        }

        It 'reports an unknown embed under -WhatIf, because the plan reads it' {
            Set-EmbedAccess -EmbedId embed_nope -AllowAiPilot true -WhatIf -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'EmbedNotFound,*'
        }

        It 'completes JoinModel and MetricCreationMode values' {
            $line = 'Set-EmbedAccess -JoinModel m'
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('multi')
            $line = 'Set-EmbedAccess -MetricCreationMode '
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('DRAG_DROP', 'CHAT')
        }
    }

    Context 'bulk from Import-Csv' {
        BeforeAll {
            # Every cell that is set differs from the embed's seed value, and every empty cell sits on a setting
            # whose seed value differs from what a bug would send (embed_umbrella allows underlying data), so the
            # emulator's state tells "applied" from "already so" and "left out" from "sent as false".
            $script:csv = Join-Path $TestDrive 'access.csv'
            @(
                'EmbedId,isAllowEmailReports,AllowUnderlyingData,JoinModel,MetricCreationMode,TicketNumber'
                'embed_acme,0,no,single,,CHG-1'
                'embed_umbrella,False,,,drag_drop,CHG-2'
                'embed_initech,yes,1,multi,CHAT,CHG-3'
            ) | Set-Content -LiteralPath $script:csv
        }

        It 'binds columns by parameter or API name, reads booleans as strings, skips empty cells and ignores extra columns' {
            $umbrellaBefore = Get-TestEmbedAccess $script:emulator embed_umbrella
            $umbrellaBefore.isAllowUnderlyingData | Should -BeTrue -Because 'the empty cell must sit on a setting that "false" would change'
            $umbrellaBefore.joinModel | Should -Be 'multi'
            $results = Import-Csv $script:csv | Set-EmbedAccess -PassThru

            $results.EmbedId | Should -Be @('embed_acme', 'embed_umbrella', 'embed_initech')
            $results[0].UpdatedFields | Should -Be @('isAllowEmailReports', 'isAllowUnderlyingData', 'joinModel')
            $results[1].UpdatedFields | Should -Be @('isAllowEmailReports', 'metricCreationMode')
            $acme = Get-TestEmbedAccess $script:emulator embed_acme
            $acme.isAllowEmailReports | Should -BeFalse
            $acme.isAllowUnderlyingData | Should -BeFalse
            $acme.joinModel | Should -Be 'single'
            $acme.metricCreationMode | Should -Be 'DRAG_DROP'
            $umbrella = Get-TestEmbedAccess $script:emulator embed_umbrella
            $umbrella.isAllowEmailReports | Should -BeFalse
            $umbrella.metricCreationMode | Should -Be 'DRAG_DROP'
            $umbrella.isAllowUnderlyingData | Should -BeTrue
            $umbrella.joinModel | Should -Be 'multi'
            $initech = Get-TestEmbedAccess $script:emulator embed_initech
            $initech.isAllowEmailReports | Should -BeTrue
            $initech.isAllowUnderlyingData | Should -BeTrue
            $initech.joinModel | Should -Be 'multi'
            $initech.metricCreationMode | Should -Be 'CHAT'
        }

        It 'sends nothing for an empty cell: the request body holds only the cells that were set' {
            $debug = Import-Csv $script:csv | Select-Object -Index 1 | Set-EmbedAccess -IgnoreColumn TicketNumber -Debug 5>&1
            $sent = @($debug | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -and $_.Message -like 'Request PUT*' })

            $sent.Count | Should -Be 1
            $sent[0].Message | Should -Match ([regex]::Escape('{"embedId":"embed_umbrella","accessSettings":{"isAllowEmailReports":false,"metricCreationMode":"DRAG_DROP"}}'))
            $sent[0].Message | Should -Not -Match 'isAllowUnderlyingData|joinModel'
        }

        It 'sends for each piped object only the properties that object has, never the previous one''s' {
            $rows = @(
                [pscustomobject]@{ EmbedId = 'embed_acme'; AllowAiPilot = 'true' }
                [pscustomobject]@{ EmbedId = 'embed_globex'; JoinModel = 'multi' }
            )
            $results = $rows | Set-EmbedAccess -PassThru
            $results[0].UpdatedFields | Should -Be @('isAllowAiPilot')
            $results[1].UpdatedFields | Should -Be @('joinModel')
        }

        It 'emits results in input order at any throttle' {
            $rows = 1..12 | ForEach-Object { [pscustomobject]@{ EmbedId = @('embed_acme', 'embed_globex', 'embed_initech', 'embed_hooli')[$_ % 4]; AllowAiPilot = ($_ % 2) } }
            $results = $rows | Set-EmbedAccess -PassThru -ThrottleLimit 8
            $results.EmbedId | Should -Be $rows.EmbedId
        }

        It 'changes nothing for the whole CSV with -WhatIf, reading one plan per row' {
            $count = Get-TestRequestCount $script:emulator
            $mutations = Get-TestMutationCount $script:emulator
            Import-Csv $script:csv | Set-EmbedAccess -WhatIf
            Get-TestMutationCount $script:emulator | Should -Be $mutations
            Get-TestRequestCount $script:emulator | Should -Be ($count + 3)
        }
    }

    Context 'bad rows' {
        BeforeAll {
            $script:mixed = Join-Path $TestDrive 'mixed.csv'
            @(
                'EmbedId,isAllowEmailReports,JoinModel,DatamartName'
                'embed_acme,true,multi,'
                'embed_globex,true,triple,'
                'embed_missing,true,multi,'
                ',true,multi,'
                'embed_hooli,true,,no-such-datamart'
                'embed_wayne,,,'
                'embed_stark,true,single,'
            ) | Set-Content -LiteralPath $script:mixed
        }

        It 'gives each failed row one error with a stable id, a category and the row as TargetObject' {
            $rows = Import-Csv $script:mixed
            $results = $rows | Set-EmbedAccess -PassThru -ErrorAction SilentlyContinue -ErrorVariable failed

            $results.EmbedId | Should -Be @('embed_acme', 'embed_stark')
            $failed.Count | Should -Be 5
            $failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } |
                Should -Be @('InvalidJoinModel', 'EmbedNotFound', 'MissingEmbedId', 'DatamartNotFound', 'NoAccessSettings')
            $failed[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $failed[1].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $failed[0].TargetObject.EmbedId | Should -Be 'embed_globex'
            $failed[0].TargetObject.JoinModel | Should -Be 'triple'
            $failed[0].Exception.Message | Should -Match 'JoinModel \(accessSettings\.joinModel\): must be one of single, multi'
        }

        It 'sends nothing for rows that break a rule' {
            $count = Get-TestRequestCount $script:emulator
            Import-Csv $script:mixed | Set-EmbedAccess -ErrorAction SilentlyContinue
            # 7 rows: 3 are rejected before sending (triple, no id, nothing to set); 4 reach the service.
            Get-TestRequestCount $script:emulator | Should -Be ($count + 4)
        }

        It 'rejects a word that is not a boolean, naming the field and the rule, and goes on' {
            $rows = @(
                [pscustomobject]@{ EmbedId = 'embed_acme'; AllowEmailReports = 'maybe' }
                [pscustomobject]@{ EmbedId = 'embed_globex'; AllowEmailReports = 'yes' }
            )
            $results = $rows | Set-EmbedAccess -PassThru -ErrorAction SilentlyContinue -ErrorVariable failed
            $results.EmbedId | Should -Be 'embed_globex'
            $failed.Count | Should -Be 1
            $failed[0].Exception.Message | Should -Match "AllowEmailReports.*true/false.*'maybe'"
            $failed[0].TargetObject.EmbedId | Should -Be 'embed_acme'
        }

        It 'lets the failed rows be replayed from a CSV' {
            Import-Csv $script:mixed | Set-EmbedAccess -ErrorAction SilentlyContinue -ErrorVariable failed
            $replay = Join-Path $TestDrive 'failed.csv'
            $failed.TargetObject | Export-Csv -LiteralPath $replay -NoTypeInformation

            $again = Import-Csv $replay
            $again.Count | Should -Be 5
            $again[0].JoinModel | Should -Be 'triple'
            # The person fixes the rows and runs the file again.
            $fixed = $again | Where-Object EmbedId -in 'embed_globex', 'embed_hooli' | ForEach-Object { $_.JoinModel = 'multi'; $_.DatamartName = ''; $_ }
            $results = $fixed | Set-EmbedAccess -PassThru
            $results.EmbedId | Should -Be @('embed_globex', 'embed_hooli')
            (Get-TestEmbedAccess $script:emulator embed_globex).joinModel | Should -Be 'multi'
        }

        It 'stops at the first failure with -ErrorAction Stop' {
            { Import-Csv $script:mixed | Set-EmbedAccess -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidJoinModel,EmbedAdmin.Commands.SetEmbedAccessCommand'
        }

        It 'records the run on the session' {
            Import-Csv $script:mixed | Set-EmbedAccess -ErrorAction SilentlyContinue
            $run = (Get-EmbedAdminSession).LastBulkRun
            $run.Succeeded | Should -Be @('embed_acme', 'embed_stark')
            $run.Failed.Count | Should -Be 5
            $run.Cancelled | Should -BeFalse
        }

        It 'writes a summary line on -Verbose, without keys' {
            $verbose = Import-Csv $script:mixed | Set-EmbedAccess -ErrorAction SilentlyContinue -Verbose 4>&1 | Out-String
            $verbose | Should -Match 'Set-EmbedAccess: 2 rows ok, 5 failed'
            $verbose | Should -Match 'PUT .*/api/v2/data-app/embeds'
            $verbose | Should -Not -Match '7Q2x9LkP'
        }

        It 'redacts the key from -Debug output' {
            $debug = Set-EmbedAccess -EmbedId embed_acme -AllowAiPilot true -Debug 5>&1 | Out-String
            $debug | Should -Match 'Authorization: \[REDACTED\]'
            $debug | Should -Match '"isAllowAiPilot":true'
            $debug | Should -Not -Match '7Q2x9LkP'
        }
    }

    Context 'stopping a run (Ctrl+C)' {
        It 'cancels what is in flight, sends nothing more, and names the rows that completed' {
            Invoke-RestMethod -Method Post -Uri "$($script:emulator.BaseUri)/_emulator/embeds/generate" -ContentType 'application/json' -Body '{"count":40,"prefix":"stop"}' | Out-Null
            # A known starting point: the generator alternates this flag.
            1..40 | ForEach-Object { [pscustomobject]@{ EmbedId = 'stop_{0:000000}' -f $_; AllowAiPilot = 'false' } } | Set-EmbedAccess -ThrottleLimit 8
            Invoke-RestMethod -Method Put -Uri "$($script:emulator.BaseUri)/_emulator/faults" -ContentType 'application/json' -Body '{"latencyMs":150,"seed":1}' | Out-Null
            $rows = 1..40 | ForEach-Object { [pscustomobject]@{ EmbedId = 'stop_{0:000000}' -f $_; AllowAiPilot = 'true' } }

            # PowerShell.Stop() is what Ctrl+C does: it calls StopProcessing on the running cmdlet.
            $ps = [powershell]::Create([System.Management.Automation.RunspaceMode]::NewRunspace)
            $null = $ps.AddCommand('Import-Module').AddArgument((Get-TestModulePath)).AddStatement()
            $null = $ps.AddScript({ param($rows) $rows | Set-EmbedAccess -ThrottleLimit 2 }).AddArgument($rows)
            $applied = Get-TestMutationCount $script:emulator
            $async = $ps.BeginInvoke()
            # Stop once a row has surely completed, however slowly the runspace starts: with -ThrottleLimit 2 a
            # third update is sent only after one of the first two came back. 40 rows at 150 ms leave time to spare.
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ((Get-TestMutationCount $script:emulator) -lt $applied + 3 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            $ps.Stop()
            try { $ps.EndInvoke($async) } catch { }
            $ps.Dispose()

            $run = (Get-EmbedAdminSession).LastBulkRun
            $run.Cancelled | Should -BeTrue
            $run.Succeeded.Count | Should -BeGreaterThan 0
            $run.NotStarted.Count | Should -BeGreaterThan 0
            ($run.Succeeded.Count + $run.Interrupted.Count + $run.NotStarted.Count + $run.Failed.Count) | Should -Be 40
            # Nothing half-applied: each row is one request, so every completed row is applied and none that never started is.
            Invoke-RestMethod -Method Put -Uri "$($script:emulator.BaseUri)/_emulator/faults" -ContentType 'application/json' -Body '{}' | Out-Null
            foreach ($id in $run.Succeeded) { (Get-TestEmbedAccess $script:emulator $id).isAllowAiPilot | Should -BeTrue }
            foreach ($id in $run.NotStarted) { (Get-TestEmbedAccess $script:emulator $id).isAllowAiPilot | Should -BeFalse }
        }
    }
}
