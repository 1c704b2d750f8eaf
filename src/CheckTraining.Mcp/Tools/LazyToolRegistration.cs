using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tools;

/// <summary>Registers tool and prompt classes through the SDK, then defers building them to first use (see <see cref="LazyTool"/>).</summary>
internal static class LazyToolRegistration
{
    private const DynamicallyAccessedMemberTypes Members =
        DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors;

    /// <summary>
    /// Registers a tool class. Lazy: listed from the catalogue, built on first call. Not lazy (the catalogue test): built
    /// at once and given the <see cref="LeanSchema"/> transform, which is how its catalogue entry is derived.
    /// <paramref name="outputSchema"/> says whether the listed tool carries its output schema.
    /// </summary>
    public static IMcpServerBuilder WithLazyTool<[DynamicallyAccessedMembers(Members)] T>(
        this IMcpServerBuilder builder, string name, JsonSerializerOptions options, bool lazy, bool outputSchema) =>
        Wrap<McpServerTool>(builder, b => b.WithTools<T>(options), lazy, build => new LazyTool(Catalogue.Listed(name, outputSchema), build),
            derived => LeanSchema.Apply(derived.ProtocolTool));

    public static IMcpServerBuilder WithLazyPrompt<[DynamicallyAccessedMembers(Members)] T>(
        this IMcpServerBuilder builder, string name, JsonSerializerOptions options, bool lazy) =>
        Wrap<McpServerPrompt>(builder, b => b.WithPrompts<T>(options), lazy, build => new LazyPrompt(Catalogue.Prompt(name), build), _ => { });

    /// <summary>Lets the SDK register the class's one primitive, then replaces that factory with a lazy wrapper around it.</summary>
    private static IMcpServerBuilder Wrap<TPrimitive>(IMcpServerBuilder builder, Action<IMcpServerBuilder> register, bool lazy,
        Func<Func<TPrimitive>, TPrimitive> wrap, Action<TPrimitive> derive)
        where TPrimitive : class
    {
        var services = builder.Services;
        var before = services.Count;
        register(builder);
        var added = services.Skip(before).Where(d => d.ServiceType == typeof(TPrimitive)).ToList();
        if (added is not [{ ImplementationFactory: { } factory } descriptor])
        {
            throw new InvalidOperationException($"Expected one {typeof(TPrimitive).Name} factory, found {added.Count}.");
        }

        services.Remove(descriptor);
        services.AddSingleton(lazy
            ? sp => wrap(() => (TPrimitive)factory(sp))
            : (Func<IServiceProvider, TPrimitive>)(sp =>
            {
                var primitive = (TPrimitive)factory(sp);
                derive(primitive);
                return primitive;
            }));
        return builder;
    }
}
