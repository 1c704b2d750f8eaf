using Microsoft.Extensions.Configuration;

namespace CheckTraining.Mcp.Hosting.Cli;

/// <summary>
/// Builds the configuration both hosts share. Lowest to highest precedence: appsettings.json, W&amp;B's settings file
/// (written by <c>wandb login --host</c>), W&amp;B's and Modal's own environment variables (WANDB_*, MODAL_*),
/// CHECKTRAINING_* environment variables, then the command line. A variable that is wholly an unexpanded placeholder
/// (an optional bundle field left blank) is unset (<see cref="UnexpandedSettings"/>).
/// </summary>
internal static class ConfigurationSetup
{
    /// <summary>Conventional variables of the official clients, mapped onto our settings.</summary>
    private static readonly (string Env, string Key)[] ConventionalVariables =
    [
        ("WANDB_BASE_URL", "Wandb:BaseUrl"),
        ("WANDB_APP_URL", "Wandb:AppUrl"),
        ("WANDB_ENTITY", "Wandb:Entity"),
        ("WANDB_PROJECT", "Wandb:Project"),
        ("WANDB_API_KEY", Wandb.WandbApiKeyProvider.ApiKeySetting),
        ("NETRC", Wandb.WandbApiKeyProvider.NetrcSetting),
        ("MODAL_PROFILE", "Modal:Profile"),
        ("MODAL_ENVIRONMENT", "Modal:Environment"),
        ("MODAL_TOKEN_ID", "Modal:TokenId"),
        ("MODAL_CONFIG_PATH", "Modal:ConfigPath"),
        ("MODAL_SERVER_URL", "Modal:ServerUrl"),
    ];

    public static void Apply(IConfigurationManager configuration, string[] args)
    {
        configuration.Sources.Clear();
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        configuration.AddInMemoryCollection(WandbSettingsFile.Read());
        configuration.AddInMemoryCollection(ReadConventionalVariables());
        configuration.Add(new UnexpandedSettings.Source("CHECKTRAINING_"));
        configuration.AddCommandLine(args);
    }

    private static IEnumerable<KeyValuePair<string, string?>> ReadConventionalVariables()
    {
        foreach (var (env, key) in ConventionalVariables)
        {
            var value = Environment.GetEnvironmentVariable(env);
            if (!string.IsNullOrWhiteSpace(value) && !UnexpandedSettings.IsUnset(key, value))
            {
                yield return new(key, value.Trim());
            }
        }
    }
}
