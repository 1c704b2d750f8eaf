using CheckTraining.Mcp.Hosting.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Hosting;

/// <summary>
/// Settings are read once at start-up and never reload, so each section is bound, completed and validated here and
/// registered as a plain instance: a bad setting fails before the host is built, and start-up builds none of the options
/// framework's per-type generics (under Native AOT each one is a runtime type load). Only <c>IOptions&lt;T&gt;</c> is
/// registered for these sections: an <c>IOptionsMonitor</c>, <c>IOptionsSnapshot</c> or <c>Configure&lt;T&gt;</c> of
/// one would see unbound defaults.
/// </summary>
internal static class SettingsRegistration
{
    /// <summary>
    /// Runs a section's binding (a concrete <c>Get&lt;T&gt;()</c>, which the binding source generator covers) and turns a
    /// value that does not convert ("abc" for a number, "yes" for a bool) into a configuration error naming the setting.
    /// </summary>
    public static T? Bind<T>(Func<T?> bind)
    {
        try
        {
            return bind();
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            throw new OptionsConfigurationException(Configuration.SettingNames.OfBindingError(ex.Message));
        }
    }

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
