using CheckTraining.Mcp.Apps;
using CheckTraining.Mcp.Caching;
using CheckTraining.Mcp.Check;
using CheckTraining.Mcp.Checkpoints;
using CheckTraining.Mcp.Compare;
using CheckTraining.Mcp.Diagnosis;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Metrics;
using CheckTraining.Mcp.Modal;
using CheckTraining.Mcp.Plots;
using CheckTraining.Mcp.Prompts;
using CheckTraining.Mcp.Redaction;
using CheckTraining.Mcp.Tools;
using CheckTraining.Mcp.View;
using CheckTraining.Mcp.Wandb;
using CheckTraining.Mcp.Watch;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using CacheScope = CheckTraining.Mcp.Caching.CacheScope; // not the SDK's ModelContextProtocol.Protocol.CacheScope

namespace CheckTraining.Mcp.Hosting;

/// <summary>The one registration both hosts (stdio and HTTP) share.</summary>
public static class CheckTrainingServices
{
    public static IMcpServerBuilder AddCheckTraining(this IServiceCollection services, IConfiguration configuration) =>
        services.AddCheckTraining(configuration, lazyTools: true);

    /// <param name="services">The services.</param>
    /// <param name="configuration">Bound configuration.</param>
    /// <param name="lazyTools">False builds the SDK's tools at start-up (the catalogue test compares them with catalogue.json).</param>
    internal static IMcpServerBuilder AddCheckTraining(this IServiceCollection services, IConfiguration configuration, bool lazyTools)
    {
        // Each section bound once (explicit Get<T> calls, so the binding source generator covers them), completed and
        // validated before the host is built (SettingsRegistration).
        services
            .AddSettings(SettingsRegistration.Bind(() => configuration.GetSection(WandbOptions.Section).Get<WandbOptions>()), new WandbOptionsValidator())
            .AddSettings(SettingsRegistration.Bind(() => configuration.GetSection(ModalOptions.Section).Get<ModalOptions>()), new ModalOptionsValidator())
            .AddSettings(SettingsRegistration.Bind(() => configuration.GetSection(CheckpointOptions.Section).Get<CheckpointOptions>()), new CheckpointOptionsValidator())
            .AddSettings(SettingsRegistration.Bind(() => configuration.GetSection(MetricProfileOptions.Section).Get<MetricProfileOptions>()), new MetricProfileOptionsValidator(), new MetricProfileDefaults())
            .AddSettings(SettingsRegistration.Bind(() => configuration.GetSection(CacheOptions.Section).Get<CacheOptions>()), new CacheOptionsValidator())
            .AddSettings(SettingsRegistration.Bind(() => configuration.GetSection(DiagnosisOptions.Section).Get<DiagnosisOptions>()), new DiagnosisOptionsValidator())
            .AddSettings(SettingsRegistration.Bind(() => configuration.GetSection(CompareRunsOptions.Section).Get<CompareRunsOptions>()), new CompareRunsOptionsValidator(), new CompareDefaults())
            .AddSettings(SettingsRegistration.Bind(() => configuration.GetSection(WatchOptions.Section).Get<WatchOptions>()), new WatchOptionsValidator());

        services.TryAddSingleton(TimeProvider.System);
        services.AddReadCache(redisConfigured: !string.IsNullOrWhiteSpace(configuration[$"{CacheOptions.Section}:{nameof(CacheOptions.Redis)}"]));
        services.TryAddSingleton<IWandbCallContext, NoWandbCallContext>(); // the HTTP host replaces it (Hosting/Http/Auth)
        services.AddSingleton<WandbApiKeyProvider>();
        services.AddSingleton<WandbLinks>();
        services.AddSingleton<WandbProjectResolver>();
        services.AddTransient<WandbAuthHandler>();
        services.AddTransient<BodyBufferingHandler>();
        services.AddHttpClient<WandbGraphQLClient>((sp, http) =>
            {
                var o = sp.GetRequiredService<IOptions<WandbOptions>>().Value;
                http.BaseAddress = new Uri(o.BaseUrl.TrimEnd('/') + "/");
                http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns every timeout
                http.DefaultRequestHeaders.UserAgent.ParseAdd($"CheckTraining.Mcp/{typeof(CheckTrainingServices).Assembly.GetName().Version?.ToString(3)}");
            })
            .AddHttpMessageHandler<WandbAuthHandler>()
            .AddWandbResilience()
            .AddHttpMessageHandler<BodyBufferingHandler>(); // innermost: each attempt reads its whole body
        services.AddSingleton<WandbRunReader>();
        services.AddSingleton<RunMetricsService>();
        services.AddSingleton<RecentRunsService>();

        services.AddSingleton<ModalAccount>();
        var settingsFingerprint = SettingsFingerprint.Of(configuration); // read once, like the settings themselves
        services.AddSingleton(sp =>
        {
            var wandb = sp.GetRequiredService<IOptions<WandbOptions>>().Value;
            return new CacheScope(wandb.BaseUrl, wandb.Entity, wandb.Project, sp.GetRequiredService<ModalAccount>().Fingerprint,
                settingsFingerprint, CacheScope.BuildVersion);
        });
        services.AddSingleton<ModalCliLocator>();
        services.AddSingleton<ModalCli>();
        services.AddSingleton<ModalAppReader>();
        services.AddSingleton<AppStatusService>();
        services.AddSingleton<CheckpointService>();
        services.AddSingleton<CheckTrainingService>();
        services.AddSingleton<PlotService>();
        services.AddSingleton<IKnownSecrets>(sp => sp.GetRequiredService<WandbApiKeyProvider>());
        services.AddSingleton<SecretRedactor>();
        services.AddSingleton<ModalLogReader>();
        services.AddSingleton<RunLogsService>();
        services.AddSingleton<CompareService>();
        services.AddSingleton(AppJsonContext.Default.CheckTrainingReport); // the watch keeps reports in the cache with the tools' metadata
        services.AddSingleton<SharedChecks>();
        services.AddSingleton<WatchService>();

        var toolList = SettingsRegistration.Bind(() => configuration.GetSection(ToolListOptions.Section).Get<ToolListOptions>()) ?? new();
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
            .WithLazyTool<CheckTrainingTool>(CheckTrainingTool.Name, AppJsonContext.ToolOptions, lazyTools, toolList.OutputSchemas)
            .WithLazyTool<RunMetricsTool>(RunMetricsTool.Name, AppJsonContext.ToolOptions, lazyTools, toolList.OutputSchemas)
            .WithLazyTool<RecentRunsTool>(RecentRunsTool.Name, AppJsonContext.ToolOptions, lazyTools, toolList.OutputSchemas)
            .WithLazyTool<AppStatusTool>(AppStatusTool.Name, AppJsonContext.ToolOptions, lazyTools, toolList.OutputSchemas)
            .WithLazyTool<PullCheckpointTool>(PullCheckpointTool.Name, AppJsonContext.ToolOptions, lazyTools, toolList.OutputSchemas)
            .WithLazyTool<PlotRunTool>(PlotRunTool.Name, AppJsonContext.ToolOptions, lazyTools, toolList.OutputSchemas)
            .WithLazyTool<RunLogsTool>(RunLogsTool.Name, AppJsonContext.ToolOptions, lazyTools, toolList.OutputSchemas)
            .WithLazyTool<CompareRunsTool>(CompareRunsTool.Name, AppJsonContext.ToolOptions, lazyTools, toolList.OutputSchemas)
            .WithLazyTool<WatchRunTool>(WatchRunTool.Name, AppJsonContext.ToolOptions, lazyTools, toolList.OutputSchemas)
            .WithLazyPrompt<CheckTrainingPrompt>(CheckTrainingPrompt.Name, AppJsonContext.ToolOptions, lazyTools)
            .WithCompleteHandler(CheckTrainingCompletions.HandleAsync)
            .WithRunView() // check_training's MCP Apps view (View/)
            .WithMessageFilters(filters => filters.AddIncomingFilter(RequestShapeFilter.Create))
            .WithRequestFilters(filters => filters.AddCallToolFilter(ToolErrorFilter.Create))
            .WithRequestFilters(filters => filters.AddCallToolFilter(ToolResultCache.Create)); // built results, beside the raw reads
    }
}
