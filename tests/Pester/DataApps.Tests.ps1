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

    function Get-DataAppRecord([string] $Name) {
        (Get-TestEmulatorSnapshot $script:emulator).dataBrain.dataApps | Where-Object { $_.name -ceq $Name }
    }

    function ConvertFrom-TestSecret([securestring] $Secret) { [System.Net.NetworkCredential]::new('', $Secret).Password }
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Get-DataApp' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'lists every data app with its embeds and embed count' {
        $apps = Get-DataApp
        $apps.Name | Should -Be @('demo-app', 'other-app')
        $apps[0].GetType().FullName | Should -Be 'EmbedAdmin.Core.Models.DataApp'
        $apps[0].EmbedCount | Should -Be 13
        $apps[0].Embeds.Count | Should -Be 13
        $apps[0].Embeds[0].EmbedId | Should -Be 'embed_acme'
        $apps[1].Embeds.EmbedId | Should -Be @('embed_partner_north', 'embed_partner_south')
        $apps[0].CreatedAt | Should -Be ([datetimeoffset] '2026-01-05T09:00:00Z')
    }

    It 'filters by wildcard without regard to case, reading the list once for many names' {
        $count = Get-TestRequestCount $script:emulator
        (Get-DataApp -Name 'DEMO*').Name | Should -Be 'demo-app'
        ([pscustomobject]@{ Name = 'other*' }, [pscustomobject]@{ DataAppName = 'demo-app' } | Get-DataApp).Name | Should -Be @('other-app', 'demo-app')
        Get-TestRequestCount $script:emulator | Should -Be ($count + 2)
    }

    It 'reports a plain name that matches nothing as DataAppNotFound and still writes the others' {
        $found = Get-DataApp -Name 'demo-app', 'nope', 'zz*' -ErrorAction SilentlyContinue -ErrorVariable failed
        $found.Name | Should -Be 'demo-app'
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DataAppNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].Exception.Message | Should -Match "'nope'"
    }

    It 'says AuthenticationFailed with only a data-app key, which the data-app pages refuse' {
        Connect-TestEmulator $script:emulator
        { Get-DataApp -ErrorAction Stop } | Should -Throw -ErrorId 'AuthenticationFailed,EmbedAdmin.Commands.GetDataAppCommand'
    }

    It 'completes data app names from the session' {
        Get-TestCompletion 'Get-DataApp -Name de' | Should -Be @('demo-app')
        Get-TestCompletion 'New-DataAppApiToken -DataAppName oth' | Should -Be @('other-app')
    }
}

Describe 'New-DataApp' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'creates data apps from CSV rows and keeps going past a taken name' {
        $csv = Join-Path $TestDrive 'apps.csv'
        'Name', 'tenant-a', 'demo-app', 'tenant-b', '" "' | Set-Content -LiteralPath $csv
        $created = Import-Csv $csv | New-DataApp -PassThru -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $created.Name | Should -Be @('tenant-a', 'tenant-b')
        $failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @('DataAppAlreadyExists', 'MissingDataAppName')
        $failed[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failed[0].TargetObject.Name | Should -Be 'demo-app'
        (Get-DataAppRecord 'tenant-b').name | Should -Be 'tenant-b'
    }

    It 'sends nothing with -WhatIf' {
        $count = Get-TestMutationCount $script:emulator
        $text = Get-HostText { New-DataApp -Name tenant-c -WhatIf }
        $text | Should -Match "Create data app"
        $text | Should -Match "tenant-c"
        Get-TestMutationCount $script:emulator | Should -Be $count
        Get-DataAppRecord 'tenant-c' | Should -BeNullOrEmpty
    }
}

Describe 'Rename-DataApp' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'renames, keeping the embeds, and the objects say the previous name' {
        $renamed = Rename-DataApp -Name other-app -NewName partner-app -PassThru -Confirm:$false
        $renamed.Name | Should -Be 'partner-app'
        $renamed.PreviousName | Should -Be 'other-app'
        (Get-DataApp -Name partner-app).EmbedCount | Should -Be 2
        Get-DataAppRecord 'other-app' | Should -BeNullOrEmpty
    }

    It 'is a high-impact change whose prompt warns about guest-token callers' {
        (Get-Command Rename-DataApp).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        $text = Get-HostText { Rename-DataApp -Name other-app -NewName partner-app -WhatIf }
        $text | Should -Match "Guest-token requests that name data app 'other-app'"
        Get-DataAppRecord 'other-app' | Should -Not -BeNullOrEmpty
    }

    It 'maps DATA_APP_NOT_FOUND and DATA_APP_ALREADY_EXISTS, and refuses a same-name rename before sending' {
        $rows = @(
            [pscustomobject]@{ Name = 'no-such-app'; NewName = 'x' }
            [pscustomobject]@{ Name = 'demo-app'; updateName = 'other-app' }
            [pscustomobject]@{ Name = 'demo-app'; NewName = 'demo-app' }
            [pscustomobject]@{ Name = 'demo-app'; NewName = '' }
        )
        $count = Get-TestRequestCount $script:emulator
        $rows | Rename-DataApp -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @('DataAppNotFound', 'DataAppAlreadyExists', 'SameDataAppName', 'MissingNewName')
        $failed.TargetObject | Should -Be $rows
        # Only the first two reached the service.
        Get-TestRequestCount $script:emulator | Should -Be ($count + 2)
    }
}

