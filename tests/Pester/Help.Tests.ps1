# Help as a person reads it: Get-Help -Examples and -Full show each example's code as code, the way PowerShell's own
# cmdlets' help does, with no Markdown fences and no control characters (PlatyPS 1.0.3's MAML had both).

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:commands = @((Get-Command -Module EmbedAdmin -CommandType Cmdlet).Name | Sort-Object)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    # C0 and C1 control characters other than tab, line feed and carriage return.
    $script:controlCharacter = '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]'
}

Describe 'Get-Help' {
    It '<_> -Examples shows the code of every example, without Markdown fences or control characters' -ForEach $script:commands {
        $help = Get-Help $_ -Examples
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterThan 0 -Because "$_ has examples in docs/"
        $text = $help | Out-String -Width 4096

        foreach ($example in $examples) {
            $code = "$($example.code)".Trim()
            $code | Should -Not -BeNullOrEmpty -Because "$($example.title.Trim('- ')) has code"
            $code | Should -Not -Match '```'
            # The code is printed as it is: its first line starts a line of the text.
            $text | Should -Match ('(?m)^\s*' + [regex]::Escape(($code -split '\r?\n')[0].TrimEnd()) + '\s*$')
        }
        $text | Should -Not -Match '```'
        $text | Should -Not -Match $script:controlCharacter
    }

    It '<_> -Full has no Markdown fences or control characters' -ForEach $script:commands {
        $text = Get-Help $_ -Full | Out-String -Width 4096

        $text | Should -Match 'EXAMPLE|Example'
        $text | Should -Not -Match '```'
        $text | Should -Not -Match $script:controlCharacter
    }
}
