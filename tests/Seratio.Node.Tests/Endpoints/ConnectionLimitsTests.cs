using System.Net;
using Seratio.Node.Endpoints;

namespace Seratio.Node.Tests.Endpoints;

public sealed class ConnectionLimitsTests
{
    private static readonly IPAddress A = IPAddress.Parse("10.0.0.1");
    private static readonly IPAddress B = IPAddress.Parse("10.0.0.2");

    [Fact]
    public void Gate_BoundsEachAddress_AndTheTotal_AndGivesSlotsBack()
    {
        var gate = new ConnectionGate("api", maxConnections: 3, maxPerAddress: 2);
        Assert.True(gate.TryEnter(A));
        Assert.True(gate.TryEnter(A));
        Assert.False(gate.TryEnter(A));                      // per address
        Assert.True(gate.TryEnter(B));
        Assert.False(gate.TryEnter(IPAddress.Parse("10.0.0.3"))); // total
        Assert.Equal(3, gate.Open);
        Assert.Equal(2, gate.Refused);

        gate.Exit(A);
        Assert.True(gate.TryEnter(IPAddress.Parse("10.0.0.3")));
        gate.Exit(B);
        Assert.True(gate.TryEnter(A));
        Assert.False(gate.TryEnter(A));
    }

    [Fact]
    public void Gate_CountsAnIPv4MappedAddressAsItsIPv4Address()
    {
        var gate = new ConnectionGate("p2p", maxConnections: 10, maxPerAddress: 1);
        Assert.True(gate.TryEnter(A));
        Assert.False(gate.TryEnter(A.MapToIPv6()));
        gate.Exit(A.MapToIPv6());
        Assert.True(gate.TryEnter(A));
    }

    [Theory]
    [InlineData(null, 2048, 128, 256, 32, 32)]         // unknown limit: as configured
    [InlineData(1_048_576L, 2048, 128, 256, 32, 32)]   // plenty of descriptors
    [InlineData(4096L, 1843, 128, 256, 32, 32)]        // 3,072 beyond the reserve: the API gets 6/10
    [InlineData(1024L, 32, 32, 32, 32, 8)]             // nothing beyond the reserve: a floor of 32 (metrics 8), never 0
    public void Budget_CutsEachListenerToItsShareOfTheDescriptorsBeyondTheReserve(long? limit, int api, int apiPer, int p2p, int p2pPer, int metrics)
    {
        var budget = ConnectionBudget.From(new ConnectionLimitsOptions(), limit);
        Assert.Equal((api, apiPer, p2p, p2pPer, metrics), (budget.Api, budget.ApiPerAddress, budget.P2P, budget.P2PPerAddress, budget.Metrics));
    }

    [Fact]
    public void DescriptorLimit_IsReadOnLinux()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.True(ConnectionBudget.ReadDescriptorLimit() is > 0);
    }

    [Theory]
    [InlineData(0, 1000, 30_000, false)]
    [InlineData(10, 32, 30_000, false)]
    [InlineData(10, 1024, 500, false)]
    [InlineData(10, 1024, 30_000, true)]
    public void Options_AreValidated(int apiMax, int reserve, int idle, bool valid) =>
        Assert.Equal(valid, new ConnectionLimitsOptionsValidator().Validate(null,
            new ConnectionLimitsOptions { ApiMaxConnections = apiMax, DescriptorReserve = reserve, IdleTimeoutMs = idle }).Succeeded);
}
