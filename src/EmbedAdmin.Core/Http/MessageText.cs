using System.Globalization;

namespace EmbedAdmin.Core.Http
{
    /// <summary>Text from a service, cut to a size a console can show: an error page of megabytes helps nobody.</summary>
    public static class MessageText
    {
        public const int MaximumLength = 4096;

        /// <summary>The text itself when short enough, else its first <see cref="MaximumLength"/> characters and how many were left out.</summary>
        public static string Cut(string? text)
        {
            if (text is null || text.Length <= MaximumLength)
            {
                return text ?? string.Empty;
            }

            return text.Substring(0, MaximumLength) + string.Format(CultureInfo.InvariantCulture, "… ({0} more characters not shown)", text.Length - MaximumLength);
        }
    }
}
