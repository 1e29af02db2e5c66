using System;
using System.Collections.Generic;
using System.Linq;

namespace EmbedAdmin.Core.Errors
{
    /// <summary>One broken input rule, named by the parameter and the API field it feeds.</summary>
    public sealed class ValidationProblem
    {
        public ValidationProblem(string errorId, string field, string rule)
        {
            ErrorId = errorId;
            Field = field;
            Rule = rule;
        }

        /// <summary>Stable identifier, e.g. "InvalidJoinModel"; scripts branch on it.</summary>
        public string ErrorId { get; }

        /// <summary>The parameter or column name, with the API field when they differ: "JoinModel (accessSettings.joinModel)".</summary>
        public string Field { get; }

        public string Rule { get; }

        public override string ToString() => $"{Field}: {Rule}";
    }

    /// <summary>Input that was rejected before anything was sent.</summary>
    public sealed class EmbedAdminValidationException : Exception
    {
        public EmbedAdminValidationException(IReadOnlyList<ValidationProblem> problems)
            : base(string.Join(" ", problems.Select(p => p.ToString())))
        {
            if (problems.Count == 0)
            {
                throw new ArgumentException("A validation exception needs at least one problem.", nameof(problems));
            }

            Problems = problems;
        }

        public EmbedAdminValidationException(string errorId, string field, string rule)
            : this(new[] { new ValidationProblem(errorId, field, rule) })
        {
        }

        public IReadOnlyList<ValidationProblem> Problems { get; }

        /// <summary>The first problem's id: a row with several problems is reported once, under the first.</summary>
        public string ErrorId => Problems[0].ErrorId;
    }
}
