using CheckTraining.Mcp.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Prompts;

/// <summary>
/// completion/complete for the check-training prompt's <c>request</c> argument (VS Code asks as the user types): its words
/// (latest, all, pull checkpoint) and the newest runs' names and ids, from one list_recent_runs read through the cache.
/// W&amp;B failing costs the run names only: completion never fails.
/// </summary>
internal static class CheckTrainingCompletions
{
    /// <summary>The runs offered: the same read as list_recent_runs(limit=10), so one shares the other's cache entry.</summary>
    public const int Runs = 10;

    private static readonly string[] Words = ["latest", "all", "pull checkpoint"];

    public static async ValueTask<CompleteResult> HandleAsync(RequestContext<CompleteRequestParams> context, CancellationToken cancellationToken)
    {
        if (context.Params is not { Ref: PromptReference { Name: CheckTrainingPrompt.Name }, Argument.Name: "request" } request)
        {
            return new CompleteResult();
        }

        var typed = request.Argument.Value ?? "";
        var runs = await RunNamesAsync(context.Services, cancellationToken);
        // After "pull checkpoint ", the run comes next.
        const string pull = "pull checkpoint ";
        var candidates = typed.StartsWith(pull, StringComparison.OrdinalIgnoreCase)
            ? runs.Select(r => pull + r)
            : Words.Concat(runs);
        var values = candidates.Where(c => c.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).Distinct().Take(100).ToList();
        return new CompleteResult { Completion = new Completion { Values = values, Total = values.Count, HasMore = false } };
    }

    private static async Task<IEnumerable<string>> RunNamesAsync(IServiceProvider? services, CancellationToken cancellationToken)
    {
        if (services?.GetService<RecentRunsService>() is not { } recent)
        {
            return [];
        }

        try
        {
            var page = await recent.GetAsync(Runs, null, cancellationToken);
            return page.Runs.SelectMany(r => new[] { r.DisplayName, r.Id });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The message only: UserFacingException's is safe and says the fix; another's type is enough here.
            var why = ex is UserFacingException known ? known.Message : ex.GetType().Name;
            services.GetService<ILoggerFactory>()?.CreateLogger(typeof(CheckTrainingCompletions)).LogWarning("Completion without run names: {Why}", why);
            return [];
        }
    }
}
