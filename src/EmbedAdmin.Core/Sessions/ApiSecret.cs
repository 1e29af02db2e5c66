using System;
using System.Runtime.InteropServices;
using System.Security;

namespace EmbedAdmin.Core.Sessions
{
    /// <summary>
    /// A key or token held as a SecureString. Only the last four characters are kept in the clear, for display;
    /// the whole value is revealed only to the handler that writes the request header.
    /// </summary>
    public sealed class ApiSecret : IDisposable
    {
        private const int HintLength = 4;
        private readonly SecureString value;

        private ApiSecret(SecureString value, string lastCharacters)
        {
            this.value = value;
            this.value.MakeReadOnly();
            Hint = "****" + lastCharacters;
            Length = value.Length;
        }

        /// <summary>"****" and the last four characters: enough to tell keys apart, too little to use one.</summary>
        public string Hint { get; }

        public int Length { get; }

        public static ApiSecret FromPlainText(string plainText)
        {
            if (string.IsNullOrEmpty(plainText))
            {
                throw new ArgumentException("A key cannot be empty.", nameof(plainText));
            }

            var secure = new SecureString();
            foreach (var c in plainText)
            {
                secure.AppendChar(c);
            }

            return new ApiSecret(secure, LastCharacters(plainText));
        }

        public static ApiSecret FromSecureString(SecureString secureString)
        {
            if (secureString is null || secureString.Length == 0)
            {
                throw new ArgumentException("A key cannot be empty.", nameof(secureString));
            }

            var plain = RevealSecureString(secureString);
            return FromPlainText(plain);
        }

        public override string ToString() => Hint;

        public void Dispose() => value.Dispose();

        /// <summary>The clear text, for the Authorization handler only.</summary>
        internal string Reveal() => RevealSecureString(value);

        private static string LastCharacters(string plainText) =>
            plainText.Length <= HintLength * 2
                ? string.Empty // a key this short would be half shown; show nothing of it
                : plainText.Substring(plainText.Length - HintLength);

        private static string RevealSecureString(SecureString secure)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return Marshal.PtrToStringUni(pointer) ?? string.Empty;
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }
    }
}
