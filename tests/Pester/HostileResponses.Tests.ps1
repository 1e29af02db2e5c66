BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    $script:key = ConvertTo-TestSecret (Get-TestDevKey DataApp)
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'Answers no service should give' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Set-TestEmulatorFaults $script:emulator
    }

    AfterEach {
        Set-TestEmulatorFaults $script:emulator
    }

    It 'Get-Embed fails with ResponseTooLarge on an answer beyond -MaximumResponseSize, and returns nothing' {
        Connect-EmbedAdmin -DataBrainApiKey $script:key -DataBrainUri $script:emulator.BaseUri -MaximumResponseSize 1MB
        Set-TestEmulatorFaults $script:emulator @{ script = @('huge-body'); hugeBodyBytes = 8MB }

        $embeds = @(Get-Embed -ErrorVariable failures -ErrorAction SilentlyContinue)

        $embeds.Count | Should -Be 0
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ResponseTooLarge,*'
        $failures[0].Exception.Message | Should -Match '1048576 bytes'
    }

    It 'Get-Embed fails on an answer cut short, never returning an empty list' {
        Connect-EmbedAdmin -DataBrainApiKey $script:key -DataBrainUri $script:emulator.BaseUri -MaximumRetryCount 0
        Set-TestEmulatorFaults $script:emulator @{ script = @('truncated-body') }

        $embeds = @(Get-Embed -ErrorVariable failures -ErrorAction SilentlyContinue)

        $embeds.Count | Should -Be 0
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ConnectionFailed,*'
    }

    It 'Get-Embed -Debug still times out on a body that stalls after its headers' {
        Connect-EmbedAdmin -DataBrainApiKey $script:key -DataBrainUri $script:emulator.BaseUri -MaximumRetryCount 0 -TimeoutSec 1
        Set-TestEmulatorFaults $script:emulator @{ script = @('stall-body') }

        $embeds = @(Get-Embed -Debug -ErrorVariable failures -ErrorAction SilentlyContinue 5>$null)

        $embeds.Count | Should -Be 0
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'RequestTimeout,*'
    }
}

Describe 'Connect-EmbedAdmin keeps keys off the wire in clear' {
    It 'refuses a user name and password in -Proxy, without repeating them' {
        { Connect-EmbedAdmin -DataBrainApiKey $script:key -DataBrainUri 'https://databrain.example.com' -Proxy 'http://admin:Hunter2Secret@proxy.example.com:3128' } |
            Should -Throw -ErrorId 'InvalidConnectionSetting,*' -ExpectedMessage '*user:password@*'
        try { Connect-EmbedAdmin -DataBrainApiKey $script:key -DataBrainUri 'https://databrain.example.com' -Proxy 'http://admin:Hunter2Secret@proxy.example.com:3128' } catch { $message = $_.Exception.Message }
        $message | Should -Not -Match 'Hunter2Secret'
    }

    It 'refuses plain http to loopback through a proxy elsewhere' {
        { Connect-EmbedAdmin -DataBrainApiKey $script:key -DataBrainUri $script:emulator.BaseUri -Proxy 'http://proxy.example.com:3128' } |
            Should -Throw -ErrorId 'InvalidConnectionSetting,*' -ExpectedMessage '*unencrypted*'
    }

    It 'takes -MaximumRetryWaitSec and shows it on the session' {
        $session = Connect-EmbedAdmin -DataBrainApiKey $script:key -DataBrainUri $script:emulator.BaseUri -MaximumRetryWaitSec 600 -PassThru

        $session.MaximumRetryWait | Should -Be ([timespan]::FromMinutes(10))
        $session.MaximumResponseSize | Should -Be 64MB
    }
}
