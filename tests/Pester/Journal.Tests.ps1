# The change journal and Undo-EmbedAdminChange, end to end against the emulator. Every run and every undo happens
# in a fresh pwsh process, as a runbook would run them; the emulator's own state is the judge of "as before".

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'SecureEmbedTestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    $script:base = $script:emulator.BaseUri

    # The script a fresh process runs first: the module, and a session journaling into -JournalPath.
    function script:Get-Prelude([string] $Journal) {
        $secret = { param($name) "(ConvertTo-SecureString '$(Get-TestDevKey $name)' -AsPlainText -Force)" }
        @"
Import-Module '$(Get-TestModulePath)'
Connect-EmbedAdmin -DataBrainApiKey $(& $secret DataApp) -DataBrainServiceToken $(& $secret ServiceToken) -DataBrainUri '$script:base' -DatadogApiKey $(& $secret DatadogApi) -DatadogApplicationKey $(& $secret DatadogApp) -DatadogSite '$script:base' -JournalPath '$Journal' -WarningAction SilentlyContinue
"@
    }

    # Runs the body in a fresh process; returns its output lines.
    function script:Invoke-Fresh([string] $Journal, [string] $Body) {
        $file = Join-Path $TestDrive ("fresh-{0}.ps1" -f [guid]::NewGuid())
        (Get-Prelude $Journal) + "`n" + $Body | Set-Content -LiteralPath $file
        @(Invoke-TestPwsh -Command "& '$file'" | ForEach-Object { "$_" })
    }

    # Starts the body in a fresh process without waiting; its output goes to a file.
    function script:Start-Fresh([string] $Journal, [string] $Body, [string] $Output) {
        $file = Join-Path $TestDrive ("fresh-{0}.ps1" -f [guid]::NewGuid())
        (Get-Prelude $Journal) + "`n" + $Body | Set-Content -LiteralPath $file
        $hostPath = [Environment]::ProcessPath
        $arguments = @()
        if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { $arguments += Join-Path $PSHOME 'pwsh.dll' }
        $arguments += '-NoProfile', '-NonInteractive', '-File', $file
        Start-Process -FilePath $hostPath -ArgumentList $arguments -PassThru -RedirectStandardOutput $Output -RedirectStandardError "$Output.err"
    }

    function script:Get-RunId([string[]] $Lines) {
        $line = $Lines | Where-Object { $_ -like 'RUNID=*' } | Select-Object -Last 1
        $line | Should -Not -BeNullOrEmpty -Because ($Lines -join "`n")
        $line.Substring(6)
    }

    function script:Get-EmbedStates([string] $Prefix) {
        $states = @{}
        foreach ($embed in (Get-TestEmulatorSnapshot $script:emulator).dataBrain.embeds | Where-Object embedId -like "$Prefix*") {
            $states[$embed.embedId] = $embed.accessSettings
        }
        $states
    }

    # The fields that differ between two records, "name: before / after"; nothing when they are equal field by field.
    function script:Compare-Record($Before, $After) {
        $names = @($Before.PSObject.Properties.Name) + @($After.PSObject.Properties.Name) | Select-Object -Unique
        foreach ($name in $names) {
            $left = $Before.$name | ConvertTo-Json -Depth 20 -Compress
            $right = $After.$name | ConvertTo-Json -Depth 20 -Compress
            if ($left -ne $right) { "${name}: $left / $right" }
        }
    }

    function script:Get-JournalLines([string] $Journal) {
        # The folder is made by the first entry written: a run that journals nothing leaves none.
        if (-not (Test-Path -LiteralPath $Journal)) { return }
        Get-ChildItem -LiteralPath $Journal -Filter '*.jsonl' | ForEach-Object { (Get-Content -LiteralPath $_.FullName -Raw) -split "`n" } | Where-Object { $_ }
    }
}

AfterAll {
    Disconnect-EmbedAdmin -ErrorAction SilentlyContinue
    Stop-TestEmulator $script:emulator
}

