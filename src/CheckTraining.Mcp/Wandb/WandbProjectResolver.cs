using System.Text.Json.Nodes;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Json;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Wandb;

/// <summary>An entity/project pair.</summary>
public sealed record WandbScope(string Entity, string Project)
{
    public override string ToString() => $"{Entity}/{Project}";
}

/// <summary>
/// Decides which entity and project a call reads: a run URL's own, else WANDB_ENTITY / WANDB_PROJECT, else (entity only)
/// the API key owner's default entity, looked up once per process.
/// </summary>
public sealed class WandbProjectResolver(WandbGraphQLClient client, WandbApiKeyProvider keys, IOptions<WandbOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Per key (by hash): with per-caller keys, each caller has its own default entity.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _viewerEntities = new();

    public async Task<WandbScope> ResolveAsync(string? entity, string? project, CancellationToken cancellationToken)
    {
        project = NonEmpty(project) ?? NonEmpty(options.Value.Project);
        var missing = new List<string>();
        if (!keys.HasKey)
        {
            missing.Add("- API key: set WANDB_API_KEY in the MCP server's environment, or run `wandb login` " +
                        $"(it writes ~/.netrc for {WandbApiKeyProvider.MachineOf(options.Value.BaseUrl)}).");
        }

        if (project is null)
        {
            missing.Add("- Project: set WANDB_PROJECT (or CHECKTRAINING_Wandb__Project), or pass a full run URL such as " +
                        "https://wandb.ai/<entity>/<project>/runs/<run-id>.");
        }

        if (missing.Count > 0)
        {
            // Every missing setting in one message, so a first-time user fixes them all at once.
            throw new WandbException(keys.HasKey ? WandbErrorKind.Configuration : WandbErrorKind.MissingKey,
                "W&B is not set up for this server yet. Missing:\n" + string.Join("\n", missing) +
                "\nThe entity is optional (WANDB_ENTITY; default: the API key's own entity). Restart the MCP server after changing its environment.");
        }

        entity = NonEmpty(entity) ?? NonEmpty(options.Value.Entity) ?? await ViewerEntityAsync(cancellationToken);
        return new WandbScope(entity, project!);
    }

    private async Task<string> ViewerEntityAsync(CancellationToken cancellationToken)
    {
        var keyHash = Caching.CacheScope.Hash(keys.GetRequiredKey());
        if (_viewerEntities.TryGetValue(keyHash, out var cached))
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_viewerEntities.TryGetValue(keyHash, out var viewerEntity))
            {
                var data = (await client.QueryAsync(WandbQueries.Viewer, [], cancellationToken)).Data;
                if (data["viewer"] is not JsonObject viewer)
                {
                    throw new WandbException(WandbErrorKind.Unauthorized,
                        "W&B does not recognise the API key (viewer is empty). Set a valid WANDB_API_KEY or run `wandb login --relogin`.");
                }

                viewerEntity = NonEmpty(JsonValues.AsString(viewer["entity"])) ?? throw new WandbException(WandbErrorKind.Configuration,
                    "The API key's user has no default entity. Set WANDB_ENTITY (or CHECKTRAINING_Wandb__Entity).");
                _viewerEntities[keyHash] = viewerEntity;
            }

            return viewerEntity;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public void Dispose() => _gate.Dispose();
}
