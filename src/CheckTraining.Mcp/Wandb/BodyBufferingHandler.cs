namespace CheckTraining.Mcp.Wandb;

/// <summary>
/// Reads the whole response body inside each resilience attempt, so the attempt timeout and the overall budget cover
/// a body that stalls after its headers, and a body cut mid-way fails the attempt (an <see cref="HttpRequestException"/>)
/// and is retried like any network fault. Registered innermost, beneath the resilience handler.
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
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
