using CheckTraining.Mcp.Apps;
using CheckTraining.Mcp.Caching;
using CheckTraining.Mcp.Check;
using CheckTraining.Mcp.Checkpoints;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Modal;
using CheckTraining.Mcp.Prompts;
using CheckTraining.Mcp.Tools;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.Hosting;

/// <summary>The one registration both hosts (stdio and HTTP) share.</summary>
public static class CheckTrainingServices
{
    public static IMcpServerBuilder AddCheckTraining(this IServiceCollection services, IConfiguration configuration)
    {
        // Bound once, validated at start-up (explicit calls so the binding source generator covers them).
        services.AddOptions<WandbOptions>().Bind(configuration.GetSection(WandbOptions.Section)).ValidateOnStart();
        services.AddOptions<ModalOptions>().Bind(configuration.GetSection(ModalOptions.Section)).ValidateOnStart();
        services.AddOptions<CheckpointOptions>().Bind(configuration.GetSection(CheckpointOptions.Section)).ValidateOnStart();
        services.AddOptions<MetricProfileOptions>().Bind(configuration.GetSection(MetricProfileOptions.Section)).ValidateOnStart();
        services.AddOptions<CacheOptions>().Bind(configuration.GetSection(CacheOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CacheOptions>, CacheOptionsValidator>();
        services.AddSingleton<IValidateOptions<WandbOptions>, WandbOptionsValidator>();
        services.AddSingleton<IValidateOptions<ModalOptions>, ModalOptionsValidator>();
        services.AddSingleton<IValidateOptions<CheckpointOptions>, CheckpointOptionsValidator>();
        services.AddSingleton<IValidateOptions<MetricProfileOptions>, MetricProfileOptionsValidator>();
        services.AddSingleton<IPostConfigureOptions<MetricProfileOptions>, MetricProfileDefaults>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHybridCache().AddSerializerFactory(new SourceGeneratedCacheSerializers());
        services.TryAddSingleton<IReadCache, HybridReadCache>();
        services.AddSingleton<WandbApiKeyProvider>();
        services.AddSingleton<WandbLinks>();
        services.AddSingleton<WandbProjectResolver>();
        services.AddTransient<WandbAuthHandler>();
        services.AddHttpClient<WandbGraphQLClient>((sp, http) =>
            {
                var o = sp.GetRequiredService<IOptions<WandbOptions>>().Value;
                http.BaseAddress = new Uri(o.BaseUrl.TrimEnd('/') + "/");
                http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns every timeout
                http.DefaultRequestHeaders.UserAgent.ParseAdd($"CheckTraining.Mcp/{typeof(CheckTrainingServices).Assembly.GetName().Version?.ToString(3)}");
            })
            .AddHttpMessageHandler<WandbAuthHandler>()
            .AddWandbResilience();
        services.AddSingleton<WandbRunReader>();
        services.AddSingleton<RunMetricsService>();
        services.AddSingleton<RecentRunsService>();

        services.AddSingleton<ModalCliLocator>();
        services.AddSingleton<ModalCli>();
        services.AddSingleton<ModalAppReader>();
        services.AddSingleton<AppStatusService>();
        services.AddSingleton<CheckpointService>();
        services.AddSingleton<CheckTrainingService>();

        return services
            .AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation
                {
                    Name = "check-training",
                    Title = "CheckTraining",
                    Version = typeof(CheckTrainingServices).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
                };
                o.ServerInstructions = ServerInstructions.Text;
            })
            .WithTools<CheckTrainingTool>(AppJsonContext.ToolOptions)
            .WithTools<RunMetricsTool>(AppJsonContext.ToolOptions)
            .WithTools<RecentRunsTool>(AppJsonContext.ToolOptions)
            .WithTools<AppStatusTool>(AppJsonContext.ToolOptions)
            .WithTools<PullCheckpointTool>(AppJsonContext.ToolOptions)
            .WithPrompts<CheckTrainingPrompt>(AppJsonContext.ToolOptions)
            .WithRequestFilters(filters => filters.AddCallToolFilter(ToolErrorFilter.Create));
    }
}
