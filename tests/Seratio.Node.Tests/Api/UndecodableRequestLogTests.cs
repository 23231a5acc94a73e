using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Seratio.Node.Api;
using Seratio.Node.Tests.P2P;

namespace Seratio.Node.Tests.Api;

public sealed class UndecodableRequestLogTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly LogCapture _logs = new();
    private readonly LoggerFactory _factory;

    public UndecodableRequestLogTests() => _factory = new LoggerFactory([_logs]);

    public void Dispose() => _factory.Dispose();

    private UndecodableRequestLog Create() => new(_factory.CreateLogger<UndecodableRequestLog>(), _time);

    private string[] Warnings() => _logs.Events.Where(e => e.EventId == 1290).Select(e => e.Message).ToArray();

    [Fact]
    public void ABurst_IsOneWarning_ThenTheNextIntervalReportsTheCountSinceWithoutAnException()
    {
        var log = Create();
        for (int i = 0; i < 1_000; i++) log.Record("/seratio.v1.NodeApi/GetStatus");
        Assert.Single(Warnings());
        Assert.StartsWith("1 request(s)", Warnings()[0], StringComparison.Ordinal);

        _time.Advance(UndecodableRequestLog.Interval - TimeSpan.FromMilliseconds(1));
        log.Record("/seratio.v1.NodeApi/SubmitTx");
        Assert.Single(Warnings());

        _time.Advance(TimeSpan.FromMilliseconds(1));
        log.Record("/seratio.v1.NodeApi/GetAccount");
        Assert.Equal(2, Warnings().Length);
        Assert.StartsWith("1001 request(s)", Warnings()[1], StringComparison.Ordinal); // 999 + 1 + this one
        Assert.Contains("/seratio.v1.NodeApi/GetAccount", Warnings()[1], StringComparison.Ordinal);
        Assert.Equal(1_002, log.Total);
        Assert.All(_logs.Events, e => Assert.Equal(LogLevel.Warning, e.Level));
    }
}
