using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OtherHttpModule
{
    /// <summary>
    /// Uses the module's own Microsoft.Extensions.* and System.Text.Json the way a real module would (a DI
    /// container with IHttpClientFactory, a serializer call, optionally one GET) and reports which copies it got.
    /// </summary>
    [Cmdlet(VerbsOther.Use, "OtherHttpClient")]
    [OutputType(typeof(PSObject))]
    public sealed class UseOtherHttpClientCommand : PSCmdlet
    {
        /// <summary>A URL to GET through the factory's client, proving the HTTP stack works, not just loads.</summary>
        [Parameter]
        public Uri? Uri { get; set; }

        protected override void ProcessRecord()
        {
            var services = new ServiceCollection();
            services.AddHttpClient("other", client => client.Timeout = TimeSpan.FromSeconds(20));
            services.Configure<OtherOptions>(options => options.Name = "other-module");
            using var provider = services.BuildServiceProvider();
            var factory = provider.GetRequiredService<IHttpClientFactory>();
            var options = provider.GetRequiredService<IOptions<OtherOptions>>().Value;

            int? status = null;
            if (Uri is not null)
            {
                using var client = factory.CreateClient("other");
                // A cmdlet has no async entry point; the task runs on the pool, so waiting here cannot deadlock.
                using var response = client.GetAsync(Uri).GetAwaiter().GetResult();
                status = (int)response.StatusCode;
            }

            var json = JsonSerializer.Serialize(new Dictionary<string, object> { ["module"] = options.Name, ["ok"] = true });
            var used = new[]
            {
                typeof(HttpClientFactoryServiceCollectionExtensions).Assembly,
                typeof(ServiceProvider).Assembly,
                typeof(IServiceCollection).Assembly,
                typeof(IOptions<>).Assembly,
                typeof(JsonSerializer).Assembly,
            };

            var result = new PSObject();
            result.Properties.Add(new PSNoteProperty("Json", json));
            result.Properties.Add(new PSNoteProperty("Status", status));
            result.Properties.Add(new PSNoteProperty("Assemblies", used.Select(Describe).ToArray()));
            WriteObject(result);
        }

        private static PSObject Describe(Assembly assembly)
        {
            var name = assembly.GetName();
            var info = new PSObject();
            info.Properties.Add(new PSNoteProperty("Name", name.Name));
            info.Properties.Add(new PSNoteProperty("Version", name.Version?.ToString()));
            info.Properties.Add(new PSNoteProperty("FileVersion", assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version));
            info.Properties.Add(new PSNoteProperty("Context", AssemblyLoadContext.GetLoadContext(assembly)?.Name));
            info.Properties.Add(new PSNoteProperty("Location", assembly.Location));
            return info;
        }
    }

    public sealed class OtherOptions
    {
        public string Name { get; set; } = string.Empty;
    }
}
