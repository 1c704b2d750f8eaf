using CheckTraining.Mcp.Configuration;

namespace CheckTraining.Mcp.Metrics;

/// <summary>Prices a run's GPUs: W&amp;B's GPU name matched by token against the rate table, else the fallback rate.</summary>
internal static class GpuPricing
{
    public static GpuPrice Price(string? gpu, int? count, MetricProfileOptions profile)
    {
        var gpus = count is > 0 ? count.Value : profile.DefaultGpuCount;
        var tokens = (gpu ?? "").Split([' ', '-', '_', '/', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries);
        foreach (var token in tokens)
        {
            if (profile.GpuRates.FirstOrDefault(r => r.Key.Equals(token, StringComparison.OrdinalIgnoreCase)) is { Key: { } name } rate)
            {
                return new GpuPrice(name, gpu, gpus, count is > 0, rate.Value, Fallback: false);
            }
        }

        return new GpuPrice(string.IsNullOrWhiteSpace(gpu) ? "unknown GPU" : gpu.Trim(), gpu, gpus, count is > 0, profile.FallbackGpuRate, Fallback: true);
    }

    public static double? Cost(double? hours, GpuPrice price) =>
        hours is { } h && double.IsFinite(h) ? Math.Round(h * price.HourlyRate * price.Count, 2) : null;
}

/// <summary>What a run's cost is priced at. <c>Reported</c>: W&amp;B's GPU name as read; <c>Fallback</c>: no table rate matched.</summary>
public sealed record GpuPrice(string Gpu, string? Reported, int Count, bool CountReported, double HourlyRate, bool Fallback);
