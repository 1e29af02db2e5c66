BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Connect-EmbedAdmin' {
    AfterEach { Disconnect-EmbedAdmin }

    It 'makes a default session that shows only the last four characters of each key' {
        Connect-TestEmulator $script:emulator
        $session = Get-EmbedAdminSession
        $session.DataBrainApiKey | Should -Be '****4vW8'
        $session.DatadogApplicationKey | Should -Be '****6a0e'
        $shown = ($session | Format-List * | Out-String) + ($session | Out-String) + $session.ToString()
        $shown | Should -Not -Match '7Q2x9LkP'
        $shown | Should -Not -Match '1f4e9a7c'
    }

    It 'returns the session only with -PassThru' {
        Connect-TestEmulator $script:emulator | Should -BeNullOrEmpty
        $session = Connect-TestEmulator $script:emulator -PassThru
        $session.GetType().FullName | Should -Be 'EmbedAdmin.Core.Sessions.EmbedAdminSession'
        $session.DataBrainUri.ToString() | Should -Be "$($script:emulator.BaseUri)/"
    }

    It 'takes a key from a PSCredential' {
        $credential = [pscredential]::new('apikey', (ConvertTo-TestSecret (Get-TestDevKey DataApp)))
        Connect-EmbedAdmin -DataBrainApiKey $credential -DataBrainUri $script:emulator.BaseUri
        (Get-EmbedAdminSession).DataBrainApiKey | Should -Be '****4vW8'
        Reset-TestEmulator $script:emulator
        # embed_acme sends email reports in the seed: only an accepted key can turn them off.
        (Set-EmbedAccess -EmbedId embed_acme -AllowEmailReports false -PassThru).UpdatedFields | Should -Be @('isAllowEmailReports')
        (Get-TestEmbedAccess $script:emulator embed_acme).isAllowEmailReports | Should -BeFalse
    }

    It 'falls back to the environment variables' {
        $saved = $env:DATABRAIN_API_KEY, $env:DATABRAIN_URL
        try {
            $env:DATABRAIN_API_KEY = Get-TestDevKey DataApp
            $env:DATABRAIN_URL = $script:emulator.BaseUri
            Connect-EmbedAdmin
            (Get-EmbedAdminSession).DataBrainApiKey | Should -Be '****4vW8'
            (Get-EmbedAdminSession).DataBrainUri.ToString() | Should -Be "$($script:emulator.BaseUri)/"
        }
        finally {
            $env:DATABRAIN_API_KEY, $env:DATABRAIN_URL = $saved
        }
    }

    It 'refuses plain HTTP to a host that is not loopback, naming the rule' {
        { Connect-EmbedAdmin -DataBrainApiKey (ConvertTo-TestSecret 'dbn_live_x_12345678') -DataBrainUri 'http://databrain.example.com' } |
            Should -Throw -ErrorId 'InvalidConnectionSetting,EmbedAdmin.Commands.ConnectEmbedAdminCommand' -ExpectedMessage '*HTTPS is required*'
    }

    It 'rejects an unknown Datadog site and lists the real ones' {
        { Connect-EmbedAdmin -DatadogSite 'datadoghq.moon' } | Should -Throw -ExpectedMessage '*us5.datadoghq.com*'
    }

    It 'accepts each of the nine Datadog sites' -ForEach @(
        'datadoghq.com', 'us3.datadoghq.com', 'us5.datadoghq.com', 'ap1.datadoghq.com', 'ap2.datadoghq.com',
        'uk1.datadoghq.com', 'datadoghq.eu', 'ddog-gov.com', 'us2.ddog-gov.com') {
        $session = Connect-EmbedAdmin -DatadogSite $_ -PassThru -WarningAction SilentlyContinue
        $session.DatadogUri.ToString() | Should -Be "https://api.$_/"
    }

    It 'keeps keys out of the verbose stream' {
        $verbose = Connect-TestEmulator $script:emulator -Verbose 4>&1 | Out-String
        $verbose | Should -Match '\*\*\*\*4vW8'
        $verbose | Should -Not -Match '7Q2x9LkP'
    }

    It 'prepares the HTTP pipeline before the first command, without sending anything' {
        Reset-TestEmulator $script:emulator
        $session = Connect-TestEmulator $script:emulator -PassThru
        # Internal, read for this test only: whether the session's handler chain exists yet.
        $state = $session.GetType().GetProperty('PipelineState', [Reflection.BindingFlags] 'Instance,NonPublic')
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while (-not $state.GetValue($session).Item1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        $state.GetValue($session).Item1 | Should -BeTrue -Because 'the first bulk run should not wait for the pipeline to be built'
        Get-TestRequestCount $script:emulator | Should -Be 0
    }

    It 'lets -Session pick a session other than the default' {
        $good = Connect-TestEmulator $script:emulator -PassThru
        Connect-TestEmulator $script:emulator -Key 'dbn_live_wrong_key_00000000'
        Set-EmbedAccess -EmbedId embed_acme -AllowEmailReports true -ErrorAction SilentlyContinue -ErrorVariable bad
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
        Reset-TestEmulator $script:emulator
        (Set-EmbedAccess -EmbedId embed_acme -AllowEmailReports false -Session $good -PassThru).UpdatedFields | Should -Be @('isAllowEmailReports')
        (Get-TestEmbedAccess $script:emulator embed_acme).isAllowEmailReports | Should -BeFalse -Because 'the -Session key was used, not the default session''s wrong one'
    }
}

Describe 'Disconnect-EmbedAdmin' {
    It 'leaves no session, so API cmdlets stop with NoSession' {
        Connect-TestEmulator $script:emulator
        Disconnect-EmbedAdmin
        Get-EmbedAdminSession -ErrorAction SilentlyContinue -ErrorVariable missing | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'NoSession,*'
        { Set-EmbedAccess -EmbedId embed_acme -AllowEmailReports true } | Should -Throw -ErrorId 'NoSession,EmbedAdmin.Commands.SetEmbedAccessCommand'
    }
}
