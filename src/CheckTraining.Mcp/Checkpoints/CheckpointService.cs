using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Modal;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Checkpoints;

/// <summary>Reports download progress: bytes so far and the expected total (from the listing, approximate).</summary>
public delegate ValueTask DownloadProgress(long bytes, long? expectedBytes);

/// <summary>
/// Lists and downloads a run's checkpoints from the Modal volume. The run is resolved through W&amp;B to its display name;
/// downloads are staged in the checkpoints folder and renamed into place atomically, and never replace a file silently.
/// </summary>
public sealed class CheckpointService(
    WandbRunReader reader, ModalCli cli, IOptions<CheckpointOptions> options, IOptions<ModalOptions> modal, TimeProvider clock,
    ILogger<CheckpointService> logger)
{
    public const int MaxListed = 200;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Lists the run's folder now (never from the cache): what pull_checkpoint's list_only shows.</summary>
    public async Task<CheckpointReport> ListAsync(RunReference reference, CancellationToken cancellationToken) =>
        await ListAsync(await reader.GetRunIdentityAsync(reference, cancellationToken), fresh: true, cancellationToken);

    /// <summary>
    /// Lists the folder of a run that is already resolved, so a caller that has the run never looks it up twice and
    /// never pairs one run's metrics with another's checkpoints. <paramref name="fresh"/> skips the read cache.
    /// </summary>
    public async Task<CheckpointReport> ListAsync(ResolvedRun resolved, bool fresh, CancellationToken cancellationToken)
    {
        var (run, runId, remoteDir, listing) = await ListRunFolderAsync(resolved, fresh, cancellationToken);
        return Report(run, runId, remoteDir, listing, null);
    }

    public async Task<CheckpointReport> PullAsync(RunReference reference, string? file, bool overwrite, DownloadProgress progress,
        CancellationToken cancellationToken)
    {
        var fileName = CheckpointNames.RequireSegment(string.IsNullOrWhiteSpace(file) ? "latest.pt" : file, "file");
        var resolved = await reader.GetRunIdentityAsync(reference, cancellationToken);
        var (run, runId, remoteDir, listing) = await ListRunFolderAsync(resolved, fresh: true, cancellationToken);
        var entries = listing.Entries;
        var entry = entries.FirstOrDefault(e => e.Name == fileName && e.Type == "file") ?? throw new UserFacingException("NotFound",
            $"'{EchoedInput.Of(fileName)}' is not in {remoteDir} on volume {options.Value.Volume}. Files there: " +
            (entries.Count == 0 ? "none" : string.Join(", ", entries.Take(20).Select(e => e.Name))) + ".");

        var root = Path.GetFullPath(options.Value.Directory);
        var destination = CheckpointNames.InsideRoot(root, $"{run}-{fileName}");
        var started = clock.GetTimestamp();
        if (File.Exists(destination) && !overwrite)
        {
            var local = new FileInfo(destination);
            if (entry.Size is { } size && size.Matches(local.Length) && (entry.Modified is not { } m || local.LastWriteTimeUtc >= m.UtcDateTime))
            {
                return Report(run, runId, remoteDir, listing, new CheckpointDownload(fileName, destination, local.Length, "already-present", 0));
            }

            throw new UserFacingException("DestinationExists",
                $"{destination} already exists ({local.Length} bytes, modified {local.LastWriteTimeUtc:yyyy-MM-dd HH:mm} UTC) and does not match " +
                $"{fileName} on the volume ({entry.SizeText ?? "size unknown"}, modified {entry.ModifiedText ?? "?"}). " +
                "Pass overwrite=true to replace it, or move it away first.");
        }

        Directory.CreateDirectory(root);
        EnsureFreeSpace(root, entry.Size?.Bytes);
        var status = File.Exists(destination) ? "replaced" : "downloaded";
        try
        {
            using var staged = await cli.DownloadAsync(options.Value.Volume, $"{remoteDir.TrimEnd('/')}/{fileName}", root,
                (s, ct) => WatchAsync(s, entry.Size?.Bytes, progress, ct), cancellationToken);
            var bytes = Verify(staged, entry, fileName);
            if (entry.Modified is { } modified)
            {
                File.SetLastWriteTimeUtc(staged.FilePath, modified.UtcDateTime); // lets a later call recognise the same file
            }

            File.Move(staged.FilePath, destination, overwrite); // same folder, so an atomic rename
            await progress(bytes, bytes);
            logger.LogInformation("Downloaded {File} ({Bytes} bytes) to {Path} in {Seconds:0.0} s", fileName, bytes, destination, clock.GetElapsedTime(started).TotalSeconds);
            return Report(run, runId, remoteDir, listing,
                new CheckpointDownload(fileName, destination, bytes, status, Math.Round(clock.GetElapsedTime(started).TotalSeconds, 2)));
        }
        catch (IOException ex) when (IsDiskFull(ex))
        {
            throw new LocalDiskException(
                $"The local disk holding {root} is full. Free space or set CHECKTRAINING_Checkpoints__Directory to a bigger disk.", ex);
        }
        catch (IOException ex) when (File.Exists(destination) && !overwrite)
        {
            throw new UserFacingException("DestinationExists", $"{destination} appeared while downloading; it was left untouched. Pass overwrite=true to replace it.", ex);
        }
    }

    private async Task<(string Run, string RunId, string RemoteDir, VolumeListing Listing)> ListRunFolderAsync(
        ResolvedRun resolved, bool fresh, CancellationToken cancellationToken)
    {
        var run = CheckpointNames.RequireSegment(resolved.Run.DisplayName, "Run display name");
        var remoteDir = options.Value.PathTemplate.Replace("{run}", run, StringComparison.Ordinal);
        try
        {
            var command = ModalCommand.VolumeList(options.Value.Volume, remoteDir);
            var read = fresh ? await cli.ReadFreshAsync(command, cancellationToken) : await cli.ListAsync(command, cancellationToken);
            return (run, resolved.Run.Id, remoteDir, new VolumeListing(VolumeEntry.ParseListing(read.Body), read.ReadAt));
        }
        catch (ModalCliException ex) when (ex.Reason == ModalErrorKind.NotFound)
        {
            throw new ModalCliException(ModalErrorKind.NotFound,
                $"No checkpoint folder {remoteDir} on Modal volume '{options.Value.Volume}' for run {run} ({resolved.Run.Id}). " +
                $"Check Checkpoints:Volume and Checkpoints:PathTemplate. ({ex.Message})", ex);
        }
    }

    /// <summary>Polls the staged file: reports growth, and fails the download when it stops growing for too long.</summary>
    private async Task WatchAsync(StagedDownload staged, long? expected, DownloadProgress progress, CancellationToken cancellationToken)
    {
        var stallLimit = TimeSpan.FromSeconds(modal.Value.DownloadStallSeconds);
        var lastBytes = -1L;
        var lastGrowth = clock.GetTimestamp();
        while (true)
        {
            await Task.Delay(PollInterval, clock, cancellationToken); // on the injected clock, so tests drive stalls without waiting
            var bytes = staged.CurrentBytes;
            if (bytes != lastBytes)
            {
                lastBytes = bytes;
                lastGrowth = clock.GetTimestamp();
                await progress(bytes, expected);
            }
            else if (clock.GetElapsedTime(lastGrowth) > stallLimit)
            {
                throw new ModalCliException(ModalErrorKind.Stalled,
                    $"The download made no progress for {stallLimit.TotalSeconds:0} s (Modal:DownloadStallSeconds) and was stopped. Try again.");
            }
        }
    }

    private static long Verify(StagedDownload staged, VolumeEntry entry, string fileName)
    {
        if (!File.Exists(staged.FilePath))
        {
            throw new ModalCliException(ModalErrorKind.BadOutput, $"modal volume get finished but wrote no {fileName}.");
        }

        var bytes = new FileInfo(staged.FilePath).Length;
        if (entry.Size is { } size && !size.Matches(bytes))
        {
            throw new ModalCliException(ModalErrorKind.BadOutput,
                $"Downloaded {bytes} bytes but the volume lists {fileName} as {entry.SizeText}; it may have been rewritten during the download. " +
                "Nothing was kept; try again.");
        }

        return bytes;
    }

    private static void EnsureFreeSpace(string root, long? expected)
    {
        if (expected is { } need && new DriveInfo(root).AvailableFreeSpace is var free && free < need)
        {
            throw new LocalDiskException(
                $"Not enough local disk space in {root}: the checkpoint needs about {need} bytes and {free} are free. " +
                "Free space or set CHECKTRAINING_Checkpoints__Directory to a bigger disk.");
        }
    }

    private static bool IsDiskFull(IOException ex) => (ex.HResult & 0xFFFF) is 28 or 112; // ENOSPC, ERROR_DISK_FULL

    private CheckpointReport Report(string run, string runId, string remoteDir, VolumeListing listing, CheckpointDownload? download) =>
        new(run, runId, options.Value.Volume, remoteDir, listing.ReadAt,
            listing.Entries.Take(MaxListed).Select(e => new CheckpointFile(e.Name, e.Type, e.SizeText, e.Size?.Bytes, e.Modified)).ToList(),
            listing.Entries.Count > MaxListed, download);

    private sealed record VolumeListing(IReadOnlyList<VolumeEntry> Entries, DateTimeOffset ReadAt);
}
