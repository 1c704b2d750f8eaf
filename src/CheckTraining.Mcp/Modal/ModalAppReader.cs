namespace CheckTraining.Mcp.Modal;

/// <summary>Reads the app list: one <c>modal app list --json</c> through the read cache.</summary>
public sealed class ModalAppReader(ModalCli cli)
{
    public async Task<ModalAppList> ListAsync(CancellationToken cancellationToken)
    {
        var read = await cli.ListAsync(ModalCommand.AppList(), cancellationToken);
        // Uptimes are as of the read, so a cached list stays consistent with its "as of".
        var apps = ModalAppParser.Parse(read.Body, read.ReadAt)
            .OrderByDescending(a => a.Phase == AppPhase.Active)
            .ThenByDescending(a => a.CreatedAt ?? DateTimeOffset.MinValue)
            .ToList();
        return new ModalAppList(apps, read.ReadAt);
    }
}