Describe 'Undo-EmbedAdminChange puts a whole run back' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        $script:journal = Join-Path $TestDrive ("journal-{0}" -f [guid]::NewGuid())
    }

    It 'a 50-row Set-EmbedAccess CSV: every embed ends exactly as before the run' {
        Invoke-RestMethod -Method Post -Uri "$script:base/_emulator/embeds/generate" -ContentType 'application/json' -Body '{"count":50,"prefix":"jrnl"}' | Out-Null
        $before = Get-EmbedStates 'jrnl_'
        $csv = Join-Path $TestDrive 'access.csv'
        $before.Keys | Sort-Object | ForEach-Object {
            $now = $before[$_]
            [pscustomobject]@{
                EmbedId = $_
                isAllowEmailReports = -not $now.isAllowEmailReports
                AllowAiPilot = -not $now.isAllowAiPilot
                JoinModel = if ($now.joinModel -eq 'multi') { 'single' } else { 'multi' }
                MetricCreationMode = if ($now.metricCreationMode -eq 'CHAT') { 'DRAG_DROP' } else { 'CHAT' }
            }
        } | Export-Csv -LiteralPath $csv -NoTypeInformation

        $run = Get-RunId (Invoke-Fresh $script:journal "Import-Csv '$csv' | Set-EmbedAccess -ThrottleLimit 8; 'RUNID=' + (Get-EmbedAdminSession).LastBulkRun.RunId")
        $changed = Get-EmbedStates 'jrnl_'
        @($before.Keys | Where-Object { -not (Compare-Record $before[$_] $changed[$_]) }) | Should -BeNullOrEmpty -Because 'the run changed every embed'
        $entries = @(Get-EmbedAdminChange -JournalPath $script:journal -RunId $run)
        $entries.Count | Should -Be 50
        @($entries | Where-Object Outcome -NE 'Succeeded') | Should -BeNullOrEmpty

        $undo = Invoke-Fresh $script:journal "Undo-EmbedAdminChange -RunId '$run' -Confirm:`$false -ThrottleLimit 8 | Out-Null; 'RUNID=' + (Get-EmbedAdminSession).LastBulkRun.RunId; 'OK=' + (Get-EmbedAdminSession).LastBulkRun.Succeeded.Count"
        $undo | Should -Contain 'OK=50'
        $after = Get-EmbedStates 'jrnl_'
        $differences = foreach ($id in $before.Keys) { Compare-Record $before[$id] $after[$id] | ForEach-Object { "${id} $_" } }
        @($differences) | Should -BeNullOrEmpty
        # The undo is journaled too, each entry naming the run it put back.
        $undone = @(Get-EmbedAdminChange -JournalPath $script:journal -RunId (Get-RunId $undo))
        $undone.Count | Should -Be 50
        @($undone.UndoOf | Select-Object -Unique) | Should -Be @($run)
    }

    It 'an Update-Workspace run: every workspace ends exactly as before' {
        $names = 1..6 | ForEach-Object { "Journal WS $_" }
        $create = ($names | ForEach-Object { "[pscustomobject]@{ Name = '$_'; ConnectionType = 'DATASOURCE'; DatasourceName = 'postgres-production'; EnableMetricSuggestions = 'false'; ThemeName = 'Corporate Blue' }" }) -join ', '
        Invoke-Fresh $script:journal "@($create) | New-Workspace" | Out-Null
        $before = @{}; foreach ($name in $names) { $before[$name] = Get-TestDataBrainRecord $script:emulator workspaces $name }
        $before.Values.Count | Should -Be 6

        $update = ($names | ForEach-Object { "[pscustomobject]@{ Name = '$_'; ConnectionType = 'DATASOURCE'; DatasourceName = 'snowflake-warehouse'; EnableMetricSuggestions = 'true'; ThemeName = 'Dark Mode' }" }) -join ', '
        $run = Get-RunId (Invoke-Fresh $script:journal "@($update) | Update-Workspace -Confirm:`$false -WarningAction SilentlyContinue; 'RUNID=' + (Get-EmbedAdminSession).LastBulkRun.RunId")
        (Get-TestDataBrainRecord $script:emulator workspaces $names[0]).datasourceName | Should -Be 'snowflake-warehouse'
        (Get-EmbedAdminChange -JournalPath $script:journal -RunId $run)[0].Fields.Where({ $_.Name -eq 'datasourceName' }).Before | Should -Be 'postgres-production'

        Invoke-Fresh $script:journal "Undo-EmbedAdminChange -RunId '$run' -Confirm:`$false -WarningAction SilentlyContinue | Out-Null" | Out-Null
        $differences = foreach ($name in $names) { Compare-Record $before[$name] (Get-TestDataBrainRecord $script:emulator workspaces $name) | ForEach-Object { "${name} $_" } }
        @($differences) | Should -BeNullOrEmpty
    }

    It 'an Update-Datamart run: the datamart ends exactly as before, from its backup' {
        $before = Get-TestDataBrainRecord $script:emulator datamarts 'sales-datamart'
        $backups = Join-Path $TestDrive 'backups'
        $run = Get-RunId (Invoke-Fresh $script:journal "Update-Datamart -Name sales-datamart -Relationships @() -TenancyLevel DATABASE -PrimaryDatabase EU -BackupPath '$backups' -Confirm:`$false; 'RUNID=' + (Get-EmbedAdminSession).LastBulkRun.RunId")
        @(Compare-Record $before (Get-TestDataBrainRecord $script:emulator datamarts 'sales-datamart')) | Should -Not -BeNullOrEmpty
        $entry = @(Get-EmbedAdminChange -JournalPath $script:journal -RunId $run)
        $entry.Count | Should -Be 1
        $entry[0].BackupFile | Should -BeLike "$backups*"
        Test-Path -LiteralPath $entry[0].BackupFile | Should -BeTrue

        Invoke-Fresh $script:journal "Undo-EmbedAdminChange -RunId '$run' -BackupPath '$backups' -Confirm:`$false | Out-Null" | Out-Null
        @(Compare-Record $before (Get-TestDataBrainRecord $script:emulator datamarts 'sales-datamart')) | Should -BeNullOrEmpty
    }

    It 'counts an Update-Datamart with nothing to change as unchanged, and journals nothing for it' {
        $lines = Invoke-Fresh $script:journal @'
$dm = Get-Datamart -Name sales-datamart
Update-Datamart -Name sales-datamart -Relationships $dm.Relationships -Confirm:$false
$run = (Get-EmbedAdminSession).LastBulkRun
'UNCHANGED=' + ($run.Unchanged -join ',')
'OK=' + $run.Succeeded.Count
'@
        $lines | Should -Contain 'UNCHANGED=sales-datamart'
        $lines | Should -Contain 'OK=0'
        @(Get-JournalLines $script:journal) | Should -BeNullOrEmpty
    }

    It 'a Set-SecureEmbed run: every secure embed ends exactly as before' {
        $shares = @((Get-TestEmulatorState $script:emulator).datadog.shares | Where-Object shareType -EQ 'secure_embed')
        $shares.Count | Should -BeGreaterThan 1
        $before = @{}; foreach ($share in $shares) { $before[$share.token] = $share }
        $rows = ($shares | ForEach-Object { "[pscustomobject]@{ DashboardId = '$($_.dashboardId)'; Token = '$($_.token)'; Title = 'Journaled $($_.token)'; Status = '$(if ($_.status -eq 'active') { 'paused' } else { 'active' })'; Theme = 'dark'; HighDensity = '$(-not $_.highDensity)' }" }) -join ', '
        $run = Get-RunId (Invoke-Fresh $script:journal "@($rows) | Set-SecureEmbed -WarningAction SilentlyContinue; 'RUNID=' + (Get-EmbedAdminSession).LastBulkRun.RunId")
        (Get-TestSecureEmbedShare $script:emulator $shares[0].token).title | Should -BeLike 'Journaled *'

        Invoke-Fresh $script:journal "Undo-EmbedAdminChange -RunId '$run' -Confirm:`$false -WarningAction SilentlyContinue | Out-Null" | Out-Null
        $differences = foreach ($token in $before.Keys) { Compare-Record $before[$token] (Get-TestSecureEmbedShare $script:emulator $token) | ForEach-Object { "${token} $_" } }
        @($differences) | Should -BeNullOrEmpty
    }

    It 'stops a row whose target changed since the run with ChangedSinceRecorded, and undoes the others' {
        $ids = 'embed_acme', 'embed_globex', 'embed_initech'
        $before = Get-EmbedStates 'embed_'
        $rows = ($ids | ForEach-Object { "[pscustomobject]@{ EmbedId = '$_'; JoinModel = '$(if ($before[$_].joinModel -eq 'multi') { 'single' } else { 'multi' })' }" }) -join ', '
        $run = Get-RunId (Invoke-Fresh $script:journal "@($rows) | Set-EmbedAccess; 'RUNID=' + (Get-EmbedAdminSession).LastBulkRun.RunId")
        # Someone else puts globex's join model back by hand in the meantime (outside EmbedAdmin, so not journaled).
        $headers = @{ Authorization = "Bearer $(Get-TestDevKey DataApp)" }
        Invoke-RestMethod -Method Put -Uri "$script:base/api/v2/data-app/embeds" -Headers $headers -ContentType 'application/json' `
            -Body (@{ embedId = 'embed_globex'; accessSettings = @{ joinModel = $before['embed_globex'].joinModel } } | ConvertTo-Json) | Out-Null

        $lines = Invoke-Fresh $script:journal @"
Undo-EmbedAdminChange -RunId '$run' -Confirm:`$false -ErrorAction SilentlyContinue -ErrorVariable failed | Out-Null
'ERRORS=' + (`$failed | ForEach-Object { `$_.FullyQualifiedErrorId.Split(',')[0] + '|' + `$_.TargetObject.Target }) -join ';'
'MESSAGE=' + `$failed[0].Exception.Message
'OK=' + (((Get-EmbedAdminSession).LastBulkRun.Succeeded | Sort-Object) -join ',')
"@
        $lines | Should -Contain 'ERRORS=ChangedSinceRecorded|embed_globex'
        $message = ($lines | Where-Object { $_ -like 'MESSAGE=*' })
        $message | Should -Match 'joinModel'
        $message | Should -Match "it was $($before['embed_globex'].joinModel) before Set-EmbedAccess"
        $message | Should -Match "it is $($before['embed_globex'].joinModel) now"
        $lines | Should -Contain 'OK=embed_acme,embed_initech'
        $after = Get-EmbedStates 'embed_'
        foreach ($id in $ids) { $after[$id].joinModel | Should -Be $before[$id].joinModel }
    }

    It 'shows the field diff back under -WhatIf and changes nothing' {
        $original = (Get-TestEmbedAccess $script:emulator embed_acme).metricCreationMode
        $other = if ($original -eq 'CHAT') { 'DRAG_DROP' } else { 'CHAT' }
        $run = Get-RunId (Invoke-Fresh $script:journal "Set-EmbedAccess -EmbedId embed_acme -MetricCreationMode $other; 'RUNID=' + (Get-EmbedAdminSession).LastBulkRun.RunId")
        $lines = Invoke-Fresh $script:journal "Get-EmbedAdminChange -RunId '$run' | Undo-EmbedAdminChange -WhatIf"
        ($lines -join "`n") | Should -Match "Set access on embed 'embed_acme':"
        ($lines -join "`n") | Should -Match "metricCreationMode: $other -> $original"
        (Get-TestEmbedAccess $script:emulator embed_acme).metricCreationMode | Should -Be $other
    }
}

