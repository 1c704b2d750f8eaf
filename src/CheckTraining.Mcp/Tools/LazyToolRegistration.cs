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

    public static IMcpServerBuilder WithLazyTool<[DynamicallyAccessedMembers(Members)] T>(
        this IMcpServerBuilder builder, string name, JsonSerializerOptions options, bool lazy) =>
        Wrap<McpServerTool>(builder, b => b.WithTools<T>(options), lazy, build => new LazyTool(Catalogue.Tool(name), build));

    public static IMcpServerBuilder WithLazyPrompt<[DynamicallyAccessedMembers(Members)] T>(
        this IMcpServerBuilder builder, string name, JsonSerializerOptions options, bool lazy) =>
        Wrap<McpServerPrompt>(builder, b => b.WithPrompts<T>(options), lazy, build => new LazyPrompt(Catalogue.Prompt(name), build));

    /// <summary>Lets the SDK register the class's one primitive, then replaces that factory with a lazy wrapper around it.</summary>
    private static IMcpServerBuilder Wrap<TPrimitive>(IMcpServerBuilder builder, Action<IMcpServerBuilder> register, bool lazy,
        Func<Func<TPrimitive>, TPrimitive> wrap)
        where TPrimitive : class
    {
        var services = builder.Services;
        var before = services.Count;
        register(builder);
        if (!lazy)
        {
            return builder;
        }

        var added = services.Skip(before).Where(d => d.ServiceType == typeof(TPrimitive)).ToList();
        if (added is not [{ ImplementationFactory: { } factory } descriptor])
        {
            throw new InvalidOperationException($"Expected one {typeof(TPrimitive).Name} factory, found {added.Count}.");
        }

        services.Remove(descriptor);
        services.AddSingleton(sp => wrap(() => (TPrimitive)factory(sp)));
        return builder;
    }
}