Describe 'New-DataAppApiToken and Get-DataAppApiToken' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulatorWithServiceToken $script:emulator
    }

    It 'returns the new key as a SecureString that authenticates as the data app (key rotation)' {
        $streams = Invoke-TestStreams { New-DataAppApiToken -DataAppName demo-app -TokenName rotation-1 -Confirm:$false -Verbose }
        $token = $streams.Output[0]
        $token.GetType().FullName | Should -Be 'EmbedAdmin.Core.Models.DataAppApiToken'
        $token.Key | Should -BeOfType [securestring]
        $plain = ConvertFrom-TestSecret $token.Key
        $plain | Should -BeLike 'dbn_live_emu_*'
        $token.KeyHint | Should -Be ('****' + $plain.Substring($plain.Length - 4))
        @($streams.Verbose -match 'Key property').Count | Should -Be 1
        $streams.Warning | Should -BeNullOrEmpty -Because 'a normal run writes no warning (under -Debug it would be a prompt)'

        # Reconnect with the new key and read: the rotation example of the help.
        Connect-EmbedAdmin -DataBrainApiKey $token.Key -DataBrainUri $script:emulator.BaseUri
        (Get-Embed -ErrorAction Stop).Count | Should -Be 13
        $token.DataAppName | Should -Be 'demo-app'
    }

    It 'never shows the key in the views or as text' {
        $token = New-DataAppApiToken -DataAppName demo-app -TokenName rotation-2 -Confirm:$false
        $plain = ConvertFrom-TestSecret $token.Key
        $shown = ($token | Format-Table | Out-String) + ($token | Format-List | Out-String) + "$token" + ($token | ConvertTo-Csv | Out-String)
        $shown | Should -Not -Match ([regex]::Escape($plain.Substring(0, 16)))
        $shown | Should -Match ([regex]::Escape($token.KeyHint))
    }

    It 'lists tokens with names and times, keys only as **** and the last four' {
        $token = New-DataAppApiToken -DataAppName demo-app -TokenName rotation-3 -Confirm:$false
        $listed = Get-DataApp -Name demo-app | Get-DataAppApiToken
        $listed.Name | Should -Be @('default', 'rotation-3')
        $listed | ForEach-Object { $_.Key | Should -BeNullOrEmpty }
        $listed[0].KeyHint | Should -Be '****4vW8'
        $listed[1].KeyHint | Should -Be $token.KeyHint
        $listed[1].CreatedAt | Should -Not -BeNullOrEmpty
        (Get-DataAppApiToken demo-app -TokenName 'rot*').Name | Should -Be 'rotation-3'
    }

    It 'maps DATA_APP_NOT_FOUND, refuses empty names and unknown placeholders before sending' {
        $rows = @(
            [pscustomobject]@{ DataAppName = 'no-such-app'; TokenName = 'a' }
            [pscustomobject]@{ DataAppName = 'demo-app'; TokenName = '' }
            [pscustomobject]@{ DataAppName = ''; TokenName = 'b' }
            [pscustomobject]@{ DataAppName = 'demo-app'; TokenName = 'c'; SecretName = 'key-{Nope}' }
        )
        $count = Get-TestRequestCount $script:emulator
        $rows | New-DataAppApiToken -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } | Should -Be @('DataAppNotFound', 'MissingTokenName', 'MissingDataAppName', 'InvalidSecretName')
        $failed.TargetObject | Should -Be $rows
        Get-TestRequestCount $script:emulator | Should -Be ($count + 1)
        Get-DataAppApiToken -DataAppName no-such-app -ErrorAction SilentlyContinue -ErrorVariable listFailed
        $listFailed[0].FullyQualifiedErrorId | Should -BeLike 'DataAppNotFound,*'
    }

    It 'writes the token all the same when the vault cannot take the key, and says why' {
        $rows = 'vaulted', 'vaulted-2' | ForEach-Object { [pscustomobject]@{ DataAppName = 'demo-app'; TokenName = $_; Vault = 'NoSuchVault' } }
        $tokens = $rows | New-DataAppApiToken -ThrottleLimit 2 -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $token = $tokens[0]
        $token.Key | Should -BeOfType [securestring]
        $token.KeyNotice | Should -Match "NOT stored as secret 'DataAppApiToken-demo-app-vaulted' in vault 'NoSuchVault'"
        $tokens[1].KeyNotice | Should -Match "'DataAppApiToken-demo-app-vaulted-2'"
        $failed.Count | Should -Be 2
        $failed.TargetObject | Should -Be $rows
        $failed[0].FullyQualifiedErrorId.Split(',')[0] | Should -BeIn @('SecretManagementNotInstalled', 'SecretStoreFailed')
        $failed[0].Exception.Message | Should -Not -Match ([regex]::Escape((ConvertFrom-TestSecret $token.Key)))
    }

    It 'sends nothing with -WhatIf and names the secret it would store' {
        $count = Get-TestMutationCount $script:emulator
        $text = Get-HostText { New-DataAppApiToken -DataAppName demo-app -TokenName t -Vault Prod -SecretName 'db-{DataAppName}' -WhatIf }
        $text | Should -Match "store its key as secret 'db-demo-app'"
        Get-TestMutationCount $script:emulator | Should -Be $count
    }

    It 'says AuthenticationFailed with only a data-app key' {
        Connect-TestEmulator $script:emulator
        New-DataAppApiToken -DataAppName demo-app -TokenName t -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
    }
}