Describe 'The journal under concurrency and crashes' {
    BeforeAll {
        Reset-TestEmulator $script:emulator
        Invoke-RestMethod -Method Post -Uri "$script:base/_emulator/embeds/generate" -ContentType 'application/json' -Body '{"count":1000,"prefix":"conc"}' | Out-Null
    }

    It 'two processes x 500 rows at -ThrottleLimit 16 leave 1,000 well-formed lines and no partial one' {
        $journal = Join-Path $TestDrive 'shared-journal'
        $processes = foreach ($half in 0, 1) {
            $first = $half * 500 + 1
            $body = "$first..$($first + 499) | ForEach-Object { [pscustomobject]@{ EmbedId = 'conc_{0:D6}' -f `$_; AllowAiPilot = 'true' } } | Set-EmbedAccess -ThrottleLimit 16"
            Start-Fresh $journal $body (Join-Path $TestDrive "half-$half.txt")
        }
        foreach ($process in $processes) { $process.WaitForExit(300000) | Should -BeTrue; $process.ExitCode | Should -Be 0 }

        $files = @(Get-ChildItem -LiteralPath $journal -Filter '*.jsonl')
        foreach ($file in $files) { (Get-Content -LiteralPath $file.FullName -Raw).EndsWith("`n") | Should -BeTrue }
        $lines = @(Get-JournalLines $journal)
        $lines.Count | Should -Be 1000
        $parsed = @($lines | ForEach-Object { $_ | ConvertFrom-Json })
        @($parsed | Where-Object { -not $_.runId -or $_.outcome -ne 'Succeeded' -or $_.fields.Count -ne 1 }) | Should -BeNullOrEmpty
        @($parsed.target | Select-Object -Unique).Count | Should -Be 1000
        @($parsed.runId | Select-Object -Unique).Count | Should -Be 2
    }

    It 'a process killed mid-run (SIGKILL) leaves a journal that reads back with every completed row' {
        $journal = Join-Path $TestDrive 'killed-journal'
        $output = Join-Path $TestDrive 'killed.txt'
        Set-TestEmulatorFaults $script:emulator @{ latencyMs = 15; seed = 3 }
        try {
            # Each row is written out as soon as it is reported; the journal entry must already be there.
            $body = "1..1000 | ForEach-Object { [pscustomobject]@{ EmbedId = 'conc_{0:D6}' -f `$_; AllowAiPilot = 'false' } } | Set-EmbedAccess -ThrottleLimit 16 -PassThru | ForEach-Object { [Console]::Out.WriteLine(`$_.EmbedId); [Console]::Out.Flush() }"
            $process = Start-Fresh $journal $body $output
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while ([DateTime]::UtcNow -lt $deadline -and -not $process.HasExited -and @(Get-Content -LiteralPath $output -ErrorAction SilentlyContinue).Count -lt 100) { Start-Sleep -Milliseconds 50 }
            $process.HasExited | Should -BeFalse -Because 'the run must still be going when it is killed'
            # Process.Kill is SIGKILL on Unix (TerminateProcess on Windows); only the process this test started.
            $process.Kill()
            $process.WaitForExit(30000) | Should -BeTrue
        }
        finally {
            Set-TestEmulatorFaults $script:emulator
        }

        $completed = @(Get-Content -LiteralPath $output | Where-Object { $_ -like 'conc_*' })
        $completed.Count | Should -BeGreaterOrEqual 100
        $completed.Count | Should -BeLessThan 1000
        $entries = @(Get-EmbedAdminChange -JournalPath $journal)
        $succeeded = [System.Collections.Generic.HashSet[string]]::new([string[]] @($entries | Where-Object Outcome -EQ 'Succeeded' | ForEach-Object Target))
        @($completed | Where-Object { -not $succeeded.Contains($_) }) | Should -BeNullOrEmpty
        # Every line but possibly a torn last one is a whole entry.
        $lines = @(Get-JournalLines $journal)
        @($lines | Select-Object -SkipLast 1 | Where-Object { -not ($_ | ConvertFrom-Json -ErrorAction SilentlyContinue).runId }) | Should -BeNullOrEmpty
        $entries.Count | Should -BeGreaterOrEqual ($lines.Count - 1)
    }
}

