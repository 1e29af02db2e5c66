namespace EmbedAdmin.Core.Errors
{
    public enum ApiService
    {
        DataBrain,
        Datadog,
    }
}
