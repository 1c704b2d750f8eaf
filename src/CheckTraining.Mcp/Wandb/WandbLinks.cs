using CheckTraining.Mcp.Configuration;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Wandb;

/// <summary>Builds W&amp;B UI links the way the SDK does (wandb/util.py api_to_app_url).</summary>
public sealed class WandbLinks(IOptions<WandbOptions> options)
{
    public string AppUrl => AppUrlFor(options.Value.BaseUrl, options.Value.AppUrl);

    public string RunUrl(WandbScope scope, string runId) =>
        $"{AppUrl}/{Uri.EscapeDataString(scope.Entity)}/{Uri.EscapeDataString(scope.Project)}/runs/{Uri.EscapeDataString(runId)}";

    internal static string AppUrlFor(string baseUrl, string? appUrl)
    {
        if (!string.IsNullOrWhiteSpace(appUrl))
        {
            return appUrl.TrimEnd('/');
        }

        var api = baseUrl.TrimEnd('/');
        if (api.Contains("://api.wandb.", StringComparison.Ordinal))
        {
            return api.Replace("://api.wandb.", "://wandb.", StringComparison.Ordinal);
        }

        return api.Contains("://api.", StringComparison.Ordinal) ? api.Replace("://api.", "://app.", StringComparison.Ordinal) : api;
    }
}