Describe 'Get-EmbedAdminChange' {
    BeforeAll {
        Reset-TestEmulator $script:emulator
        $script:journal = Join-Path $TestDrive 'query-journal'
        $script:first = Get-RunId (Invoke-Fresh $script:journal "Set-EmbedAccess -EmbedId embed_acme -AllowAiPilot true; 'RUNID=' + (Get-EmbedAdminSession).LastBulkRun.RunId")
        $script:second = Get-RunId (Invoke-Fresh $script:journal "'embed_acme', 'embed_globex' | ForEach-Object { [pscustomobject]@{ EmbedId = `$_; JoinModel = 'multi' } } | Set-EmbedAccess; 'RUNID=' + (Get-EmbedAdminSession).LastBulkRun.RunId")
    }

    It 'filters by run, target, cmdlet, time and the last N runs' {
        @(Get-EmbedAdminChange -JournalPath $script:journal).Count | Should -Be 3
        @(Get-EmbedAdminChange -JournalPath $script:journal -RunId $script:first).Target | Should -Be @('embed_acme')
        @(Get-EmbedAdminChange -JournalPath $script:journal -Target 'embed_g*').RunId | Should -Be @($script:second)
        @(Get-EmbedAdminChange -JournalPath $script:journal -Last 1).RunId | Select-Object -Unique | Should -Be $script:second
        @(Get-EmbedAdminChange -JournalPath $script:journal -Cmdlet 'Update-*') | Should -BeNullOrEmpty
        @(Get-EmbedAdminChange -JournalPath $script:journal -After (Get-Date).AddMinutes(-10) -Before (Get-Date).AddMinutes(1)).Count | Should -Be 3
        @(Get-EmbedAdminChange -JournalPath $script:journal -Before (Get-Date).AddDays(-1)) | Should -BeNullOrEmpty
    }

    It 'writes typed entries with a table view of time, run, cmdlet, target, fields and outcome' {
        $entry = Get-EmbedAdminChange -JournalPath $script:journal -RunId $script:first
        $entry.GetType().FullName | Should -Be 'EmbedAdmin.Core.Journal.JournalEntry'
        $entry.Fields[0].Name | Should -Be 'isAllowAiPilot'
        $entry.Fields[0].After | Should -BeTrue
        $entry.User | Should -Be ([Environment]::UserName)
        $entry.BaseUri | Should -Be "$script:base/"
        $entry.RequestId | Should -Match '^emu-'
        $table = $entry | Format-Table | Out-String -Width 300
        foreach ($header in 'Time', 'RunId', 'Cmdlet', 'Target', 'Fields', 'Outcome') { $table | Should -Match $header }
        $table | Should -Match 'isAllowAiPilot'
    }
}

