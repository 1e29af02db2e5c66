namespace EmbedAdmin.Core.Http
{
    /// <summary>
    /// Where the HTTP pipeline reports what it does. Workers call it from any thread; the cmdlet's
    /// implementation only queues, and the pipeline thread writes the messages to -Verbose and -Debug.
    /// </summary>
    public interface IRequestLog
    {
        bool VerboseEnabled { get; }

        bool DebugEnabled { get; }

        void Verbose(string message);

        void Debug(string message);
    }

    public sealed class NullRequestLog : IRequestLog
    {
        public static NullRequestLog Instance { get; } = new NullRequestLog();

        public bool VerboseEnabled => false;

        public bool DebugEnabled => false;

        public void Verbose(string message)
        {
        }

        public void Debug(string message)
        {
        }
    }
}
