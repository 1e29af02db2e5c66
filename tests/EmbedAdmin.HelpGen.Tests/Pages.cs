namespace EmbedAdmin.HelpGen.Tests
{
    /// <summary>Small cmdlet pages in platyPS schema 2.0.0, one construct of each kind.</summary>
    internal static class Pages
    {
        public const string GetThing = """
            ---
            external help file: Demo.dll-Help.xml
            Module Name: Demo
            online version:
            schema: 2.0.0
            ---

            # Get-Thing

            ## SYNOPSIS
            Gets things.

            ## SYNTAX

            ```
            Get-Thing [-Name] <String> [-Force] [<CommonParameters>]
            ```

            ## DESCRIPTION
            The first paragraph
            goes on here.

            The second paragraph.

            ## EXAMPLES

            ### Example 1: Get one thing
            ```powershell
            Get-Thing -Name a
            # a comment, not a heading

            Get-Thing -Name b
            ```

            ```Output
            Name
            ----
            a
            ```

            The remark.

            ### Example 2: Force it
            ```powershell
            Get-Thing -Name a -Force
            ```

            Forced.

            ## PARAMETERS

            ### -Name
            The name.

            More about the name.

            ```yaml
            Type: String
            Parameter Sets: (All)
            Aliases: N, ThingName

            Required: True
            Position: 0
            Default value: None
            Accept pipeline input: True (ByPropertyName, ByValue)
            Accept wildcard characters: True
            ```

            ### -Force
            Forces it.

            ```yaml
            Type: SwitchParameter
            Parameter Sets: (All)
            Aliases:

            Required: False
            Position: Named
            Default value: False
            Accept pipeline input: False
            Accept wildcard characters: False
            ```

            ### CommonParameters
            This cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).

            ## INPUTS

            ### System.String
            A name.

            ## OUTPUTS

            ### Demo.Thing
            The thing.

            ### None
            Nothing, with -WhatIf.

            ## NOTES
            Error ids:
            - NotFound: there is no
              such thing.
            - Denied: not yours.

            ## RELATED LINKS

            [Set-Thing](Set-Thing.md)

            [Online docs](https://example.com/get-thing)
            """;

        /// <summary>A page with everything cut down to what one test needs; <paramref name="sections"/> follows the front matter and title.</summary>
        public static string Page(string name, string sections) => $"""
            ---
            external help file: Demo.dll-Help.xml
            Module Name: Demo
            online version:
            schema: 2.0.0
            ---

            # {name}

            {sections}
            """;
    }
}