Describe 'Data apps, API tokens, datasources and dashboard imports in the journal' {
    BeforeAll {
        # A run's id and its LastBulkRun outcomes as one line: "RUN:<name>=<runId>|<succeeded>|<failed>|<skipped>".
        $script:markFunction = @'
function Mark([string] $Name) {
    $run = (Get-EmbedAdminSession).LastBulkRun
    "RUN:$Name=" + $run.RunId + '|' + ($run.Succeeded -join ',') + '|' + ($run.Failed -join ',') + '|' + ($run.Skipped -join ',')
}
'@
        $script:dsPassword = 'Jrnl-Pg-Secret-4Rx8Wq2Zt6'
        $script:dsUser = 'journal_reader_7731'
        $script:credentialScript = "`$credential = [pscredential]::new('$script:dsUser', (ConvertTo-SecureString '$script:dsPassword' -AsPlainText -Force))"

        # The runs of one fresh process, by the name Mark gave them.
        function script:Get-Runs([string[]] $Lines) {
            $runs = @{}
            foreach ($line in $Lines | Where-Object { $_ -like 'RUN:*' }) {
                $name, $rest = $line.Substring(4) -split '=', 2
                $id, $ok, $failed, $skipped = $rest -split '\|'
                $runs[$name] = [pscustomobject]@{ RunId = $id; Succeeded = @($ok -split ',' | Where-Object { $_ }); Failed = @($failed -split ',' | Where-Object { $_ }); Skipped = @($skipped -split ',' | Where-Object { $_ }) }
            }
            $runs
        }

        function script:Get-Field($Entry, [string] $Name) { $Entry.Fields | Where-Object Name -EQ $Name }
    }

    BeforeEach {
        Reset-TestEmulator $script:emulator
        $script:journal = Join-Path $TestDrive ("journal-{0}" -f [guid]::NewGuid())
    }

    It 'journals every sent row of the eight cmdlets with its fields and outcome, one outcome per row in LastBulkRun, and nothing secret' {
        $export = Join-Path $TestDrive 'journal-template.json'
        $lines = Invoke-Fresh $script:journal (@"
$script:markFunction
$script:credentialScript
'tenant-journal', 'demo-app' | ForEach-Object { [pscustomobject]@{ Name = `$_ } } | New-DataApp -ErrorAction SilentlyContinue; Mark New-DataApp
New-DataApp -Name whatif-app -WhatIf; Mark WhatIf
Rename-DataApp -Name other-app -NewName partner-app -Confirm:`$false; Mark Rename-DataApp
New-DataAppApiToken -DataAppName demo-app -TokenName journal-key -Confirm:`$false | Out-Null; Mark New-DataAppApiToken
New-Datasource -Name pg-journal -DatasourceType postgres -Credential `$credential -Connection @{ host = 'db.example.com'; port = 5432; database = 'journal' } -Confirm:`$false; Mark New-Datasource
Set-Datasource -Name postgres-production -DatasourceType postgres -Credential `$credential -Connection @{ host = 'pg2.example.com'; port = 5433; database = 'production' } -TenancySettings @{ tenancyLevel = 'TABLE' } -Confirm:`$false; Mark Set-Datasource
Remove-Datasource -Name mysql-archive -Confirm:`$false; Mark Remove-Datasource
Sync-Datasource -Name snowflake-warehouse | Out-Null; Mark Sync-Datasource
Export-Dashboard template-dashboard-001 analytics-workspace '$export' -Force | Out-Null; Mark Export-Dashboard
New-GuestToken -ClientId journal-client -DataAppName demo-app | Out-Null; Mark New-GuestToken
Import-Dashboard -WorkspaceName Finance -DashboardId journal-import -Path '$export' -SchemaMap @{ public = 'tenant_j' } -Confirm:`$false | Out-Null; Mark Import-Dashboard
"@)
        $runs = Get-Runs $lines
        $runs.Count | Should -Be 11 -Because ($lines -join "`n")
        function Entries([string] $Name) { @(Get-EmbedAdminChange -JournalPath $script:journal -RunId $runs[$Name].RunId) }

        # One outcome per row: the failed row is journaled as failed, the -WhatIf row is skipped and not journaled.
        $runs['New-DataApp'].Succeeded | Should -Be @('tenant-journal')
        $runs['New-DataApp'].Failed | Should -Be @('demo-app')
        $created = Entries New-DataApp
        $created.Count | Should -Be 2
        $ok = $created | Where-Object Target -EQ 'tenant-journal'
        ($ok.Operation, $ok.Outcome, $ok.Service) | Should -Be @('Create', 'Succeeded', 'DataBrain')
        (Get-Field $ok name).After | Should -Be 'tenant-journal'
        $refused = $created | Where-Object Target -EQ 'demo-app'
        ($refused.Outcome, $refused.ErrorId) | Should -Be @('Failed', 'DataAppAlreadyExists')
        $runs['WhatIf'].Skipped | Should -Be @('whatif-app')
        Entries WhatIf | Should -BeNullOrEmpty

        $rename = Entries Rename-DataApp
        $rename.Count | Should -Be 1
        ($rename[0].Operation, $rename[0].Target, $rename[0].Outcome) | Should -Be @('Update', 'other-app', 'Succeeded')
        ((Get-Field $rename[0] name).Before, (Get-Field $rename[0] name).After) | Should -Be @('other-app', 'partner-app')

        $token = Entries New-DataAppApiToken
        ($token.Target, $token.Operation, $token.Outcome) | Should -Be @('demo-app/journal-key', 'Create', 'Succeeded')
        @($token.Fields.Name) | Should -Be @('dataAppName', 'name')

        $datasource = Entries New-Datasource
        ($datasource.Target, $datasource.Operation, $datasource.Outcome) | Should -Be @('pg-journal', 'Create', 'Succeeded')
        (Get-Field $datasource datasourceType).After | Should -Be 'postgres'
        (Get-Field $datasource 'credentials.host').After | Should -Be 'db.example.com'
        (Get-Field $datasource 'credentials.port').After | Should -Be 5432
        @($datasource.Fields.Name | Where-Object { $_ -match 'user|password|secret|key|token' }) | Should -BeNullOrEmpty

        $set = Entries Set-Datasource
        ($set.Target, $set.Operation, $set.Outcome) | Should -Be @('postgres-production', 'Update', 'Succeeded')
        (Get-Field $set 'credentials.host').After | Should -Be 'pg2.example.com'
        (Get-Field $set tenancySettings).After.tenancyLevel | Should -Be 'TABLE'
        @($set.Fields | Where-Object BeforeKnown) | Should -BeNullOrEmpty -Because 'DataBrain cannot read a datasource, so no "before" is known'

        $removed = Entries Remove-Datasource
        ($removed.Target, $removed.Operation, $removed.Outcome, $removed.Fields.Count) | Should -Be @('mysql-archive', 'Remove', 'Succeeded', 0)
        $synced = Entries Sync-Datasource
        ($synced.Target, $synced.Operation, $synced.Outcome) | Should -Be @('snowflake-warehouse', 'Update', 'Succeeded')

        $import = Entries Import-Dashboard
        ($import.Target, $import.Operation, $import.Outcome) | Should -Be @('journal-import', 'Create', 'Succeeded')
        (Get-Field $import workspaceName).After | Should -Be 'Finance'
        (Get-Field $import schemaPairs).After[0].targetSchema | Should -Be 'tenant_j'
        @($import.Fields.Name) | Should -Not -Contain 'importDashboardData'
        ($import.Recorded | ConvertFrom-Json).importFile | Should -Be $export

        # Reads and guest tokens change no configuration: their runs are counted, never journaled.
        $runs['Export-Dashboard'].Succeeded | Should -Be @('template-dashboard-001')
        Entries Export-Dashboard | Should -BeNullOrEmpty
        $runs['New-GuestToken'].Succeeded | Should -Be @('journal-client')
        Entries New-GuestToken | Should -BeNullOrEmpty

        # Nothing secret in any line: the datasource password and user name, every API key and guest token.
        $state = Get-TestEmulatorSnapshot $script:emulator
        $secrets = @($script:dsPassword, $script:dsUser) + @($state.dataBrain.dataApps.apiTokens.key) + @($state.dataBrain.guestTokens.token) |
            Where-Object { $_ } | Select-Object -Unique
        @($state.dataBrain.dataApps.apiTokens | Where-Object name -EQ 'journal-key').Count | Should -Be 1 -Because 'the key the scan looks for is there'
        $text = (Get-JournalLines $script:journal) -join "`n"
        $leaks = @(Find-TestSecretFragment -Text $text -Secret $secrets)
        $leaks | Should -BeNullOrEmpty -Because "pieces of secrets appeared: $(($leaks | ForEach-Object { $_.Context } | Select-Object -First 3) -join ' || ')"
    }

    It 'undoes a Rename-DataApp by renaming back, the embeds kept' {
        $before = (Get-TestEmulatorSnapshot $script:emulator).dataBrain.dataApps | Where-Object name -CEQ 'other-app'
        $run = Get-RunId (Invoke-Fresh $script:journal "Rename-DataApp -Name other-app -NewName partner-app -Confirm:`$false; 'RUNID=' + (Get-EmbedAdminSession).LastBulkRun.RunId")
        @((Get-TestEmulatorSnapshot $script:emulator).dataBrain.dataApps.name) | Should -Contain 'partner-app'

        $whatIf = Invoke-Fresh $script:journal "Undo-EmbedAdminChange -RunId '$run' -WhatIf"
        ($whatIf -join "`n") | Should -Match 'name: partner-app -> other-app'
        @((Get-TestEmulatorSnapshot $script:emulator).dataBrain.dataApps.name) | Should -Contain 'partner-app'

        $undo = Invoke-Fresh $script:journal "Undo-EmbedAdminChange -RunId '$run' -Confirm:`$false | ForEach-Object { 'OUT=' + `$_.Name + '<' + `$_.PreviousName }; 'RUNID=' + (Get-EmbedAdminSession).LastBulkRun.RunId"
        $undo | Should -Contain 'OUT=other-app<partner-app'
        $apps = (Get-TestEmulatorSnapshot $script:emulator).dataBrain.dataApps
        @($apps.name) | Should -Not -Contain 'partner-app'
        $after = $apps | Where-Object name -CEQ 'other-app'
        @(Compare-Record $before $after | Where-Object { $_ -notlike 'updatedAt:*' }) | Should -BeNullOrEmpty
        $entry = @(Get-EmbedAdminChange -JournalPath $script:journal -RunId (Get-RunId $undo))
        ($entry.Cmdlet, $entry.Target, $entry.UndoOf) | Should -Be @('Rename-DataApp', 'partner-app', $run)
    }

    It 'stops the undo of a rename with ChangedSinceRecorded when the data app was renamed again since' {
        $run = Get-RunId (Invoke-Fresh $script:journal "Rename-DataApp -Name other-app -NewName partner-app -Confirm:`$false; 'RUNID=' + (Get-EmbedAdminSession).LastBulkRun.RunId")
        # Renamed again outside EmbedAdmin, so not journaled.
        $headers = @{ Authorization = "Bearer $(Get-TestDevKey ServiceToken)" }
        Invoke-RestMethod -Method Put -Uri "$script:base/api/v2/data-app" -Headers $headers -ContentType 'application/json' -Body '{"name":"partner-app","updateName":"partner-app-2"}' | Out-Null

        $lines = Invoke-Fresh $script:journal @"
Undo-EmbedAdminChange -RunId '$run' -Confirm:`$false -ErrorAction SilentlyContinue -ErrorVariable failed | Out-Null
'ERRORS=' + (`$failed | ForEach-Object { `$_.FullyQualifiedErrorId.Split(',')[0] }) -join ';'
'MESSAGE=' + `$failed[0].Exception.Message
"@
        $lines | Should -Contain 'ERRORS=ChangedSinceRecorded'
        ($lines | Where-Object { $_ -like 'MESSAGE=*' }) | Should -Match 'it was other-app before Rename-DataApp'
        @((Get-TestEmulatorSnapshot $script:emulator).dataBrain.dataApps.name | Sort-Object) | Should -Be @('demo-app', 'partner-app-2')
    }

    It 'undoes a New-Datasource by removing the datasource' {
        $run = Get-RunId (Invoke-Fresh $script:journal (@"
$script:credentialScript
New-Datasource -Name pg-undo -DatasourceType postgres -Credential `$credential -Connection @{ host = 'db'; port = 5432; database = 'undo' } -Confirm:`$false
'RUNID=' + (Get-EmbedAdminSession).LastBulkRun.RunId
"@))
        Get-TestDataBrainRecord $script:emulator datasources pg-undo | Should -Not -BeNullOrEmpty

        $undo = Invoke-Fresh $script:journal "Undo-EmbedAdminChange -RunId '$run' -Confirm:`$false | Out-Null; 'RUNID=' + (Get-EmbedAdminSession).LastBulkRun.RunId; 'OK=' + ((Get-EmbedAdminSession).LastBulkRun.Succeeded -join ',')"
        $undo | Should -Contain 'OK=pg-undo'
        Get-TestDataBrainRecord $script:emulator datasources pg-undo | Should -BeNullOrEmpty
        @((Get-TestEmulatorSnapshot $script:emulator).dataBrain.datasources.name | Sort-Object) | Should -Be @('mysql-archive', 'postgres-production', 'snowflake-warehouse')
        $entry = @(Get-EmbedAdminChange -JournalPath $script:journal -RunId (Get-RunId $undo))
        ($entry.Cmdlet, $entry.Operation, $entry.Target, $entry.UndoOf) | Should -Be @('Remove-Datasource', 'Remove', 'pg-undo', $run)
    }

    It 'reports NotReversible, with the reason and what was recorded, for what the API cannot put back, and sends nothing' {
        $export = Join-Path $TestDrive 'not-reversible.json'
        $lines = Invoke-Fresh $script:journal (@"
$script:markFunction
$script:credentialScript
New-DataApp -Name tenant-nr; Mark New-DataApp
New-DataAppApiToken -DataAppName demo-app -TokenName nr-key -Confirm:`$false | Out-Null; Mark New-DataAppApiToken
Set-Datasource -Name postgres-production -DatasourceType postgres -Credential `$credential -Connection @{ host = 'pg3'; port = 5432; database = 'p' } -Confirm:`$false; Mark Set-Datasource
Remove-Datasource -Name mysql-archive -Confirm:`$false; Mark Remove-Datasource
Sync-Datasource -Name snowflake-warehouse | Out-Null; Mark Sync-Datasource
Export-Dashboard template-dashboard-001 analytics-workspace '$export' -Force | Out-Null
Import-Dashboard -WorkspaceName Finance -DashboardId nr-import -Path '$export' -Confirm:`$false | Out-Null; Mark Import-Dashboard
"@)
        $runs = Get-Runs $lines
        $runs.Count | Should -Be 6 -Because ($lines -join "`n")
        $ids = ($runs.Values.RunId | ForEach-Object { "'$_'" }) -join ','
        $count = Get-TestMutationCount $script:emulator

        $undo = Invoke-Fresh $script:journal @"
Undo-EmbedAdminChange -RunId $ids -Confirm:`$false -ErrorAction SilentlyContinue -ErrorVariable failed | Out-Null
foreach (`$e in `$failed) { 'ERR=' + `$e.FullyQualifiedErrorId.Split(',')[0] + '|' + `$e.TargetObject.Cmdlet + '|' + `$e.Exception.Message }
'OK=' + (Get-EmbedAdminSession).LastBulkRun.Succeeded.Count
"@
        $undo | Should -Contain 'OK=0'
        $errors = @{}
        foreach ($line in $undo | Where-Object { $_ -like 'ERR=*' }) { $id, $cmdlet, $message = $line.Substring(4) -split '\|', 3; $id | Should -Be 'NotReversible'; $errors[$cmdlet] = $message }
        @($errors.Keys | Sort-Object) | Should -Be @('Import-Dashboard', 'New-DataApp', 'New-DataAppApiToken', 'Remove-Datasource', 'Set-Datasource', 'Sync-Datasource')
        $errors['New-DataApp'] | Should -Match 'no endpoint that deletes a data app.*Recorded: name: \(not set\) -> tenant-nr'
        $errors['New-DataAppApiToken'] | Should -Match 'no endpoint that deletes or revokes an API token'
        $errors['Set-Datasource'] | Should -Match 'never records them \(neither the user name nor the secret\).*Recorded: datasourceType: \(unknown\) -> postgres;'
        $errors['Set-Datasource'] | Should -Match 'Recorded: .*credentials.host: \(unknown\) -> pg3'
        $errors['Remove-Datasource'] | Should -Match 'full credential set'
        $errors['Sync-Datasource'] | Should -Match 'no earlier schema to put back'
        $errors['Import-Dashboard'] | Should -Match 'no endpoint that deletes a dashboard on its own.*importFile'
        Get-TestMutationCount $script:emulator | Should -Be $count
    }
}
