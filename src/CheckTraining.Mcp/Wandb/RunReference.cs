namespace CheckTraining.Mcp.Wandb;

public enum RunReferenceKind
{
    /// <summary>The newest run of the project.</summary>
    Latest,

    /// <summary>A bare word: tried as a run id and as a display name in the same request.</summary>
    IdOrDisplayName,

    /// <summary>A run id taken from a W&amp;B run URL.</summary>
    Id,
}

/// <summary>What the user called the run: <c>latest</c>, a run id, a display name, or a full W&amp;B run URL.</summary>
public sealed record RunReference(RunReferenceKind Kind, string? Value, string? Entity = null, string? Project = null)
{
    private const int MaxLength = 512;

    public static RunReference Latest { get; } = new(RunReferenceKind.Latest, null);

    public static RunReference Parse(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text) || text.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            return Latest;
        }

        if (text.Length > MaxLength || text.Any(char.IsControl))
        {
            throw new InvalidArgumentException(
                "run must be a W&B run id (e.g. 8za01pdm), a display name, a run URL, or 'latest'; control characters and over 512 characters are not allowed.");
        }

        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return FromUrl(text);
        }

        return new RunReference(RunReferenceKind.IdOrDisplayName, text);
    }

    /// <summary><c>https://wandb.ai/{entity}/{project}/runs/{id}[/tab][?query]</c>.</summary>
    private static RunReference FromUrl(string text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
            var runs = Array.IndexOf(segments, "runs");
            if (runs >= 2 && runs + 1 < segments.Length)
            {
                return new RunReference(RunReferenceKind.Id, segments[runs + 1], segments[runs - 2], segments[runs - 1]);
            }
        }

        throw new InvalidArgumentException(
            $"'{EchoedInput.Of(text)}' is not a W&B run URL. Expected https://wandb.ai/<entity>/<project>/runs/<run-id>, a run id, a display name, or 'latest'.");
    }

    public override string ToString() => Kind == RunReferenceKind.Latest ? "latest" : Value!;
}
