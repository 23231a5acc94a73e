using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Seratio.Node.Chain;
using Seratio.Node.Hosting;
using Seratio.Node.Metrics;
using Seratio.Node.Tests.Mempool;

namespace Seratio.Node.Tests.Metrics;

/// <summary>The node host with Metrics:Listen: a separate HTTP/1.1 listener that serves /metrics only.</summary>
public sealed class MetricsHostTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("seratio-metrics-test-");
    private readonly FakeChain _chain = new();

    public MetricsHostTests() => Directory.CreateDirectory(Path.Combine(_home.FullName, "config"));

    public void Dispose() => _home.Delete(recursive: true);

    private WebApplication Build(params string[] overrides)
    {
        File.WriteAllText(Path.Combine(_home.FullName, "config", "node.json"), "{}");
        return NodeHost.Build(_home.FullName, overrides, (services, _, _) => services.AddSingleton<IChainReader>(_chain));
    }

    [Fact]
    public void Build_WithoutMetricsListen_ReportsToNowhere()
    {
        var app = Build("--Api:Listen=127.0.0.1:0");
        Assert.Same(NullNodeMetrics.Instance, app.Services.GetRequiredService<INodeMetrics>());
    }

    [Theory]
    [InlineData("nowhere", "Metrics:Listen")]
    [InlineData("127.0.0.1:9090", "another port than Api:Listen")]
    public void Build_WithUnusableMetricsListen_FailsNamingTheSetting(string listen, string expected)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Build("--Api:Listen=127.0.0.1:9090", $"--Metrics:Listen={listen}"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithMetricsListen_ServesMetricsThereAndNothingElse()
    {
        int port = TestPorts.Free();
        await using var app = Build("--Api:Listen=127.0.0.1:0", $"--Metrics:Listen=127.0.0.1:{port}");
        await app.StartAsync();
        try
        {
            app.Services.GetRequiredService<INodeMetrics>().EvidenceSeen();
            using var http = new HttpClient();
            var page = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
            Assert.Contains("seratio_chain_height 0", page, StringComparison.Ordinal);
            Assert.Contains("seratio_mempool_txs 0", page, StringComparison.Ordinal);
            Assert.Contains("seratio_evidence_seen_total 1", page, StringComparison.Ordinal);
            using var other = await http.GetAsync($"http://127.0.0.1:{port}/seratio.v1.NodeApi/GetStatus");
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
