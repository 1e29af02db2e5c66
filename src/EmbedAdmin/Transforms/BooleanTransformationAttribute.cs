using System;
using System.Management.Automation;
using EmbedAdmin.Base;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Transforms
{
    /// <summary>
    /// Lets a [bool?] parameter take what Import-Csv yields: "true"/"false", "yes"/"no", "1"/"0", and an empty
    /// cell as "not set". PowerShell's own binding rejects the string "False" for a bool.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class BooleanTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = PSValues.Unwrap(inputData);
            if (FieldValues.TryParseBoolean(value, out var result))
            {
                return result;
            }

            throw new ArgumentTransformationMetadataException($"{FieldValues.BooleanRule}; got {FieldValues.Describe(value)}.");
        }
    }
}
