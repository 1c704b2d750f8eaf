namespace CheckTraining.Mcp.Hosting.Cli;

/// <summary>
/// The command line: the transport flags, --help and --version; everything else is a setting (<c>--Section:Key=value</c>
/// or <c>--Section:Key value</c>, read by configuration). A flag that is neither is a mistake, reported by name.
/// </summary>
internal sealed record CommandLine(bool Http, bool Help, bool Version, string? Unknown, string[] HostArgs)
{
    public const string Usage = """
        check-training-mcp: a read-only MCP server for GPU training runs on Modal that log to Weights & Biases.

        Usage:
          check-training-mcp                 serve MCP over stdio (the default; what MCP clients launch)
          check-training-mcp --http          serve MCP over Streamable HTTP at http://127.0.0.1:3001/mcp
          check-training-mcp --help | --version

        Options:
          --stdio | --http | --transport stdio|http   the transport (env CHECKTRAINING_Transport)
          --Section:Key=value                         any setting, e.g. --Http:Url=http://127.0.0.1:8080 --Cache:TtlSeconds=30

        Main settings (environment variables; the same keys work on the command line):
          WANDB_API_KEY, WANDB_ENTITY, WANDB_PROJECT, WANDB_BASE_URL   W&B access (or `wandb login`, which writes ~/.netrc)
          MODAL_PROFILE, MODAL_ENVIRONMENT                               which Modal workspace `modal` reads
          CHECKTRAINING_Modal__CliPath (Modal:CliPath)                   the `modal` executable (default: on PATH, else .venv/bin/modal)
          CHECKTRAINING_Checkpoints__Volume, CHECKTRAINING_Checkpoints__PathTemplate   where checkpoints live
          CHECKTRAINING_Http__Url, CHECKTRAINING_Http__BearerToken, CHECKTRAINING_Http__Stateless   the HTTP host
          CHECKTRAINING_Cache__TtlSeconds, CHECKTRAINING_Cache__Redis    the read cache
          CHECKTRAINING_Stdio__MaxMessageBytes                           the longest stdio message (default 4 MiB)

        Docs: README.md in the package and the repository (Install, Configuration, Troubleshooting).

        """;

    private static readonly string[] Flags = ["--http", "--stdio", "--transport", "--help", "-h", "--version"];

    public static CommandLine Parse(string[] args, string? transportVariable)
    {
        string? transport = null;
        string? unknown = null;
        var hostArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "--transport")
            {
                transport = i + 1 < args.Length ? args[++i].ToLowerInvariant() : "";
                if (transport is not ("http" or "stdio"))
                {
                    unknown ??= $"--transport {transport}".TrimEnd();
                }

                continue;
            }

            if (a.StartsWith('-') && !Flags.Contains(a) && !a.TrimStart('-', '/').Split('=')[0].Contains(':', StringComparison.Ordinal))
            {
                unknown ??= a;
            }

            if (a is not ("--http" or "--stdio" or "--help" or "-h" or "--version"))
            {
                hostArgs.Add(a);
            }
        }

        var http = args.Contains("--http") || transport == "http"
                   || (transport is null && !args.Contains("--stdio") && string.Equals(transportVariable, "http", StringComparison.OrdinalIgnoreCase));
        return new CommandLine(http, args.Contains("--help") || args.Contains("-h"), args.Contains("--version"), unknown, hostArgs.ToArray());
    }
}
