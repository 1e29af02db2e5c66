# Bad input: every case of tests/Pester/BadInput/corpus.json (CSV rows, JSON text and parameter values)
# must be refused with its own stable error id, write nothing to the output, and send nothing at all: the
# emulator's request count must not move. The same corpus drives Core's request classes directly in
# tests/EmbedAdmin.Core.Tests/BadInputTests.cs.
#
# A case names a cmdlet, its parameters (on the command line) and/or one CSV row (piped from Import-Csv), files to
# create first, and the error id. "{dir}" in a value or a row is the case's own folder. Cases for cmdlets the
# module does not export (yet) are left out at discovery; the count check below keeps the corpus from shrinking
# unnoticed.

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $exported = (Get-Command -Module EmbedAdmin).Name
    $corpus = Get-Content -LiteralPath (Join-Path $PSScriptRoot 'BadInput/corpus.json') -Raw | ConvertFrom-Json -AsHashtable
    $script:cases = @($corpus | Where-Object { $_.cmdlet -in $exported })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    Reset-TestEmulator $script:emulator
    Connect-TestEmulator $script:emulator

    # "{dir}" anywhere in a value (strings inside arrays and hashtables too) becomes the case's folder.
    function script:Expand-CaseValue($Value, [string] $Directory) {
        if ($Value -is [string]) { return $Value.Replace('{dir}', $Directory) }
        if ($Value -is [System.Collections.IDictionary]) {
            $copy = @{}
            foreach ($key in $Value.Keys) { $copy[$key] = Expand-CaseValue $Value[$key] $Directory }
            return $copy
        }
        if ($Value -is [System.Collections.IList]) { return , @($Value | ForEach-Object { Expand-CaseValue $_ $Directory }) }
        $Value
    }
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Bad input is refused with a specific error id and sends nothing' {
    It 'the corpus has at least 200 cases for the cmdlets present' {
        $exported = (Get-Command -Module EmbedAdmin).Name
        $corpus = Get-Content -LiteralPath (Join-Path $PSScriptRoot 'BadInput/corpus.json') -Raw | ConvertFrom-Json -AsHashtable
        @($corpus | Where-Object { $_.cmdlet -in $exported }).Count | Should -BeGreaterOrEqual 200
        @($corpus.id | Select-Object -Unique).Count | Should -Be $corpus.Count -Because 'case ids are unique'
    }

    It '<id>: <cmdlet> refuses it as <errorId>' -ForEach $script:cases {
        $directory = Join-Path $TestDrive ($id -replace '[^A-Za-z0-9]', '_')
        New-Item -ItemType Directory -Path $directory -Force | Out-Null
        if ($files) {
            foreach ($name in $files.Keys) { Set-Content -LiteralPath (Join-Path $directory $name) -Value $files[$name] -NoNewline }
        }

        $arguments = @{}
        if ($parameters) {
            foreach ($key in $parameters.Keys) { $arguments[$key] = Expand-CaseValue $parameters[$key] $directory }
        }
        $arguments.ErrorAction = 'SilentlyContinue'
        $arguments.ErrorVariable = 'caseErrors'

        $rows = $null
        if ($csv) {
            $csvPath = Join-Path $directory 'rows.csv'
            Set-Content -LiteralPath $csvPath -Value $csv.Replace('{dir}', $directory)
            $rows = @(Import-Csv -LiteralPath $csvPath)
        }

        $requestsBefore = Get-TestRequestCount $script:emulator
        $caught = @()
        $caseErrors = $null
        $output = $null
        try {
            $output = if ($rows) { $rows | & $cmdlet @arguments } else { & $cmdlet @arguments }
        }
        catch {
            # Refused while binding command-line values (or a terminating refusal): PowerShell throws.
            $caught = @($_)
        }

        # A thrown record can also land in -ErrorVariable; the same refusal counts once.
        $errors = @(@($caseErrors) + $caught | Where-Object { $_ } | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { $_ } else { $_.ErrorRecord } })
        $distinct = @($errors | Group-Object { "$($_.FullyQualifiedErrorId)|$($_.Exception.Message)" })
        $distinct.Count | Should -Be 1 -Because "one refusal per row; got: $($errors.FullyQualifiedErrorId -join '; ')"
        ($errors[0].FullyQualifiedErrorId -split ',')[0] | Should -Be $errorId -Because $errors[0].Exception.Message
        @($output).Where({ $null -ne $_ }).Count | Should -Be 0
        if ($rows) {
            # The row itself comes back as TargetObject, so failed rows can be exported, fixed and replayed.
            $target = $errors[0].TargetObject
            $target | Should -Not -BeNullOrEmpty
            foreach ($property in $rows[0].PSObject.Properties) {
                $target.($property.Name) | Should -Be $property.Value -Because "TargetObject.$($property.Name)"
            }
        }
        Get-TestRequestCount $script:emulator | Should -Be $requestsBefore -Because 'bad input must send nothing'
    }
}
