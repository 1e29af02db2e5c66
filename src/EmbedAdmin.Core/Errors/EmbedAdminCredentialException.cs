using System;

namespace EmbedAdmin.Core.Errors
{
    /// <summary>A credential an endpoint needs was not given; raised before anything is sent.</summary>
    public sealed class EmbedAdminCredentialException : Exception
    {
        public EmbedAdminCredentialException(string message)
            : base(message)
        {
        }
    }
}
