using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace EmbedAdmin.Contract.Tests
{
    public sealed record ParameterContract(
        string Name,
        string TypeName,
        IReadOnlyList<string> Aliases,
        bool Mandatory,
        bool ByPropertyName,
        bool ByValue,
        bool DontShow,
        string? Completer = null);

    public sealed record CmdletContract(
        string ClassName,
        string Verb,
        string Noun,
        bool SupportsShouldProcess,
        string ConfirmImpact,
        IReadOnlyList<string> BaseTypes,
        IReadOnlyList<string> OutputTypes,
        IReadOnlyList<ParameterContract> Parameters)
    {
        public string Name => Verb + "-" + Noun;
    }

    /// <summary>
    /// Reads cmdlet declarations from an assembly as metadata only. PowerShellStandard's
    /// System.Management.Automation cannot run, so the cmdlet assembly is never loaded for execution.
    /// </summary>
    public static class CmdletMetadata
    {
        public static string TestOutput => AppContext.BaseDirectory;

        public static string ReferenceSmaPath => Path.Combine(TestOutput, "System.Management.Automation.dll");

        public static IReadOnlyList<CmdletContract> Read(string assemblyPath, out IReadOnlyList<string> approvedVerbs)
        {
            var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
                .Where(p => !Path.GetFileName(p).Equals("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase))
                .Concat(Directory.GetFiles(Path.GetDirectoryName(assemblyPath)!, "*.dll"))
                .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.First())
                .Where(p => !Path.GetFileName(p).Equals("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase))
                .Append(ReferenceSmaPath);
            using var context = new MetadataLoadContext(new PathAssemblyResolver(paths), "netstandard");
            var assembly = context.LoadFromAssemblyPath(assemblyPath);
            var sma = context.LoadFromAssemblyPath(ReferenceSmaPath);
            approvedVerbs = sma.GetTypes()
                .Where(t => t.Namespace == "System.Management.Automation" && t.Name.StartsWith("Verbs", StringComparison.Ordinal))
                .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
                .Where(f => f.IsLiteral)
                .Select(f => (string)f.GetRawConstantValue()!)
                .ToList();

            var result = new List<CmdletContract>();
            foreach (var type in assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract))
            {
                var cmdlet = type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute");
                if (cmdlet is null)
                {
                    continue;
                }

                result.Add(new CmdletContract(
                    type.Name,
                    (string)cmdlet.ConstructorArguments[0].Value!,
                    (string)cmdlet.ConstructorArguments[1].Value!,
                    Named(cmdlet, "SupportsShouldProcess") is true,
                    ImpactName(Named(cmdlet, "ConfirmImpact")),
                    BaseTypes(type),
                    type.GetCustomAttributesData()
                        .Where(a => a.AttributeType.Name == "OutputTypeAttribute")
                        .SelectMany(a => a.ConstructorArguments)
                        .SelectMany(Flatten)
                        .Select(v => v is Type t ? t.FullName! : v?.ToString() ?? string.Empty)
                        .ToList(),
                    ReadParameters(type)));
            }

            return result;
        }

        private static IReadOnlyList<ParameterContract> ReadParameters(Type type)
        {
            var parameters = new List<ParameterContract>();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var attributes = property.GetCustomAttributesData();
                var parameter = attributes.Where(a => a.AttributeType.Name == "ParameterAttribute").ToList();
                if (parameter.Count == 0)
                {
                    continue;
                }

                var aliases = attributes.Where(a => a.AttributeType.Name == "AliasAttribute")
                    .SelectMany(a => a.ConstructorArguments.SelectMany(Flatten))
                    .Select(v => (string)v!)
                    .ToList();
                parameters.Add(new ParameterContract(
                    property.Name,
                    property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition().FullName == "System.Nullable`1"
                        ? property.PropertyType.GetGenericArguments()[0].Name + "?"
                        : property.PropertyType.Name,
                    aliases,
                    parameter.Any(p => Named(p, "Mandatory") is true),
                    parameter.Any(p => Named(p, "ValueFromPipelineByPropertyName") is true),
                    parameter.Any(p => Named(p, "ValueFromPipeline") is true),
                    parameter.Any(p => Named(p, "DontShow") is true),
                    attributes.Where(a => a.AttributeType.Name == "ArgumentCompleterAttribute")
                        .SelectMany(a => a.ConstructorArguments)
                        .Select(a => a.Value)
                        .OfType<Type>()
                        .Select(t => t.FullName)
                        .FirstOrDefault()));
            }

            return parameters;
        }

        private static object? Named(CustomAttributeData attribute, string name) =>
            attribute.NamedArguments.Where(n => n.MemberName == name).Select(n => n.TypedValue.Value).FirstOrDefault();

        // ConfirmImpact is stored as its underlying int: None 0, Low 1, Medium 2, High 3.
        private static string ImpactName(object? value) => value switch
        {
            null => "Medium",
            int i => i switch { 0 => "None", 1 => "Low", 2 => "Medium", 3 => "High", _ => i.ToString() },
            _ => value.ToString()!,
        };

        private static IEnumerable<object?> Flatten(CustomAttributeTypedArgument argument) =>
            argument.Value is IReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : new[] { argument.Value };

        private static IReadOnlyList<string> BaseTypes(Type type)
        {
            var names = new List<string>();
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                names.Add(current.FullName ?? current.Name);
            }

            return names;
        }
    }
}
