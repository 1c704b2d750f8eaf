using System.Net;
using CheckTraining.Mcp.Json;

namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// Reads the whole response body inside each resilience attempt, so the attempt timeout and the overall budget cover
/// a body that stalls after its headers, and a body cut mid-way fails the attempt and is retried like any network
/// fault: a connection dropped mid-body (an <see cref="HttpRequestException"/>), and a successful answer whose JSON
/// stops short though its HTTP framing was complete (a <see cref="CutShortBodyException"/>, as a proxy or a server
/// that fails mid-write sends). Registered innermost, beneath the resilience handler.
/// </summary>
internal sealed class BodyBufferingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            // The token is the attempt's: the timeout strategy cancels it, which LoadIntoBufferAsync honours mid-body.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            if (response.IsSuccessStatusCode && IsJson(response))
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (JsonCompleteness.IsCutShort(body))
                {
                    throw new CutShortBodyException(response.StatusCode, body.Length);
                }
            }

            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>A successful answer whose JSON body ends before its document does. An <see cref="HttpRequestException"/>, so it is retried as one.</summary>
internal sealed class CutShortBodyException(HttpStatusCode status, int bytes)
    : HttpRequestException(HttpRequestError.ResponseEnded, $"HTTP {(int)status} with a JSON body cut short after {bytes} bytes", null, status)
{
    public int Bytes { get; } = bytes;
}
