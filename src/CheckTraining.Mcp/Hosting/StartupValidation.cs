using CheckTraining.Mcp.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Hosting;

/// <summary>
/// Reads every options object once before the host starts, so a bad setting surfaces as an
/// <see cref="OptionsValidationException"/> that Program prints plainly, instead of being logged with a stack trace
/// by the host's start-up.
/// </summary>
internal static class StartupValidation
{
    public static T ValidateOptions<T>(this T host)
        where T : IServiceProvider
    {
        _ = host.GetRequiredService<IOptions<WandbOptions>>().Value;
        _ = host.GetRequiredService<IOptions<ModalOptions>>().Value;
        _ = host.GetRequiredService<IOptions<CheckpointOptions>>().Value;
        _ = host.GetRequiredService<IOptions<MetricProfileOptions>>().Value;
        _ = host.GetRequiredService<IOptions<CacheOptions>>().Value;
        _ = host.GetRequiredService<IOptions<DiagnosisOptions>>().Value;
        _ = host.GetRequiredService<IOptions<CompareRunsOptions>>().Value;
        return host;
    }
}
