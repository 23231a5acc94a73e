using System.Net;
using Seratio.Portal.Api.Live;

namespace Seratio.Portal.Tests.Explorer;

/// <summary>
/// The live streams against a fake node: one upstream shared by every browser, the cap on browsers, keep-alives, a
/// dropped upstream reported and reopened, and the upstream closed when the last browser goes.
/// </summary>
public sealed class LiveStreamTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static readonly LiveOptions Fast = new()
    {
        MaxBrowsersPerStream = 2, KeepAlive = TimeSpan.FromMilliseconds(300), ReconnectDelay = TimeSpan.FromMilliseconds(100),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(400), ConsensusPoll = TimeSpan.FromMilliseconds(100),
    };

    /// <summary>One browser's event stream, read line by line.</summary>
    private sealed class Browser : IDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private Browser(HttpResponseMessage response, StreamReader reader) { _response = response; _reader = reader; }

        public static async Task<Browser> OpenAsync(HttpClient http, string path)
        {
            var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            return new Browser(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        }

        /// <summary>Reads until a line starting with <paramref name="prefix"/> (returns it), or fails after <see cref="Wait"/>.</summary>
        public async Task<string> LineAsync(string prefix)
        {
            using var timeout = new CancellationTokenSource(Wait);
            while (true)
            {
                var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the stream ended");
                if (line.StartsWith(prefix, StringComparison.Ordinal)) return line;
            }
        }

        public void Dispose() { _reader.Dispose(); _response.Dispose(); }
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task TwoBrowsers_ShareOneUpstreamStream_AndBothGetEachBlock()
    {
        await using var portal = await ExplorerPortal.StartAsync(Fast);
        using var first = await Browser.OpenAsync(portal.Http, "/api/stream/blocks");
        using var second = await Browser.OpenAsync(portal.Http, "/api/stream/blocks");
        await Eventually(() => portal.Node.OpenStreams == 1, "the upstream stream");
        portal.Node.Push(31);
        Assert.Contains("\"height\":31", await first.LineAsync("data:"), StringComparison.Ordinal);
        Assert.Contains("\"height\":31", await second.LineAsync("data:"), StringComparison.Ordinal);
        Assert.Equal(1, portal.Node.StreamOpens);
    }

    [Fact]
    public async Task ABrowserJoiningLater_GetsTheRecentBlocksAtOnce_FromTheSameUpstream()
    {
        await using var portal = await ExplorerPortal.StartAsync(Fast);
        using var first = await Browser.OpenAsync(portal.Http, "/api/stream/blocks");
        await Eventually(() => portal.Node.OpenStreams == 1, "the upstream stream");
        portal.Node.Push(31);
        portal.Node.Push(32);
        Assert.Contains("\"height\":32", await first.LineAsync("data: {\"height\":32"), StringComparison.Ordinal);
        using var later = await Browser.OpenAsync(portal.Http, "/api/stream/blocks");
        Assert.Contains("\"height\":31", await later.LineAsync("data:"), StringComparison.Ordinal);
        Assert.Contains("\"height\":32", await later.LineAsync("data:"), StringComparison.Ordinal);
        Assert.Equal(1, portal.Node.StreamOpens);
    }

    [Fact]
    public async Task ABrowserBeyondTheBound_Gets503_AndAPlaceFreesWhenOneLeaves()
    {
        await using var portal = await ExplorerPortal.StartAsync(Fast);
        using var first = await Browser.OpenAsync(portal.Http, "/api/stream/blocks");
        var second = await Browser.OpenAsync(portal.Http, "/api/stream/blocks");

        using (var third = await portal.Http.GetAsync("/api/stream/blocks", HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
            Assert.Contains("at most 2 browsers", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.NotNull(third.Headers.RetryAfter);
        }
        // The other stream has its own bound, and pages are still served.
        using (var consensus = await Browser.OpenAsync(portal.Http, "/api/stream/consensus")) { }
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync("/blocks/1")).Status);

        second.Dispose();
        await Eventually(() =>
        {
            using var again = portal.Http.GetAsync("/api/stream/blocks", HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            return again.StatusCode == HttpStatusCode.OK;
        }, "a place to free");
    }

    [Fact]
    public async Task AQuietStream_GetsKeepAliveComments()
    {
        await using var portal = await ExplorerPortal.StartAsync(Fast);
        using var browser = await Browser.OpenAsync(portal.Http, "/api/stream/blocks");
        Assert.Equal(": keep-alive", await browser.LineAsync(": keep-alive"));
    }

    [Fact]
    public async Task ADroppedUpstream_IsReportedToBrowsers_AndReopened()
    {
        await using var portal = await ExplorerPortal.StartAsync(Fast);
        using var browser = await Browser.OpenAsync(portal.Http, "/api/stream/blocks");
        await Eventually(() => portal.Node.OpenStreams == 1, "the upstream stream");

        portal.Node.DropStreams();
        Assert.Equal("event: upstream", await browser.LineAsync("event: upstream"));
        Assert.Contains("reconnecting", await browser.LineAsync("data:"), StringComparison.Ordinal);

        await Eventually(() => portal.Node.OpenStreams == 1 && portal.Node.StreamOpens == 2, "the upstream to be reopened");
        portal.Node.Push(32);
        Assert.Contains("\"state\":\"live\"", await browser.LineAsync("data:"), StringComparison.Ordinal);
        Assert.Contains("\"height\":32", await browser.LineAsync("data:"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheLastBrowserLeaves_TheUpstreamIsClosed()
    {
        await using var portal = await ExplorerPortal.StartAsync(Fast);
        var browser = await Browser.OpenAsync(portal.Http, "/api/stream/blocks");
        await Eventually(() => portal.Node.OpenStreams == 1, "the upstream stream");
        browser.Dispose();
        await Eventually(() => portal.Node.OpenStreams == 0, "the upstream to close");
    }

    [Fact]
    public async Task TheConsensusStream_SendsTheRoundWithEachValidatorsVotes()
    {
        await using var portal = await ExplorerPortal.StartAsync(Fast);
        using var browser = await Browser.OpenAsync(portal.Http, "/api/stream/consensus");
        Assert.Equal("event: consensus", await browser.LineAsync("event: consensus"));
        var data = await browser.LineAsync("data:");
        Assert.Contains("\"height\":31", data, StringComparison.Ordinal);
        Assert.Contains("\"step\":\"prevote\"", data, StringComparison.Ordinal);
        Assert.Contains("\"prevote\":\"nil\"", data, StringComparison.Ordinal);
    }
}
