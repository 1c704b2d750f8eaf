namespace CheckTraining.Mcp.Check;

/// <summary>One member per verdict; <see cref="VerdictCodes.Wire"/> is the kebab-case code reports carry.</summary>
public enum VerdictCode
{
    Healthy,
    Stale,
    StaleAppLive,
    Hung,
    Diverged,
    ContainerGone,
    AppNotMatched,
    GpuStillHeld,
    Finished,
    Crashed,

    /// <summary>A W&amp;B state the rules have no verdict for (preempted, pending, or one W&amp;B added since).</summary>
    Other,

    /// <summary>W&amp;B could not be read.</summary>
    Unknown,
    NotFound,
}

/// <summary>Explicit maps between <see cref="VerdictCode"/> and its wire code (no reflection, so trimming keeps them).</summary>
public static class VerdictCodes
{
    public static string Wire(this VerdictCode code) => code switch
    {
        VerdictCode.Healthy => "healthy",
        VerdictCode.Stale => "stale",
        VerdictCode.StaleAppLive => "stale-app-live",
        VerdictCode.Hung => "hung",
        VerdictCode.Diverged => "diverged",
        VerdictCode.ContainerGone => "container-gone",
        VerdictCode.AppNotMatched => "app-not-matched",
        VerdictCode.GpuStillHeld => "gpu-still-held",
        VerdictCode.Finished => "finished",
        VerdictCode.Crashed => "crashed",
        VerdictCode.Other => "other",
        VerdictCode.Unknown => "unknown",
        VerdictCode.NotFound => "not-found",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    /// <summary>The wire code back, or null for a code no build of this server writes.</summary>
    public static VerdictCode? Parse(string? code) => code switch
    {
        "healthy" => VerdictCode.Healthy,
        "stale" => VerdictCode.Stale,
        "stale-app-live" => VerdictCode.StaleAppLive,
        "hung" => VerdictCode.Hung,
        "diverged" => VerdictCode.Diverged,
        "container-gone" => VerdictCode.ContainerGone,
        "app-not-matched" => VerdictCode.AppNotMatched,
        "gpu-still-held" => VerdictCode.GpuStillHeld,
        "finished" => VerdictCode.Finished,
        "crashed" => VerdictCode.Crashed,
        "other" => VerdictCode.Other,
        "unknown" => VerdictCode.Unknown,
        "not-found" => VerdictCode.NotFound,
        _ => null,
    };
}
