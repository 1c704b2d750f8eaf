using System.ComponentModel;
using CheckTraining.Mcp.Caching;
using CheckTraining.Mcp.Configuration;
using CliWrap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Modal;

/// <summary>
/// Runs allow-listed <see cref="ModalCommand"/>s through CliWrap: argv as a list, no shell, stdin closed, a wide plain
/// UTF-8 environment, capped stdout, a stderr tail for errors, and a timeout (distinct from the caller's cancellation)
/// that kills the whole process tree. Knows nothing about MCP.
/// </summary>
public sealed class ModalCli(ModalCliLocator locator, IReadCache cache, CacheScope scope, IOptions<ModalOptions> options, TimeProvider clock,
    ILogger<ModalCli> logger)
{
    /// <summary>
    /// Runs a listing command through the read cache: reused for the cache's TTL, and identical concurrent listings
    /// share one process. Returns its stdout and when it was read.
    /// </summary>
    public Task<CachedRead> ListAsync(ModalCommand command, CancellationToken cancellationToken) =>
        cache.GetOrReadAsync(scope.Modal(command.Arguments),
            ct => RunAsync(command, ct), cancellationToken);

    /// <summary>Runs a listing command now, never from the cache, and returns its stdout.</summary>
    public async Task<CachedRead> ReadFreshAsync(ModalCommand command, CancellationToken cancellationToken) =>
        new(await RunAsync(command, cancellationToken), clock.GetUtcNow());

    /// <summary>Runs a listing command and returns its stdout.</summary>
    private async Task<string> RunAsync(ModalCommand command, CancellationToken cancellationToken)
    {
        var stdout = new CappedOutput(options.Value.MaxOutputBytes);
        await ExecuteAsync(command, PipeTarget.Create(stdout.ReadAsync), TimeSpan.FromSeconds(options.Value.ListTimeoutSeconds),
            "Modal:ListTimeoutSeconds", null, cancellationToken);
        if (stdout.Truncated)
        {
            throw new ModalCliException(ModalErrorKind.BadOutput,
                $"{command.Display} printed more than {options.Value.MaxOutputBytes} bytes (Modal:MaxOutputBytes); the listing is too large to read.");
        }

        return stdout.Text;
    }

    /// <summary>
    /// Downloads one volume file into a fresh staging folder inside <paramref name="stagingParent"/>. The caller moves the
    /// file into place and disposes the result, which deletes the folder; on any failure the folder is deleted here.
    /// </summary>
    public async Task<StagedDownload> DownloadAsync(string volume, string remotePath, string stagingParent,
        Func<StagedDownload, CancellationToken, Task> monitor, CancellationToken cancellationToken)
    {
        var staged = StagedDownload.Create(stagingParent, Path.GetFileName(remotePath));
        try
        {
            var command = ModalCommand.VolumeGet(volume, remotePath, staged.Directory);
            // stdout must be drained, not closed: the CLI prints a final "✓ Finished" line and dies of EPIPE otherwise.
            var stdout = new CappedOutput(4096);
            await ExecuteAsync(command, PipeTarget.Create(stdout.ReadAsync), TimeSpan.FromSeconds(options.Value.DownloadTimeoutSeconds),
                "Modal:DownloadTimeoutSeconds", ct => monitor(staged, ct), cancellationToken);
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    private async Task ExecuteAsync(ModalCommand command, PipeTarget stdout, TimeSpan timeout, string timeoutSetting,
        Func<CancellationToken, Task>? monitor, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var stderr = new StderrTail();
        var cli = Cli.Wrap(locator.Locate())
            .WithArguments(command.Arguments)
            .WithWorkingDirectory(Environment.CurrentDirectory)
            .WithStandardInputPipe(PipeSource.Null)
            .WithStandardOutputPipe(stdout)
            .WithStandardErrorPipe(PipeTarget.ToDelegate(stderr.Add))
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(env =>
            {
                // Only allow-listed names reach the child (no secret it has no business seeing); then what changes output shape is stripped.
                env.KeepOnlyAllowed()
                    .Set("COLUMNS", "10000").Set("NO_COLOR", "1").Set("TERM", "dumb").Set("TZ", "UTC")
                    .Set("PYTHONIOENCODING", "utf-8").Set("PYTHONUTF8", "1")
                    .Set("MODAL_TRACEBACK", null).Set("MODAL_LOGLEVEL", null).Set("MODAL_RICH_CLI", null);
                if (!string.IsNullOrWhiteSpace(o.Profile))
                {
                    env.Set("MODAL_PROFILE", o.Profile);
                }

                if (!string.IsNullOrWhiteSpace(o.Environment))
                {
                    env.Set("MODAL_ENVIRONMENT", o.Environment);
                }

                // What the account's fingerprint was made of is what the child acts as, wherever the setting came from.
                if (!string.IsNullOrWhiteSpace(o.ConfigPath))
                {
                    env.Set("MODAL_CONFIG_PATH", o.ConfigPath);
                }

                if (!string.IsNullOrWhiteSpace(o.TokenId))
                {
                    env.Set("MODAL_TOKEN_ID", o.TokenId.Trim());
                }

                if (!string.IsNullOrWhiteSpace(o.ServerUrl))
                {
                    env.Set("MODAL_SERVER_URL", o.ServerUrl.Trim());
                }
            });

        using var timeoutCts = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
        logger.LogInformation("Running {Command}", command.Display);
        CommandResult result;
        try
        {
            var task = cli.ExecuteAsync(linked.Token);
            if (monitor is not null)
            {
                await RunWithMonitorAsync(task, monitor, linked);
            }

            result = await task;
        }
        catch (OperationCanceledException) when (timeoutCts.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ModalCliException(ModalErrorKind.TimedOut,
                $"{command.Display} did not finish within {timeout.TotalSeconds:0} s ({timeoutSetting}) and was killed. " +
                "Check the network and `modal token info`, or raise the setting.");
        }
        catch (Win32Exception ex)
        {
            throw new ModalCliException(ModalErrorKind.NotInstalled,
                $"The Modal CLI could not be started ({ex.Message}). Install it with `pip install modal`, or set CHECKTRAINING_Modal__CliPath.", ex);
        }

        if (result.ExitCode != 0)
        {
            throw ModalErrorClassifier.Classify(command, result.ExitCode, stderr);
        }
    }

    /// <summary>Runs the monitor beside the process; a monitor failure (e.g. a stall) cancels the process.</summary>
    private static async Task RunWithMonitorAsync(Task process, Func<CancellationToken, Task> monitor, CancellationTokenSource linked)
    {
        using var monitorCts = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
        var watching = monitor(monitorCts.Token);
        var first = await Task.WhenAny(process, watching);
        if (first == watching && watching.IsFaulted)
        {
            await linked.CancelAsync();
            try
            {
                await process;
            }
            catch (OperationCanceledException)
            {
                // expected: we killed it
            }

            await watching; // rethrows the monitor's error
        }

        await monitorCts.CancelAsync();
        try
        {
            await watching;
        }
        catch (OperationCanceledException)
        {
            // the monitor stops when the process ends
        }
    }
}
