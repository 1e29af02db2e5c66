using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace EmbedAdmin.Loader
{
    /// <summary>
    /// The private AssemblyLoadContext EmbedAdmin runs in on PowerShell 7. The cmdlet assembly, Core and the
    /// third-party dependencies (Microsoft.Extensions.*) load here, so another module's copies of those in the
    /// default context never meet ours, whichever module is imported first.
    /// </summary>
    public sealed class ModuleLoadContext : AssemblyLoadContext
    {
        private const string ModuleAssemblyName = "EmbedAdmin";
        private static readonly object Sync = new();
        private static ModuleLoadContext? instance;

        private readonly string moduleRoot;
        private readonly string dependencyFolder;
        private readonly Lazy<Dictionary<string, string>> runtimeAssemblies = new(ReadRuntimeAssemblies);

        private ModuleLoadContext(string moduleRoot)
            : base("EmbedAdmin", isCollectible: false)
        {
            this.moduleRoot = moduleRoot;
            dependencyFolder = Path.Combine(moduleRoot, "dependencies");
        }

        /// <summary>Loads EmbedAdmin.dll into the context (once per process) and returns it for Import-Module -Assembly.</summary>
        public static Assembly LoadModuleAssembly(string moduleRoot)
        {
            lock (Sync)
            {
                instance ??= new ModuleLoadContext(Path.GetFullPath(moduleRoot));
                return instance.LoadFromAssemblyName(new AssemblyName(ModuleAssemblyName));
            }
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var name = assemblyName.Name ?? string.Empty;
            var ownPath = Path.Combine(moduleRoot, name + ".dll");
            if (name.StartsWith(ModuleAssemblyName, StringComparison.Ordinal) && File.Exists(ownPath))
            {
                return LoadFromAssemblyPath(ownPath);
            }

            var dependencyPath = Path.Combine(dependencyFolder, name + ".dll");
            if (!File.Exists(dependencyPath) || RuntimeProvides(assemblyName))
            {
                // Returning null lets the default context answer: System.Management.Automation, the runtime,
                // and framework assemblies that the runtime carries at an equal or newer version.
                return null;
            }

            return LoadFromAssemblyPath(dependencyPath);
        }

        /// <summary>
        /// Framework assemblies (System.Text.Json and its kin) come from the runtime when it has them at the
        /// version asked for or newer: PowerShell 7.4+ carries System.Text.Json 8 or later in-box, and a second
        /// copy would split its types in two. Microsoft.Extensions.* always come from our folder, because another
        /// module may have put a different version in the default context (Az.Accounts and PnP.PowerShell did).
        /// </summary>
        private bool RuntimeProvides(AssemblyName requested)
        {
            var name = requested.Name ?? string.Empty;
            if (!(name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Bcl.", StringComparison.Ordinal)))
            {
                return false;
            }

            if (!runtimeAssemblies.Value.TryGetValue(name, out var path))
            {
                return false;
            }

            var available = AssemblyName.GetAssemblyName(path).Version;
            return requested.Version is null || (available is not null && available >= requested.Version);
        }

        private static Dictionary<string, string> ReadRuntimeAssemblies()
        {
            var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            return list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .GroupBy(Path.GetFileNameWithoutExtension, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(group => group.Key!, group => group.First(), StringComparer.OrdinalIgnoreCase);
        }
    }
}
