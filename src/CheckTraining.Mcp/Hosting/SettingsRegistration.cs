using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Hosting;

/// <summary>
/// Settings are read once at start-up and never reload, so each section is bound, completed and validated here and
/// registered as a plain instance: a bad setting fails before the host is built, and start-up builds none of the options
/// framework's per-type generics (under Native AOT each one is a runtime type load).
/// </summary>
internal static class SettingsRegistration
{
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, T? bound, IValidateOptions<T> validator,
        IPostConfigureOptions<T>? defaults = null)
        where T : class, new()
    {
        var value = bound ?? new T();
        defaults?.PostConfigure(Options.DefaultName, value);
        var result = validator.Validate(Options.DefaultName, value);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures);
        }

        services.AddSingleton<IOptions<T>>(new OptionsWrapper<T>(value));
        return services;
    }
}
