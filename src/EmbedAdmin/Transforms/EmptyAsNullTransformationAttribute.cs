using System;
using System.Management.Automation;
using EmbedAdmin.Core.Requests;

namespace EmbedAdmin.Transforms
{
    /// <summary>
    /// An empty CSV cell for a typed parameter (a TimeSpan, say) means "not set"; without this PowerShell would
    /// fail to convert "" and reject the whole row.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class EmptyAsNullTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return FieldValues.IsUnset(value) ? null : inputData;
        }
    }
}
