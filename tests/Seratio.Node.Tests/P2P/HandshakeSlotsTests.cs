using Microsoft.Extensions.Time.Testing;
using Seratio.Node.P2P;
using Seratio.Node.P2P.Handshake;

namespace Seratio.Node.Tests.P2P;

/// <summary>Issue 9, finding 4: the accounting of inbound handshakes in progress, on fake time.</summary>
public sealed class HandshakeSlotsTests
{
    private static readonly TimeSpan Hello = TimeSpan.FromMilliseconds(1000);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private HandshakeSlots Slots(int capacity = 3, int perAddress = 4, int perKey = 2) => new(capacity, perAddress, perKey, Hello, _time);

    private static HandshakeSlot Admit(HandshakeSlots slots, string address)
    {
        Assert.True(slots.TryAdmit(address, out var slot, out var refusal), refusal.Reason);
        return slot!;
    }

    [Fact]
    public void Full_UnidentifiedPool_EvictsTheOldest_ForANewHandshake()
    {
        var slots = Slots(capacity: 3);
        var first = Admit(slots, "10.0.0.1");
        var second = Admit(slots, "10.0.0.2");
        var third = Admit(slots, "10.0.0.3");

        var fourth = Admit(slots, "10.0.0.4");

        Assert.True(first.Token.IsCancellationRequested);
        Assert.Equal(HandshakeOutcome.Busy, first.Refusal.Outcome);
        Assert.Contains("MaxPendingHandshakes", first.Refusal.Reason, StringComparison.Ordinal);
        Assert.False(second.Token.IsCancellationRequested || third.Token.IsCancellationRequested || fourth.Token.IsCancellationRequested);
        Assert.Equal(3, slots.Unidentified);
        Assert.Equal(1, slots.Evicted);

        Admit(slots, "10.0.0.5");
        Assert.True(second.Token.IsCancellationRequested); // then the next oldest
        Assert.False(third.Token.IsCancellationRequested);
    }

    [Fact]
    public void Eviction_TakesFromTheAddressHoldingTheMost_SoAPeerOnItsOwnAddressIsTheLastToGo()
    {
        var slots = Slots(capacity: 4);
        var peer = Admit(slots, "192.0.2.7"); // the oldest, alone on its address
        var flood = Enumerable.Range(0, 3).Select(_ => Admit(slots, "10.0.0.1")).ToList();

        flood.Add(Admit(slots, "10.0.0.2"));
        flood.Add(Admit(slots, "10.0.0.3"));

        Assert.False(peer.Token.IsCancellationRequested);
        Assert.True(flood[0].Token.IsCancellationRequested);
        Assert.True(flood[1].Token.IsCancellationRequested);
        Assert.False(flood[2].Token.IsCancellationRequested);

        // Once every address holds one, the oldest goes, whoever it is.
        Admit(slots, "10.0.0.4");
        Assert.True(peer.Token.IsCancellationRequested);
    }

    [Fact]
    public void OneAddress_BeyondItsLimit_IsRefused_WithoutEvictingAnyone()
    {
        var slots = Slots(capacity: 3, perAddress: 2);
        var held = new[] { Admit(slots, "10.0.0.1"), Admit(slots, "10.0.0.1") };

        Assert.False(slots.TryAdmit("10.0.0.1", out var none, out var refusal));
        Assert.Null(none);
        Assert.Equal(HandshakeOutcome.Busy, refusal.Outcome);
        Assert.Contains("MaxPendingHandshakesPerAddress", refusal.Reason, StringComparison.Ordinal);
        Assert.All(held, s => Assert.False(s.Token.IsCancellationRequested));
        Assert.Equal(0, slots.Evicted);

        held[0].Dispose();
        Admit(slots, "10.0.0.1"); // a place given back can be taken again
    }

    [Fact]
    public void IdentifiedHandshakes_AreReserved_NoNumberOfUnidentifiedOnesCanEvictThem()
    {
        var slots = Slots(capacity: 2);
        var validator = Admit(slots, "10.0.0.1");
        var observer = Admit(slots, "10.0.0.2");
        validator.Identified(TestPeers.Id("a"));
        observer.Identified(TestPeers.Id("c"));
        Assert.Equal(0, slots.Unidentified); // their unidentified places are free again

        for (int i = 0; i < 50; i++) Admit(slots, $"10.1.0.{i}");

        Assert.False(validator.Token.IsCancellationRequested);
        Assert.False(observer.Token.IsCancellationRequested);
        Assert.Equal(1, slots.Claims(TestPeers.Id("a")));
        Assert.Equal(2, slots.Unidentified);
        Assert.Equal(48, slots.Evicted);
    }

