using System;
using EmbedAdmin.Core.Errors;

namespace EmbedAdmin.Core.Http
{
    /// <summary>
    /// An id placed in a URL path. Every segment is percent-escaped (RFC 3986 §3.3), so '/', '?', '#' and '%' in an
    /// id stay inside its segment; "." and ".." cannot be escaped that way (they are unreserved characters), and
    /// RFC 3986 §5.2.4 removes them as dot-segments, so an id that is one would name another route: it is refused.
    /// </summary>
    public static class PathSegment
    {
        public const string InvalidIdentifierId = ErrorIds.InvalidIdentifier;

        /// <summary>The id escaped for one path segment.</summary>
        /// <exception cref="EmbedAdminValidationException">InvalidIdentifier: the id is empty, "." or "..".</exception>
        public static string Escape(string? id, string field)
        {
            var problem = Check(id, field);
            if (problem is not null)
            {
                throw new EmbedAdminValidationException(new[] { problem });
            }

            return Uri.EscapeDataString(id!);
        }

        /// <summary>Null when the id can stand as a path segment, else the InvalidIdentifier problem naming the field.</summary>
        public static ValidationProblem? Check(string? id, string field)
        {
            if (string.IsNullOrEmpty(id))
            {
                return new ValidationProblem(InvalidIdentifierId, field, "is empty; an empty path segment would name another route.");
            }

            if (id == "." || id == "..")
            {
                return new ValidationProblem(InvalidIdentifierId, field, $"'{id}' is a dot-segment, which URLs resolve away (RFC 3986 §5.2.4), so the request would name another object.");
            }

            return null;
        }
    }
}
