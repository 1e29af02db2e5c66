namespace EmbedAdmin.Emulator;

/// <summary>
/// Development credentials baked into the demo seed. They are public on purpose, which is why the
/// emulator binds loopback only unless told otherwise.
/// </summary>
public static class DevKeys
{
    /// <summary>DataBrain data-app API key of data app "demo-app".</summary>
    public const string DemoAppApiKey = "dbn_live_emu_demoapp_7Q2x9LkP4vW8";

    /// <summary>DataBrain data-app API key of data app "other-app", whose embeds demo-app may not touch.</summary>
    public const string OtherAppApiKey = "dbn_live_emu_otherapp_3Hs6Yt1Rm0Zq";

    /// <summary>DataBrain organisation-level service token.</summary>
    public const string ServiceToken = "dbn_svc_emu_org_5Nc8Wd2Jf7Bx";

    /// <summary>Datadog API key (DD-API-KEY header).</summary>
    public const string DatadogApiKey = "dd_api_emu_1f4e9a7c2b8d6e30";

    /// <summary>Datadog application key (DD-APPLICATION-KEY header).</summary>
    public const string DatadogApplicationKey = "dd_app_emu_9c3b7e1a5f2d8c4b6a0e";

    /// <summary>Name of the data app that owns <see cref="DemoAppApiKey"/>.</summary>
    public const string DemoAppName = "demo-app";

    /// <summary>Name of the data app that owns <see cref="OtherAppApiKey"/>.</summary>
    public const string OtherAppName = "other-app";
}