    [Fact]
    public void ClaimsOnOneKey_BeyondTheLimit_EvictTheOldestClaimOnThatKeyOnly()
    {
        var slots = Slots(capacity: 10, perKey: 2);
        var spoofA1 = Admit(slots, "10.0.0.1");
        var spoofA2 = Admit(slots, "10.0.0.2");
        var otherKey = Admit(slots, "10.0.0.3");
        spoofA1.Identified(TestPeers.Id("a"));
        spoofA2.Identified(TestPeers.Id("a"));
        otherKey.Identified(TestPeers.Id("b"));

        var real = Admit(slots, "192.0.2.7");
        real.Identified(TestPeers.Id("a"));

        Assert.True(spoofA1.Token.IsCancellationRequested);
        Assert.Equal(HandshakeOutcome.Busy, spoofA1.Refusal.Outcome);
        Assert.Contains("MaxPendingHandshakesPerKey", spoofA1.Refusal.Reason, StringComparison.Ordinal);
        Assert.False(spoofA2.Token.IsCancellationRequested || real.Token.IsCancellationRequested || otherKey.Token.IsCancellationRequested);
        Assert.Equal(2, slots.Claims(TestPeers.Id("a")));
        Assert.Equal(1, slots.Claims(TestPeers.Id("b")));

        real.Dispose();
        spoofA2.Dispose();
        spoofA1.Dispose(); // already evicted: nothing more to give back
        Assert.Equal(0, slots.Claims(TestPeers.Id("a")));
    }

    [Fact]
    public void AnEvictedHandshake_WhoseHelloComesLate_DoesNotBecomeAClaim()
    {
        var slots = Slots(capacity: 1, perKey: 1);
        var evicted = Admit(slots, "10.0.0.1");
        var real = Admit(slots, "10.0.0.2");
        real.Identified(TestPeers.Id("a"));

        evicted.Identified(TestPeers.Id("a")); // its Hello was already on its way

        Assert.False(real.Token.IsCancellationRequested);
        Assert.Equal(1, slots.Claims(TestPeers.Id("a")));
        Assert.Equal(HandshakeOutcome.Busy, evicted.Refusal.Outcome);
        evicted.Dispose();
        Assert.Equal(1, slots.Claims(TestPeers.Id("a")));
    }

    [Fact]
    public void TheHello_AndThenTheProof_EachHaveHelloTimeout()
    {
        var slots = Slots();
        var silent = Admit(slots, "10.0.0.1");
        var talking = Admit(slots, "10.0.0.2");

        _time.Advance(TimeSpan.FromMilliseconds(900));
        talking.Identified(TestPeers.Id("a")); // its Hello came: the clock starts again for its proof
        _time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.True(silent.Token.IsCancellationRequested);
        Assert.Equal(HandshakeOutcome.Timeout, silent.Refusal.Outcome);
        Assert.Contains("no Hello within P2P:HelloTimeoutMs", silent.Refusal.Reason, StringComparison.Ordinal);
        Assert.False(talking.Token.IsCancellationRequested);

        _time.Advance(TimeSpan.FromMilliseconds(899));
        Assert.False(talking.Token.IsCancellationRequested);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(talking.Token.IsCancellationRequested);
        Assert.Contains("no proof within P2P:HelloTimeoutMs", talking.Refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Released_Places_AreCountedNoMore()
    {
        var slots = Slots(capacity: 2);
        var a = Admit(slots, "10.0.0.1");
        var b = Admit(slots, "10.0.0.1");
        b.Identified(TestPeers.Id("b"));
        a.Dispose();
        b.Dispose();
        Assert.Equal(0, slots.Unidentified);
        Assert.Equal(0, slots.Claims(TestPeers.Id("b")));
        var c = Admit(slots, "10.0.0.1");
        var d = Admit(slots, "10.0.0.2");
        Assert.False(c.Token.IsCancellationRequested || d.Token.IsCancellationRequested);
        Assert.Equal(0, slots.Evicted);
    }

    [Theory]
    [InlineData(nameof(P2POptions.MaxPendingHandshakesPerKey), 0, "MaxPendingHandshakesPerKey must be 1..64")]
    [InlineData(nameof(P2POptions.HelloTimeoutMs), 10, "HelloTimeoutMs must be 50..5000")]
    [InlineData(nameof(P2POptions.HelloTimeoutMs), 6000, "HelloTimeoutMs must be 50..5000")]
    public void Options_OutOfRange_AreRefused_NamingTheSetting(string setting, int value, string message)
    {
        var options = TestPeers.Options(o => typeof(P2POptions).GetProperty(setting)!.SetValue(o, value));
        var result = new P2POptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }
}
