using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace EmbedAdmin
{
    /// <summary>
    /// On Windows PowerShell 5.1, which has no AssemblyLoadContext, the dependencies live in a dependencies/
    /// folder PowerShell does not probe, and this resolver hands them out only to EmbedAdmin's own assemblies.
    /// On PowerShell 7 the module already runs inside EmbedAdmin.Loader's private context, so it does nothing.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyFolder =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "dependencies");

        private static bool IsNetFramework => typeof(object).Assembly.GetName().Name == "mscorlib";

        public void OnImport()
        {
            if (IsNetFramework)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveDependency;
            }
        }

        public void OnRemove(PSModuleInfo module)
        {
            if (IsNetFramework)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveDependency;
            }
        }

        private static Assembly? ResolveDependency(object? sender, ResolveEventArgs args)
        {
            // Answer only our own assemblies' requests, so we never change what another module gets.
            var requester = args.RequestingAssembly?.GetName().Name;
            if (requester is null || !requester.StartsWith("EmbedAdmin", StringComparison.Ordinal) && !IsOurDependency(args.RequestingAssembly!))
            {
                return null;
            }

            var path = Path.Combine(DependencyFolder, new AssemblyName(args.Name).Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }

        private static bool IsOurDependency(Assembly assembly) =>
            !assembly.IsDynamic && string.Equals(Path.GetDirectoryName(assembly.Location), DependencyFolder, StringComparison.OrdinalIgnoreCase);
    }
}
