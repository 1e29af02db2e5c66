BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:emulator = Start-TestEmulator
    $script:commands = Get-Command -Module EmbedAdmin
}

AfterAll {
    Disconnect-EmbedAdmin
    Stop-TestEmulator $script:emulator
}

Describe 'What a person sees at the prompt' {
    BeforeEach {
        Reset-TestEmulator $script:emulator
        Connect-TestEmulator $script:emulator
    }

    Context 'help' {
        It 'Get-Help -Full gives <_> a synopsis, every parameter and at least two examples' -ForEach (Get-Command -Module EmbedAdmin).Name {
            $help = Get-Help $_ -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty
            $help.Synopsis | Should -Not -Match '^\s*\r?\n'
            @($help.examples.example).Count | Should -BeGreaterOrEqual 2
            $documented = @($help.parameters.parameter.name)
            foreach ($parameter in (Get-Command $_).Parameters.Values | Where-Object { $_.Name -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_.Name -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters -and -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }) }) {
                $documented | Should -Contain $parameter.Name -Because "-$($parameter.Name) of $_ needs help"
            }
        }

        It 'has the about topic' {
            $about = Get-Help about_EmbedAdmin | Out-String
            $about | Should -Match 'SHORT DESCRIPTION'
            $about | Should -Match 'Connect-EmbedAdmin'
        }
    }

    Context 'views' {
        It 'has a table and a list view for every type a cmdlet declares' {
            $types = $script:commands.OutputType.Type | Where-Object { $_ -and $_ -ne [string] } | Sort-Object FullName -Unique
            $types.Count | Should -BeGreaterThan 3
            foreach ($type in $types) {
                $controls = (Get-FormatData -TypeName $type.FullName).FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name }
                $controls | Should -Contain 'TableControl' -Because "$($type.FullName) needs a table view"
                $controls | Should -Contain 'ListControl' -Because "$($type.FullName) needs a list view"
            }
        }

        It 'Format-Table uses the view: a few chosen columns, not every property' {
            $table = Get-Embed -EmbedId embed_acme | Format-Table | Out-String
            $table | Should -Match 'EmbedId\s+Name\s+EmbedType\s+DashboardId\s+DataAppName'
            $table | Should -Not -Match 'CreatedAt|AccessError'
            $access = Set-EmbedAccess -EmbedId embed_acme -AllowAiPilot true -PassThru | Format-Table | Out-String
            $access | Should -Match 'EmbedId\s+DatamartName\s+JoinModel\s+MetricCreationMode\s+UpdatedFields'
        }

        It 'shows a guest token as (SecureString), never as text' {
            $token = New-GuestToken -ClientId acme-1 -DataAppName demo-app
            $shown = ($token | Format-Table | Out-String) + ($token | Format-List | Out-String)
            $shown | Should -Match '\(SecureString\)'
            $plain = [System.Net.NetworkCredential]::new('', $token.Token).Password
            $shown | Should -Not -Match ([regex]::Escape($plain))
        }
    }

    Context 'tab completion' {
        It 'completes embed ids from the service' {
            $line = 'Set-EmbedAccess -EmbedId embed_a'
            (Get-TestCompletion $line) | Should -Be @('embed_acme')
        }

        It 'completes embed names, quoting those with spaces' {
            $line = 'Get-Embed -Name Acme'
            (Get-TestCompletion $line) | Should -Contain "'Acme Corp analytics'"
        }

        It 'completes workspace names and dashboard ids' {
            # Workspaces are listed with the service token (the newest docs); the emulator enforces it.
            Connect-TestEmulatorWithServiceToken $script:emulator
            $line = 'New-Embed -DashboardId sales-overview -WorkspaceName Sal'
            (Get-TestCompletion $line) | Should -Contain "'Sales Analytics'"
            $line = 'New-DashboardEmbed -TemplateDashboardId template'
            (Get-TestCompletion $line) | Should -Contain 'template-dashboard-001'
        }

        It 'completes datamart names wherever a datamart is named' {
            Connect-TestEmulatorWithServiceToken $script:emulator
            foreach ($line in 'Set-EmbedAccess -DatamartName cust', 'Update-Datamart -Name cust', 'Update-Workspace -Name x -DatamartName cust') {
                (Get-TestCompletion $line) | Should -Be @('customer-analytics') -Because $line
            }
        }

        It 'completes enum values and Datadog sites' {
            $line = 'Connect-EmbedAdmin -DatadogSite us'
            (Get-TestCompletion $line) | Should -Be @('us3.datadoghq.com', 'us5.datadoghq.com', 'us2.ddog-gov.com')
        }

        It 'gives up quickly on a slow service instead of holding the prompt, and never throws' {
            Connect-TestEmulator $script:emulator
            Invoke-RestMethod -Method Put -Uri "$($script:emulator.BaseUri)/_emulator/faults" -ContentType 'application/json' -Body '{"latencyMs":3000,"seed":1}' | Out-Null
            $line = 'Remove-Embed -EmbedId emb'
            $elapsed = Measure-Command { $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length }
            $result.CompletionMatches.Count | Should -Be 0
            $elapsed.TotalMilliseconds | Should -BeLessThan 2500 -Because 'the completer waits 150 ms, far less than the 3 s the service takes'
            Disconnect-EmbedAdmin
            { TabExpansion2 -inputScript $line -cursorColumn $line.Length } | Should -Not -Throw
        }
    }

    Context 'package' {
        It 'builds a package that installs from a local repository with its metadata' {
            # Published from the module under test into a repository of this test's own, as build.ps1 Package
            # does, so a package left in out/packages by an earlier build can never be what is checked.
            $repository = Join-Path $TestDrive 'repo'
            New-Item -ItemType Directory -Path $repository | Out-Null
            $name = "EmbedAdminPester$(Get-Random)"
            Register-PSResourceRepository -Name $name -Uri $repository -Trusted
            try {
                Publish-PSResource -Path (Split-Path (Get-TestModulePath)) -Repository $name
                (Get-ChildItem $repository -Filter 'EmbedAdmin.*.nupkg').Count | Should -Be 1
                $found = Find-PSResource -Name EmbedAdmin -Repository $name
                $found.Tags | Should -Contain 'DataBrain'
                "$($found.ProjectUri)" | Should -Match 'github.com'
                $found.ReleaseNotes | Should -Not -BeNullOrEmpty
                $target = Join-Path $TestDrive 'installed'
                New-Item -ItemType Directory -Path $target | Out-Null
                Save-PSResource -Name EmbedAdmin -Repository $name -Path $target -TrustRepository
                $manifest = Get-ChildItem $target -Recurse -Filter 'EmbedAdmin.psd1' | Select-Object -First 1
                Test-Path (Join-Path $manifest.Directory 'LICENSE') | Should -BeTrue
                Test-Path (Join-Path $manifest.Directory 'en-US/EmbedAdmin.dll-Help.xml') | Should -BeTrue
                $commands = Invoke-TestPwsh "Import-Module '$($manifest.FullName)'; (Get-Command -Module EmbedAdmin).Count"
                [int]$commands | Should -Be $script:commands.Count
            }
            finally {
                Unregister-PSResourceRepository -Name $name
            }
        }
    }
}
