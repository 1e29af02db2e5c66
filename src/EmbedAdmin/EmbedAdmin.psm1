# Loads the compiled module so that its dependencies cannot collide with other modules' copies.
# PowerShell 7: EmbedAdmin.Loader puts EmbedAdmin.dll, EmbedAdmin.Core.dll and dependencies/ in a private
# AssemblyLoadContext. Windows PowerShell 5.1: EmbedAdmin.dll resolves dependencies/ itself (ModuleInitializer).

$importModule = Get-Command -Name Import-Module -Module Microsoft.PowerShell.Core
$cmdletAssemblyPath = [System.IO.Path]::Combine($PSScriptRoot, 'EmbedAdmin.dll')

# Removing this module (Import-Module -Force, Remove-Module) leaves the inner binary module in the module
# table, and importing the same assembly again would then add no cmdlets; clear it first.
Get-Module -All | Where-Object Path -EQ $cmdletAssemblyPath | Remove-Module -Force

if ($PSEdition -eq 'Core') {
    if (-not ('EmbedAdmin.Loader.ModuleLoadContext' -as [type])) {
        Add-Type -Path ([System.IO.Path]::Combine($PSScriptRoot, 'EmbedAdmin.Loader.dll'))
    }
    $moduleAssembly = [EmbedAdmin.Loader.ModuleLoadContext]::LoadModuleAssembly($PSScriptRoot)
    & $importModule -Assembly $moduleAssembly -Force
}
else {
    & $importModule -Name $cmdletAssemblyPath -Force
}

# The manifest's explicit CmdletsToExport decides what is public; '*' only passes the nested cmdlets up to it.
Export-ModuleMember -Cmdlet *
