using System;
using System.Management.Automation;

namespace EmbedAdmin.Transforms
{
    /// <summary>Accepts a PSCredential where a key is expected, taking its password, so Get-Credential and vault secrets both fit.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class SecretTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is PSCredential credential ? credential.Password : value;
        }
    }
}
