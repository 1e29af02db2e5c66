using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using EmbedAdmin.Core.Http;
using Xunit;

namespace EmbedAdmin.Core.Tests
{
    /// <summary>
    /// Core's cross-cutting layers stay below the ones that use them: Http knows nothing of sessions (a session
    /// hands it ApiClientOptions), and Errors nothing of sessions or bulk runs, so there is no namespace cycle.
    /// Read by reflection over every member's signature, compiler-made types (async state machines, lambdas) included.
    /// </summary>
    public class LayeringTests
    {
        private const string Core = "EmbedAdmin.Core";

        public static IEnumerable<object[]> Rules() => new[]
        {
            new object[] { Core + ".Http", Core + ".Sessions" },
            new object[] { Core + ".Errors", Core + ".Sessions" },
            new object[] { Core + ".Errors", Core + ".Bulk" },
        };

        [Theory]
        [MemberData(nameof(Rules))]
        public void ALayerDoesNotReferenceTheOneAboveIt(string layer, string forbidden) =>
            Assert.Empty(References(typeof(ApiClient).Assembly, layer, forbidden));

        /// <summary>The check finds what it looks for: Sessions does reference Http, so the reverse rule would fail.</summary>
        [Fact]
        public void TheCheckSeesAReferenceThatIsThere() =>
            Assert.Contains(
                References(typeof(ApiClient).Assembly, Core + ".Sessions", Core + ".Http"),
                r => r.StartsWith("EmbedAdminSession.", StringComparison.Ordinal));

        /// <summary>"Type.Member -> referenced type" for each member of a type in <paramref name="layer"/> whose signature names a type in <paramref name="forbidden"/>.</summary>
        public static IReadOnlyList<string> References(Assembly assembly, string layer, string forbidden)
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            var found = new List<string>();
            foreach (var type in assembly.GetTypes().Where(t => InNamespace(t.Namespace, layer)))
            {
                var used = new List<(string Member, Type Type)>();
                used.AddRange(new[] { type.BaseType }.Concat(type.GetInterfaces()).OfType<Type>().Select(t => ("(base)", t)));
                used.AddRange(type.GetFields(all).Select(f => (f.Name, f.FieldType)));
                used.AddRange(type.GetProperties(all).Select(p => (p.Name, p.PropertyType)));
                used.AddRange(type.GetEvents(all).Select(e => (e.Name, e.EventHandlerType!)));
                foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
                {
                    used.AddRange(method.GetParameters().Select(p => (method.Name, p.ParameterType)));
                    if (method is MethodInfo info)
                    {
                        used.Add((method.Name, info.ReturnType));
                    }
                }

                found.AddRange(used
                    .SelectMany(u => Expand(u.Type).Select(t => (u.Member, Type: t)))
                    .Where(u => InNamespace(u.Type.Namespace, forbidden))
                    .Select(u => $"{Name(type)}.{u.Member} -> {u.Type.FullName}"));
            }

            return found.Distinct().ToList();
        }

        private static bool InNamespace(string? name, string root) =>
            name is not null && (name == root || name.StartsWith(root + ".", StringComparison.Ordinal));

        private static string Name(Type type) => type.DeclaringType is null ? type.Name : Name(type.DeclaringType) + "+" + type.Name;

        // A Func<EmbedAdminSession>, an array or a by-ref parameter names the session as much as the plain type does.
        private static IEnumerable<Type> Expand(Type type)
        {
            yield return type;
            if (type.HasElementType)
            {
                foreach (var inner in Expand(type.GetElementType()!))
                {
                    yield return inner;
                }
            }

            if (type.IsGenericType)
            {
                foreach (var inner in type.GetGenericArguments().SelectMany(Expand))
                {
                    yield return inner;
                }
            }
        }
    }
}
