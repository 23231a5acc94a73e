using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.Modules.Exchange;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.State;

public class ExchangeStateKeysTests
{
    private static List<byte> Tag() => new(System.Text.Encoding.ASCII.GetBytes("seratio/key"));

    [Fact]
    public void OrderKey_IsSha256OfTagPrefixAndBigEndianId()
    {
        var preimage = Tag();
        preimage.AddRange([ExchangeKeys.OrderPrefix, 0, 0, 0, 0, 0, 0, 1, 2]);
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), ExchangeKeys.Order(0x0102));
    }

    [Fact]
    public void LevelKey_IsMarketSideByteAndSixteenBytePrice()
    {
        var preimage = Tag();
        preimage.AddRange([ExchangeKeys.LevelPrefix, 0, 0, 0, 0, 0, 0, 0, 3, 2]);
        preimage.AddRange(new byte[15]);
        preimage.Add(9);
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), ExchangeKeys.Level(3, OrderSide.Sell, 9));
        Assert.NotEqual(ExchangeKeys.Level(3, OrderSide.Sell, 9), ExchangeKeys.Level(3, OrderSide.Buy, 9));
    }

    [Fact]
    public void OpenCountKey_IsAddressThenMarket()
    {
        var alice = TestKeys.Address("alice");
        var preimage = Tag();
        preimage.Add(ExchangeKeys.OpenCountPrefix);
        preimage.AddRange(alice.ToArray());
        preimage.AddRange([0, 0, 0, 0, 0, 0, 0, 5]);
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), ExchangeKeys.OpenCount(alice, 5));
    }

    [Fact]
    public void OrderListKeys_AreKindOwnerAndChunk_SoOwnerAndOwnerMarketListsNeverCollide()
    {
        var alice = TestKeys.Address("alice");
        var preimage = Tag();
        preimage.AddRange([ExchangeKeys.OrderListPrefix, 1]);
        preimage.AddRange(alice.ToArray());
        var owner = new byte[21];
        owner[0] = 1;
        alice.CopyTo(owner.AsSpan(1));
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), ExchangeKeys.ListCount(owner));
        preimage.AddRange([0, 0, 0, 0, 0, 0, 0, 2]);
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), ExchangeKeys.ListChunk(owner, 2));
    }

    [Fact]
    public void ActionsKey_IsTransientKindThenAddress()
    {
        var bob = TestKeys.Address("bob");
        var preimage = Tag();
        preimage.AddRange([ExchangeKeys.TransientPrefix, 3]);
        preimage.AddRange(bob.ToArray());
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), ExchangeKeys.Actions(bob));
    }

    [Fact]
    public void ExchangePrefixes_StayInTheModuleRange()
    {
        var prefixes = StateKeys.Registry.Where(p => p.Key.StartsWith("exchange/", StringComparison.Ordinal)).Select(p => p.Value).ToList();
        Assert.Equal(16, prefixes.Count);
        Assert.All(prefixes, p => Assert.InRange(p, (byte)0x70, (byte)0x7F));
    }

    [Fact]
    public void EscrowAndTreasury_AreDistinctKeylessAddresses()
    {
        Assert.NotEqual(Exchange.EscrowAddress, Exchange.TreasuryAddress);
        var escrow = Hash32.Sha256(System.Text.Encoding.ASCII.GetBytes("seratio/exchange-escrow")).ToArray()[..20];
        Assert.Equal(escrow, Exchange.EscrowAddress.ToArray());
    }
}
