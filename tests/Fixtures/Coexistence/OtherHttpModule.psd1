@{
    ModuleVersion     = '1.0.0'
    GUID              = 'a3c51f0e-7d42-4c8b-9e11-5b0f6d2c9a77'
    Author            = 'EmbedAdmin tests'
    Description       = 'Test fixture: a module that loads other versions of Microsoft.Extensions.* and System.Text.Json.'
    RootModule        = 'OtherHttpModule.dll'
    CmdletsToExport   = @('Use-OtherHttpClient')
    FunctionsToExport = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
