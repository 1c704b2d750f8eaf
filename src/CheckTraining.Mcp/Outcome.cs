using Microsoft.Extensions.Logging;

namespace CheckTraining.Mcp;

/// <summary>Why a section failed: which backend (or step), a short kind, and the actionable message.</summary>
public sealed record SectionFailure(string Source, string Kind, string Message);

/// <summary>
/// The outcome of one piece of work: a value, or a <see cref="SectionFailure"/>. A call that gathers several sections
/// captures each as an outcome, so one failing backend does not fail the whole. Cancellation is never captured.
/// </summary>
public readonly record struct Outcome<T>(T? Value, SectionFailure? Failure);

/// <summary>Captures work as an <see cref="Outcome{T}"/>.</summary>
public static class Outcome
{
    /// <summary>Runs <paramref name="work"/> and captures its result or its failure.</summary>
    public static async Task<Outcome<T>> CaptureAsync<T>(string source, ILogger logger, Func<Task<T>> work)
    {
        try
        {
            return new Outcome<T>(await work(), null);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (UserFacingException ex)
        {
            if (ex is InvalidArgumentException)
            {
                CallMarks.MarkInvalidArgument();
            }

            logger.LogWarning("{Source} failed: {Message}", source, ex.Message);
            return Failed<T>(new SectionFailure(source, ex.Kind, ex.Message));
        }
        catch (Exception ex)
        {
            // Details go to the stderr log only: an unexpected exception's text may hold anything.
            logger.LogError(ex, "{Source} failed unexpectedly", source);
            return Failed<T>(new SectionFailure(source, "Unexpected",
                $"{source} failed unexpectedly ({ex.GetType().Name}). Details are in the server's stderr log; please report it."));
        }
    }

    public static Outcome<T> Failed<T>(SectionFailure failure) => new(default, failure);

}
