@{
    # The one place the version lives: Directory.Build.props reads it into every assembly, and build.ps1
    # copies this manifest unchanged into out/EmbedAdmin/<version>/.
    ModuleVersion          = '0.1.0'
    RootModule             = 'EmbedAdmin.psm1'
    GUID                   = '6f3c2a8e-4b1d-4e7a-9c55-2f0d8e1b7a41'
    Author                 = 'EmbedAdmin contributors'
    CompanyName            = 'EmbedAdmin'
    Copyright              = '(c) EmbedAdmin contributors. MIT License.'
    Description            = 'Administers embedded-analytics configuration: DataBrain embeds, access settings, workspaces, datamarts, datasources, data apps, API tokens, dashboards and guest tokens, and Datadog dashboard secure embeds. Built for CSV-driven bulk edits.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('EmbedAdmin.Format.ps1xml')
    FunctionsToExport      = @()
    CmdletsToExport        = @(
        'Connect-EmbedAdmin'
        'Disconnect-EmbedAdmin'
        'Export-Dashboard'
        'Export-Embed'
        'Get-DataApp'
        'Get-DataAppApiToken'
        'Get-Datamart'
        'Get-Datasource'
        'Get-Embed'
        'Get-EmbedAdminSession'
        'Get-SecureEmbed'
        'Get-Workspace'
        'Import-Dashboard'
        'New-DashboardEmbed'
        'New-DataApp'
        'New-DataAppApiToken'
        'New-Datamart'
        'New-Datasource'
        'New-Embed'
        'New-GuestToken'
        'New-SecureEmbed'
        'New-Workspace'
        'Remove-Datamart'
        'Remove-Datasource'
        'Remove-Embed'
        'Remove-SecureEmbed'
        'Rename-DataApp'
        'Restore-Datamart'
        'Set-Datasource'
        'Set-EmbedAccess'
        'Set-SecureEmbed'
        'Sync-Datasource'
        'Update-Datamart'
        'Update-Workspace'
    )
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('DataBrain', 'Datadog', 'Embedded', 'Analytics', 'Embed', 'Dashboard', 'Bulk', 'PSEdition_Core', 'PSEdition_Desktop')
            LicenseUri   = 'https://github.com/embedadmin/EmbedAdmin/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/embedadmin/EmbedAdmin'
            ReleaseNotes = 'See CHANGELOG.md in the package.'
        }
    }
}
