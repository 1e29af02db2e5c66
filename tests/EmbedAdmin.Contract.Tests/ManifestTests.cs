using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace EmbedAdmin.Contract.Tests
{
    public class ManifestTests
    {
        [Fact]
        public void TheManifestSupportsBothEditionsFromWindowsPowerShell51()
        {
            Assert.Equal(new[] { "Desktop", "Core" }, Repository.ManifestList("CompatiblePSEditions"));
            Assert.Equal("5.1", Repository.ManifestValue("PowerShellVersion"));
        }

        [Fact]
        public void TheRootModuleAndFormatFilesExist()
        {
            Assert.Equal("EmbedAdmin.psm1", Repository.ManifestValue("RootModule"));
            Assert.True(File.Exists(Path.Combine(Repository.Root, "src", "EmbedAdmin", "EmbedAdmin.psm1")));
            foreach (var format in Repository.ManifestList("FormatsToProcess"))
            {
                var path = Path.Combine(Repository.Root, "src", "EmbedAdmin", format);
                Assert.True(File.Exists(path), format + " is listed in FormatsToProcess but missing");
                Assert.Equal("Configuration", XDocument.Load(path).Root!.Name.LocalName);
            }
        }

        [Fact]
        public void TheAssemblyVersionIsStampedFromTheManifest()
        {
            var manifestVersion = Repository.ManifestValue("ModuleVersion");
            var assemblyVersion = AssemblyName.GetAssemblyName(Path.Combine(CmdletMetadata.TestOutput, "EmbedAdmin.dll")).Version!;

            Assert.Equal(manifestVersion + ".0", assemblyVersion.ToString());
        }

        [Fact]
        public void TheManifestNamesNoAssemblyPowerShellWouldLoadOutsideTheModulesOwnContext()
        {
            // A RequiredAssemblies or NestedModules entry for the DLLs would load them into the default context
            // before the psm1 can set up the private one.
            Assert.DoesNotContain("RequiredAssemblies", Repository.Manifest);
            Assert.DoesNotContain("NestedModules", Repository.Manifest);
        }

        [Fact]
        public void TheManifestCarriesPackageMetadata()
        {
            foreach (var key in new[] { "LicenseUri", "ProjectUri", "ReleaseNotes" })
            {
                Assert.False(string.IsNullOrWhiteSpace(Repository.ManifestValue(key)), key + " is missing");
            }

            Assert.Contains("DataBrain", Repository.ManifestList("Tags"));
        }
    }
}
