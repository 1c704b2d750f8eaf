using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace CheckTraining.Mcp.Hosting.Cli;

/// <summary>
/// Settings whose whole value is a placeholder the client left unexpanded are read as unset. Claude Desktop passes an
/// optional bundle field the user left blank as the literal text <c>${user_config.wandb_entity}</c>
/// (modelcontextprotocol/mcpb#250), which would otherwise become an entity of that name, or a Modal CLI at that path.
/// The API key is the exception: it is kept, so its own check names the fix ("the W&amp;B key is the unexpanded text …").
/// </summary>
internal static class UnexpandedSettings
{
    public static bool IsUnset(string key, string? value) =>
        value is not null && !string.Equals(key, WandbApiKeyProvider.ApiKeySetting, StringComparison.OrdinalIgnoreCase)
        && UnexpandedPlaceholder.IsWhole(value.Trim());

    /// <summary><c>CHECKTRAINING_*</c> variables, as the built-in provider reads them, less the unexpanded placeholders.</summary>
    public sealed class Source(string prefix) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(prefix);
    }

    private sealed class Provider(string prefix) : EnvironmentVariablesConfigurationProvider(prefix)
    {
        public override void Load()
        {
            base.Load();
            foreach (var key in Data.Where(p => IsUnset(p.Key, p.Value)).Select(p => p.Key).ToList())
            {
                Data.Remove(key);
            }
        }
    }
}
