using System.Text.RegularExpressions;

namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// Recognises configuration text a client should have expanded and did not (<c>${WANDB_API_KEY}</c>, <c>$WANDB_API_KEY</c>,
/// <c>${env:WANDB_API_KEY}</c>). Only a value that is wholly a placeholder is quoted back: one that merely holds
/// <c>${</c> may hold a real key too, so it is described, never printed.
/// </summary>
internal static partial class UnexpandedPlaceholder
{
    /// <summary>How to name the value in a message, or null when it is not a placeholder.</summary>
    public static string? Describe(string value) =>
        Whole().IsMatch(value) ? $"the unexpanded text `{value}`"
        : value.Contains("${", StringComparison.Ordinal) ? "text holding an unexpanded `${...}` placeholder"
        : null;

    /// <summary>True when the whole value is one placeholder (<c>${NAME}</c>, <c>$NAME</c>, <c>${user_config.x}</c>).</summary>
    public static bool IsWhole(string value) => Whole().IsMatch(value);

    [GeneratedRegex(@"^(\$\{[A-Za-z_][A-Za-z0-9_:.\-]*\}|\$[A-Za-z_][A-Za-z0-9_]*)$")]
    private static partial Regex Whole();
}
