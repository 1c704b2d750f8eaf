using System.Text.Json.Serialization;

namespace CheckTraining.Mcp.Check;

/// <summary>
/// The joined W&amp;B and Modal view in one line. <c>Code</c> is the wire code of a <see cref="VerdictCode"/>: healthy,
/// stale, stale-app-live, hung, diverged, container-gone, app-not-matched, gpu-still-held, finished, crashed, other,
/// unknown (W&amp;B could not be read) or not-found. The string is what is stored, so a cached report reads back as written.
/// </summary>
public sealed record CheckVerdict(string Code, string Summary, bool NeedsAttention)
{
    // Internal, so the string constructor stays the only public one and the one JSON binds when reading a cached report.
    internal CheckVerdict(VerdictCode code, string summary, bool needsAttention)
        : this(code.Wire(), summary, needsAttention)
    {
    }

    /// <summary>The code as the enum; null only for a string no build writes.</summary>
    [JsonIgnore]
    public VerdictCode? Kind => VerdictCodes.Parse(Code);
}
