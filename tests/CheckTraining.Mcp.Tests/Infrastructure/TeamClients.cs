using ModelContextProtocol.Client;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>A real MCP client over Streamable HTTP for a team server, presenting a bearer credential (token, W&amp;B key or access token).</summary>
public static class TeamClients
{
    public static async Task<McpClient> ConnectAsync(string serverUrl, string bearer) => await McpClient.CreateAsync(
        new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(serverUrl + "/mcp"), TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + bearer },
        }),
        new McpClientOptions { ProtocolVersion = McpServerProcess.ClassicProtocol }, cancellationToken: TestContext.Current.CancellationToken);
}
