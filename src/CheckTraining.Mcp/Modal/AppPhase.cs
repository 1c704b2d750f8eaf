namespace CheckTraining.Mcp.Modal;

/// <summary>Our reading of Modal's app state text (<see cref="ModalAppParser.PhaseOf"/>); reports show it lowercase.</summary>
public enum AppPhase
{
    Active,
    Starting,
    Stopping,
    Ended,

    /// <summary>A state text this build does not know; the app's raw state stays beside it for display.</summary>
    Unknown,
}

/// <summary>Explicit maps between <see cref="AppPhase"/> and the wire word (no reflection, so trimming keeps them).</summary>
public static class AppPhases
{
    public static string Wire(this AppPhase phase) => phase switch
    {
        AppPhase.Active => "active",
        AppPhase.Starting => "starting",
        AppPhase.Stopping => "stopping",
        AppPhase.Ended => "ended",
        _ => "unknown",
    };

    /// <summary>The wire word back; anything else is <see cref="AppPhase.Unknown"/>.</summary>
    public static AppPhase Parse(string? phase) => phase switch
    {
        "active" => AppPhase.Active,
        "starting" => AppPhase.Starting,
        "stopping" => AppPhase.Stopping,
        "ended" => AppPhase.Ended,
        _ => AppPhase.Unknown,
    };

    /// <summary>Up, or on its way up or down: it may hold a container.</summary>
    public static bool IsLive(this AppPhase phase) => phase is AppPhase.Active or AppPhase.Starting or AppPhase.Stopping;
}
