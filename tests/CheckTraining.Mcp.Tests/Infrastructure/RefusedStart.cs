using System.Diagnostics;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>Runs the HTTP server with settings it should refuse, and returns its exit code and stderr.</summary>
public static class RefusedStart
{
    public static async Task<(int ExitCode, string Stderr)> RunAsync(IDictionary<string, string?> environment, params string[] args)
    {
        var psi = new ProcessStartInfo(RepoPaths.ServerLaunch.Command) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in RepoPaths.ServerLaunch.Arguments.Append("--http").Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["HOME"] = Path.GetTempPath();
        psi.Environment.Remove("CHECKTRAINING_Http__BearerToken");
        psi.Environment.Remove("WANDB_API_KEY");
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        using var process = Process.Start(psi)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the server started instead of refusing: " + string.Join(' ', args));
        }

        return (process.ExitCode, await stderr);
    }
}
