using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Hosting.Http;
using CheckTraining.Mcp.Hosting.Http.Security;
using CheckTraining.Mcp.Modal;
using CheckTraining.Mcp.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>The holes a security probe found in the HTTP host (issue 14, part 1), each closed and pinned.</summary>
public sealed class SecurityHoleTests
{
    private static readonly string LongToken = new('k', HttpProtection.MinimumTokenLength);

    private static string Port() => HttpServerProcess.FreePort().ToString(CultureInfo.InvariantCulture);

    private static bool Listening(string port)
    {
        try
        {
            using var tcp = new TcpClient();
            tcp.Connect(IPAddress.Loopback, int.Parse(port, CultureInfo.InvariantCulture));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Several_URLs_in_Http_Url_refuse_to_start_instead_of_binding_all_interfaces_without_a_token()
    {
        var (p, q) = (Port(), Port());
        var (code, stderr) = await RefusedStart.RunAsync(new Dictionary<string, string?>(), $"--Http:Url=http://127.0.0.1:{p}/;http://0.0.0.0:{q}");
        Assert.Equal(2, code);
        Assert.Contains("Http:Url (CHECKTRAINING_Http__Url) must be exactly one URL", stderr);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(Listening(q));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Kestrel_endpoints_from_the_environment_or_the_command_line_refuse_to_start(bool fromEnvironment)
    {
        var q = Port();
        var env = new Dictionary<string, string?>();
        var args = new List<string> { $"--Http:Url=http://127.0.0.1:{Port()}" };
        if (fromEnvironment)
        {
            env["CHECKTRAINING_Kestrel__Endpoints__X__Url"] = $"http://0.0.0.0:{q}";
        }
        else
        {
            args.Add($"--Kestrel:Endpoints:X:Url=http://0.0.0.0:{q}");
        }

        var (code, stderr) = await RefusedStart.RunAsync(env, [.. args]);
        Assert.Equal(2, code);
        Assert.Contains("Kestrel:Endpoints (CHECKTRAINING_Kestrel__Endpoints__*) is not supported", stderr);
        Assert.False(Listening(q));
    }

    [Fact]
    public async Task A_short_bearer_token_beyond_loopback_refuses_to_start_and_says_how_long()
    {
        var (code, stderr) = await RefusedStart.RunAsync(new Dictionary<string, string?>(), $"--Http:Url=http://0.0.0.0:{Port()}", "--Http:BearerToken=x");
        Assert.Equal(2, code);
        Assert.Contains("Http:BearerToken (CHECKTRAINING_Http__BearerToken) is 1 characters long", stderr);
        Assert.Contains("at least 32", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void What_Kestrel_actually_bound_is_checked_after_start()
    {
        var open = new HttpHostOptions();
        Assert.Throws<OptionsConfigurationException>(() => ListenRules.CheckBound(["http://127.0.0.1:3001", "http://0.0.0.0:3002"], open));
        Assert.Throws<OptionsConfigurationException>(() => ListenRules.CheckBound(["http://[::]:3002"], new HttpHostOptions { BearerToken = "short" }));
        ListenRules.CheckBound(["http://127.0.0.1:3001", "http://[::1]:3001", "http://localhost:3001"], open);
        ListenRules.CheckBound(["http://0.0.0.0:3002"], new HttpHostOptions { BearerToken = LongToken });
        ListenRules.CheckBound(["http://0.0.0.0:3002"], new HttpHostOptions { Auth = { Mode = "wandb-key" } });
    }

    [Theory]
    [InlineData("10.1.2.3", false, 403)]
    [InlineData("::ffff:127.0.0.1", false, 200)]
    [InlineData("127.0.0.1", false, 200)]
    [InlineData("10.1.2.3", true, 200)]
    public async Task An_unprotected_server_answers_only_connections_made_to_loopback(string localAddress, bool withToken, int expected)
    {
        var guard = new TransportGuards(new HttpHostOptions { BearerToken = withToken ? LongToken : null });
        var context = new DefaultHttpContext { Connection = { LocalIpAddress = IPAddress.Parse(localAddress) } };
        context.Request.Method = "GET";
        var reached = false;
        await guard.InvokeAsync(context, () =>
        {
            reached = true;
            return Task.CompletedTask;
        });
        Assert.Equal(expected, reached ? 200 : context.Response.StatusCode);
    }

    [Fact]
    public async Task A_POST_without_Content_Type_gets_415_not_a_500_with_a_stack_trace()
    {
        await using var server = await HttpServerProcess.StartAsync();
        using var http = new HttpClient();
        foreach (var contentType in new string?[] { null, "text/plain" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, server.Url + "/mcp")
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"ping"}""")),
            };
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = new(contentType);
            }

            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("text/event-stream");
            var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        }

        Assert.DoesNotContain(server.StderrLines, l => l.Contains("   at ", StringComparison.Ordinal) || l.Contains("fail:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_modal_child_keeps_only_allowed_names_and_loses_every_other_in_any_casing()
    {
        var inherited = new System.Collections.Hashtable
        {
            ["CHECKTRAINING_Wandb__ApiKey"] = "k", ["CHECKTRAINING_Cache__Redis"] = "redis:6379,password=p", ["CHECKTRAINING_HTTP__BEARERTOKEN"] = "t",
            ["checktraining_http__bearertoken"] = "t", ["WANDB_API_KEY"] = "k", ["wandb_api_key"] = "k", ["WANDB_BASE_URL"] = "u",
            ["PATH"] = "/bin", ["HOME"] = "/h", ["MODAL_TOKEN_ID"] = "ak", ["MODAL_TOKEN_SECRET"] = "as", ["HTTPS_PROXY"] = "p", ["no_proxy"] = "x",
            ["SSL_CERT_FILE"] = "c", ["REQUESTS_CA_BUNDLE"] = "c", ["LANG"] = "C.UTF-8", ["LC_ALL"] = "C.UTF-8",
            ["AWS_SECRET_ACCESS_KEY"] = "s", ["HF_TOKEN"] = "h", ["GITHUB_TOKEN"] = "g", ["SSH_AUTH_SOCK"] = "/tmp/a", ["DATABASE_URL"] = "d",
            ["SYSTEMROOT"] = "C:\\Windows",
        };
        string[] stripped =
            ["AWS_SECRET_ACCESS_KEY", "CHECKTRAINING_Cache__Redis", "CHECKTRAINING_HTTP__BEARERTOKEN", "CHECKTRAINING_Wandb__ApiKey", "DATABASE_URL",
             "GITHUB_TOKEN", "HF_TOKEN", "SSH_AUTH_SOCK", "WANDB_API_KEY", "WANDB_BASE_URL", "checktraining_http__bearertoken", "wandb_api_key"];
        Assert.Equal([.. stripped.Append("SYSTEMROOT").Order(StringComparer.Ordinal)], ModalChildEnvironment.NamesToStrip(inherited, windows: false).Order(StringComparer.Ordinal));
        Assert.Equal(stripped, ModalChildEnvironment.NamesToStrip(inherited, windows: true).Order(StringComparer.Ordinal)); // Windows needs it
    }
}
