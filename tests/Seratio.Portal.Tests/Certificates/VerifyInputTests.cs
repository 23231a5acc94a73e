using System.Net;
using System.Text;
using Seratio.Portal.Hosting;
using Seratio.Portal.Tests.Support;

namespace Seratio.Portal.Tests.Certificates;

/// <summary>
/// What /verify and /api/certificates/verify do with bad or oversized input, on a real portal whose node never answers
/// (so nothing here reaches a node): 400 with a clear message, 413 over the body bound, and the portal keeps serving.
/// </summary>
public sealed class VerifyInputTests : IAsyncLifetime
{
    private SilentNodePortal _portal = null!;
    private HttpClient Http => _portal.Http;

    public async Task InitializeAsync() => _portal = await SilentNodePortal.StartAsync();

    public Task DisposeAsync() => _portal.DisposeAsync().AsTask();

    private static FormUrlEncodedContent Form(string document) => new([new("document", document)]);

    [Theory]
    [InlineData("", "Paste a certificate document")]
    [InlineData("{ not json", "This is not a certificate document")]
    [InlineData("{\"certificate\":{},\"status\":\"active\",\"state_root\":\"00\"}", "carries no proof")]
    public async Task VerifyPage_WithAPasteThatIsNotADocument_Is400WithTheReason(string paste, string expected)
    {
        var response = await Http.PostAsync("/verify", Form(paste));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role=\"alert\"", body, StringComparison.Ordinal);
        Assert.Contains(expected, body, StringComparison.Ordinal);
        Assert.Contains("<textarea", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyPage_OverTheBodyBound_Is413_AndThePortalServesAfter()
    {
        var response = await Http.PostAsync("/verify", Form(new string('x', (int)PortalHost.MaxRequestBodyBytes + 1024)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than the portal accepts (256 KiB)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/verify")).StatusCode);
    }

    [Fact]
    public async Task VerifyPage_JustUnderTheBound_IsRead_AndRefusedAsNotADocument()
    {
        var response = await Http.PostAsync("/verify", Form(new string('x', (int)PortalHost.MaxRequestBodyBytes - 1024)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task VerifyApi_OverTheBound_Is413_WithAndWithoutADeclaredLength()
    {
        var big = new string('x', (int)PortalHost.MaxRequestBodyBytes + 1);
        var declared = await RefusedAsync(new HttpRequestMessage(HttpMethod.Post, "/api/certificates/verify") { Content = new StringContent(big, Encoding.UTF8, "application/json") });
        if (declared is not null) Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/certificates/verify") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))) };
        request.Headers.TransferEncodingChunked = true;
        var streamed = await RefusedAsync(request);
        if (streamed is not null)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
            Assert.Contains("\"valid\":false", await streamed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // Either way the portal keeps serving.
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/verify")).StatusCode);
    }

    /// <summary>
    /// Sends an oversized request: the answer (it must be the refusal), or null when the server cut the upload after
    /// refusing it — a body larger than the socket's send buffer can meet a closed connection before the answer is read.
    /// </summary>
    private async Task<HttpResponseMessage?> RefusedAsync(HttpRequestMessage request)
    {
        using (request)
        {
            try { return await Http.SendAsync(request); }
            catch (HttpRequestException e) when (e.InnerException is IOException) { return null; }
        }
    }

    [Fact]
    public async Task VerifyApi_WithMalformedJson_Is400NamingTheProblem()
    {
        var response = await Http.PostAsync("/api/certificates/verify", new StringContent("{\"certificate\": 7}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a certificate document", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertificatePages_WithAnIdThatIsNotANumber_Are404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/certificates/abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/lots/-")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/records/1.5")).StatusCode);
    }
}
