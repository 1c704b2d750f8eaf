using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tools;

/// <summary>Registers a tool class through the SDK, then defers building it to its first call (see <see cref="LazyTool"/>).</summary>
internal static class LazyToolRegistration
{
    public static IMcpServerBuilder WithLazyTool<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.NonPublicMethods)] T>(
        this IMcpServerBuilder builder, string name, JsonSerializerOptions options, bool lazy)
    {
        var services = builder.Services;
        var before = services.Count;
        builder.WithTools<T>(options);
        if (!lazy)
        {
            return builder;
        }

        // WithTools<T> added exactly one McpServerTool factory for T's one tool method; wrap it.
        var added = services.Skip(before).Where(d => d.ServiceType == typeof(McpServerTool)).ToList();
        if (added is not [{ ImplementationFactory: { } factory } descriptor])
        {
            throw new InvalidOperationException($"Expected one tool factory for {typeof(T).Name}, found {added.Count}.");
        }

        services.Remove(descriptor);
        services.AddSingleton<McpServerTool>(sp => new LazyTool(ToolCatalogue.Get(name), () => (McpServerTool)factory(sp)));
        return builder;
    }
}
