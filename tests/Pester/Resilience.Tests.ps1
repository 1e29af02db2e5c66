# Resilience, through the cmdlet: a CSV bulk edit with Set-EmbedAccess while the emulator injects 500s,
# dropped connections and 429 storms (the 10,000-row run against Core is tests/EmbedAdmin.Core.Tests/ResilienceTests.cs).
# Every row must end with exactly one outcome (an output object or one error record whose TargetObject is the row),
# the emulator must hold exactly what those outcomes say, and replaying the failed rows must finish the job.
# Ctrl+C mid-run is covered in Set-EmbedAccess.Tests.ps1 ('stopping a run (Ctrl+C)').

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    $script:rows = 1000
    # Injected 500s are not retried (the PUT may have been acted on, by the rules), so they end their row;
    # exhausted retries end it as throttled or as a connection failure.
    $script:faultIds = 'ServerError', 'ApiThrottled', 'ConnectionFailed'
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Set-EmbedAccess under faults' {
    BeforeAll {
        Reset-TestEmulator $script:emulator
        Invoke-RestMethod -Method Post -Uri "$($script:emulator.BaseUri)/_emulator/embeds/generate" -ContentType 'application/json' `
            -Body (@{ count = $script:rows; prefix = 'pester' } | ConvertTo-Json) | Out-Null
        $script:initial = @{}
        foreach ($embed in (Get-TestEmulatorSnapshot $script:emulator).dataBrain.embeds | Where-Object embedId -like 'pester_*') {
            $script:initial[$embed.embedId] = $embed
        }

        # Every row flips isAllowEmailReports; even rows also switch the join model: applied and unapplied rows
        # can always be told apart.
        $script:csv = Join-Path $TestDrive 'bulk.csv'
        $script:wanted = @{}
        1..$script:rows | ForEach-Object {
            $id = 'pester_{0:D6}' -f $_
            $before = $script:initial[$id].accessSettings
            $row = [ordered]@{ EmbedId = $id; isAllowEmailReports = if ($before.isAllowEmailReports) { 'no' } else { 'yes' }; JoinModel = '' }
            if ($_ % 2 -eq 0) { $row.JoinModel = if ($before.joinModel -eq 'multi') { 'single' } else { 'multi' } }
            $script:wanted[$id] = $row
            [pscustomobject]$row
        } | Export-Csv -LiteralPath $script:csv -NoTypeInformation

        Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-TestSecret (Get-TestDevKey DataApp)) -DataBrainUri $script:emulator.BaseUri -MaximumRetryCount 1
        Set-TestEmulatorFaults $script:emulator @{ errorRate = 0.05; dropRate = 0.02; stormEvery = 400; stormLength = 20; stormRetryAfterSeconds = 1; seed = 1234 }
        $script:csvRows = @(Import-Csv -LiteralPath $script:csv)
        $script:elapsed = Measure-Command {
            $script:output = @($script:csvRows | Set-EmbedAccess -PassThru -ThrottleLimit 16 -ErrorAction SilentlyContinue -ErrorVariable bulkErrors)
        }
        $script:errors = @($bulkErrors)
        $script:counters = Get-TestEmulatorCounters $script:emulator
        Set-TestEmulatorFaults $script:emulator
        $script:summary = (Get-EmbedAdminSession).LastBulkRun
        Write-Host ("{0} rows in {1:0.0} s: {2} written, {3} errors ({4}); emulator: {5}" -f $script:rows, $script:elapsed.TotalSeconds, $script:output.Count, $script:errors.Count,
            (($script:errors | Group-Object { ($_.FullyQualifiedErrorId -split ',')[0] } | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '), ($script:counters | ConvertTo-Json -Compress -Depth 3))

        function script:Get-FinalEmbeds {
            $final = @{}
            foreach ($embed in (Get-TestEmulatorSnapshot $script:emulator).dataBrain.embeds | Where-Object embedId -like 'pester_*') { $final[$embed.embedId] = $embed }
            $final
        }
    }

    It 'really met all three faults' {
        $script:counters.injectedErrors | Should -BeGreaterThan 0
        $script:counters.dropped | Should -BeGreaterThan 0
        $script:counters.storm429 | Should -BeGreaterThan 0
    }

    It 'ends every row exactly once: an output or one error, never both, never twice' {
        $succeeded = @($script:output.EmbedId)
        $failed = @($script:errors.TargetObject.EmbedId)
        ($succeeded.Count + $failed.Count) | Should -Be $script:rows
        @($succeeded + $failed | Select-Object -Unique).Count | Should -Be $script:rows
        # Output keeps input order, whatever finished first.
        $written = [System.Collections.Generic.HashSet[string]]::new([string[]] $succeeded)
        $succeeded | Should -Be @($script:csvRows.EmbedId | Where-Object { $written.Contains($_) })
    }

    It 'reports each failure with a fault id and the row itself as TargetObject' {
        $script:errors.Count | Should -BeGreaterThan 0
        $odd = foreach ($record in $script:errors) {
            $row = $record.TargetObject
            if (($record.FullyQualifiedErrorId -split ',')[0] -notin $script:faultIds -or $row -isnot [pscustomobject] -or
                $row.isAllowEmailReports -ne $script:wanted[$row.EmbedId].isAllowEmailReports) {
                "$($record.FullyQualifiedErrorId) for $($row.EmbedId)"
            }
        }
        @($odd) | Should -BeNullOrEmpty
        # An injected 500 is retried (the PUT is idempotent): only a row that met two in a row ends on one.
        @($script:errors | Where-Object { $_.FullyQualifiedErrorId -like 'ServerError,*' }).Count | Should -BeLessThan ($script:counters.injectedErrors / 4)
        $script:counters.mutations | Should -Be $script:output.Count
    }

    It 'names the same rows in LastBulkRun' {
        $script:summary.Cancelled | Should -BeFalse
        @($script:summary.Succeeded) | Should -Be @($script:output.EmbedId)
        @($script:summary.Failed) | Should -Be @($script:errors.TargetObject.EmbedId)
        @($script:summary.Interrupted).Count | Should -Be 0
        @($script:summary.NotStarted).Count | Should -Be 0
    }

    It 'leaves the emulator exactly as the outcomes say' {
        # The emulator decides faults before it runs the handler (EmulatorRuntime.HandleApiAsync), so a 500, a
        # drop or a 429 applied nothing: failed rows are exactly as generated, updatedAt included; succeeded rows
        # carry their change (a dropped-then-retried PUT is idempotent).
        $final = Get-FinalEmbeds
        $applied = [System.Collections.Generic.HashSet[string]]::new([string[]] @($script:output.EmbedId))
        $wrong = foreach ($id in $script:wanted.Keys) {
            $before = $script:initial[$id]
            $after = $final[$id]
            $row = $script:wanted[$id]
            if ($applied.Contains($id)) {
                $joinModel = if ($row.JoinModel) { $row.JoinModel } else { $before.accessSettings.joinModel }
                $ok = $after.accessSettings.isAllowEmailReports -eq ($row.isAllowEmailReports -eq 'yes') -and
                    $after.accessSettings.joinModel -eq $joinModel -and $after.accessSettings.isIncrementalJoin -eq ($joinModel -eq 'multi') -and
                    $after.accessSettings.metricCreationMode -eq $before.accessSettings.metricCreationMode
            }
            else {
                $ok = ($after | ConvertTo-Json -Depth 10 -Compress) -eq ($before | ConvertTo-Json -Depth 10 -Compress)
            }
            if (-not $ok) { $id }
        }
        @($wrong) | Should -BeNullOrEmpty
    }

    It 'finishes the job when the failed rows are replayed' {
        $replayed = @($script:errors.TargetObject | Set-EmbedAccess -PassThru -ThrottleLimit 16)
        $replayed.Count | Should -Be $script:errors.Count

        $final = Get-FinalEmbeds
        $unfinished = $script:wanted.Keys | Where-Object { $final[$_].accessSettings.isAllowEmailReports -ne ($script:wanted[$_].isAllowEmailReports -eq 'yes') }
        @($unfinished) | Should -BeNullOrEmpty
    }
}
