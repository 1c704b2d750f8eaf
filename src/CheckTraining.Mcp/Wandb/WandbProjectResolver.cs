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
public sealed class WandbProjectResolver(WandbGraphQLClient client, IOptions<WandbOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _viewerEntity;

    public async Task<WandbScope> ResolveAsync(string? entity, string? project, CancellationToken cancellationToken)
    {
        project = NonEmpty(project) ?? NonEmpty(options.Value.Project) ?? throw new WandbException(WandbErrorKind.Configuration,
            "No W&B project is configured. Set WANDB_PROJECT (or CHECKTRAINING_Wandb__Project) in the MCP server's environment, " +
            "or pass a full run URL such as https://wandb.ai/<entity>/<project>/runs/<run-id>.");
        entity = NonEmpty(entity) ?? NonEmpty(options.Value.Entity) ?? await ViewerEntityAsync(cancellationToken);
        return new WandbScope(entity, project);
    }

    private async Task<string> ViewerEntityAsync(CancellationToken cancellationToken)
    {
        if (_viewerEntity is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_viewerEntity is null)
            {
                var data = await client.QueryAsync(WandbQueries.Viewer, [], cancellationToken);
                if (data["viewer"] is not JsonObject viewer)
                {
                    throw new WandbException(WandbErrorKind.Unauthorized,
                        "W&B does not recognise the API key (viewer is empty). Set a valid WANDB_API_KEY or run `wandb login --relogin`.");
                }

                _viewerEntity = NonEmpty(JsonValues.AsString(viewer["entity"])) ?? throw new WandbException(WandbErrorKind.Configuration,
                    "The API key's user has no default entity. Set WANDB_ENTITY (or CHECKTRAINING_Wandb__Entity).");
            }

            return _viewerEntity;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public void Dispose() => _gate.Dispose();
}
