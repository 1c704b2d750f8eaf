using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using CheckTraining.Mcp.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>
/// Arguments no SDK client would send, written as raw JSON-RPC lines to the server's own registration: each gets a
/// clear -32602 or a tool error that names the argument, never the SDK's bare -32603, and nothing runs for it.
/// </summary>
public sealed class MalformedArgumentsTests : IAsyncDisposable
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _fromServer = new();
    private readonly StreamReader _replies;
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public MalformedArgumentsTests()
    {
        // No W&B key and a dead URL: anything that got past the checks would fail loudly with another message.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Wandb:BaseUrl"] = "http://127.0.0.1:9", ["Modal:CliPath"] = "/nonexistent/modal",
            [CheckTraining.Mcp.Wandb.WandbApiKeyProvider.NetrcSetting] = "/nonexistent/netrc", // never the machine's own
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCheckTraining(configuration).WithStreamServerTransport(_toServer.Reader.AsStream(), _fromServer.Writer.AsStream());
        _services = services.BuildServiceProvider();
        _running = _services.GetRequiredService<McpServer>().RunAsync(_stop.Token);
        _replies = new StreamReader(_fromServer.Reader.AsStream(), Encoding.UTF8);
    }

    private async Task<JsonElement> AskAsync(string line)
    {
        await _toServer.Writer.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), TestContext.Current.CancellationToken);
        var reply = await _replies.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        return JsonDocument.Parse(reply!).RootElement.Clone();
    }

    private async Task InitializeAsync()
    {
        await AskAsync("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""");
        await _toServer.Writer.WriteAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}"""u8.ToArray().Append((byte)'\n').ToArray(), TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("""{"name":"get_run_metrics","arguments":[1,2]}""", "arguments must be a JSON object of named arguments", "got an array")]
    [InlineData("""{"name":"get_run_metrics","arguments":"latest"}""", "arguments must be a JSON object of named arguments", "got a string")]
    [InlineData("""{"name":"get_run_metrics","arguments":{"run":"\ud800"}}""", "argument 'run' holds invalid text (a lone UTF-16 surrogate)", null)]
    public async Task A_call_whose_arguments_cannot_be_read_gets_invalid_params(string parameters, string expected, string? also)
    {
        await InitializeAsync();
        var reply = await AskAsync($$"""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{{parameters}}}""");
        var error = reply.GetProperty("error");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains(expected, error.GetProperty("message").GetString());
        if (also is not null)
        {
            Assert.Contains(also, error.GetProperty("message").GetString());
        }
    }

    [Theory]
    [InlineData("""{"request":5}""", "prompt arguments are strings; 'request' is a number")]
    [InlineData("""{"request":["latest"]}""", "prompt arguments are strings; 'request' is an array")]
    [InlineData("""{"request":"\udc00x"}""", "argument 'request' holds invalid text")]
    public async Task A_prompt_argument_that_is_not_a_string_gets_invalid_params(string arguments, string expected)
    {
        await InitializeAsync();
        var reply = await AskAsync("""{"jsonrpc":"2.0","id":8,"method":"prompts/get","params":{"name":"check-training","arguments":""" + arguments + "}}");
        var error = reply.GetProperty("error");
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains(expected, error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("list_recent_runs", """{"limit":"abc"}""", "argument 'limit' must be a whole number; got a string")]
    [InlineData("list_recent_runs", """{"limit":2.5}""", "argument 'limit' must be a whole number; got a number")]
    [InlineData("get_run_logs", """{"tail":4294967296}""", "argument 'tail' must be a whole number; got a whole number out of range")]
    [InlineData("plot_run", """{"metrics":"batch/loss"}""", "argument 'metrics' must be an array of strings; got a string")]
    [InlineData("plot_run", """{"metrics":["batch/loss",3]}""", "argument 'metrics' must be an array of strings; got an array")]
    [InlineData("check_training", """{"include_checkpoints":"yes"}""", "argument 'include_checkpoints' must be true or false; got a string")]
    [InlineData("check_training", """{"runn":"latest"}""", "'check_training' has no argument 'runn'. Its arguments: run, include_checkpoints.")]
    public async Task A_wrong_type_is_a_tool_error_naming_the_argument_from_the_listed_schema(string tool, string arguments, string expected)
    {
        await InitializeAsync();
        var reply = await AskAsync("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}");
        var result = reply.GetProperty("result");
        Assert.True(result.GetProperty("isError").GetBoolean());
        var text = result.GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.Contains(expected, text);
        Assert.DoesNotContain("System.", text); // never a .NET type name
    }

    [Fact]
    public async Task A_null_argument_means_not_given_and_its_default_applies()
    {
        await InitializeAsync();
        var reply = await AskAsync("""{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"get_run_logs","arguments":{"run":null,"tail":null,"contains":null}}}""");
        var text = reply.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.DoesNotContain("argument", text); // past the argument check: what stops it now is the missing key
        Assert.Contains("W&B is not set up for this server yet", text);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _toServer.Writer.Complete();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        await _services.DisposeAsync();
        _stop.Dispose();
    }
}
