using Seratio.Core.Numerics;
using Seratio.Vm.Fees;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Fees;

public class FeeRuleTests
{
    [Fact]
    public void MaxSpend_IsMaxFeePlusSerTransfers()
    {
        var tx = TxBuilder.From("alice").Gas(1_000, 3)
            .Transfer("bob", "40").Transfer("carol", "2").Transfer("bob", "9", denom: "USD").FakeSignature().Build();

        Assert.Equal(new Amount(3_000), FeeRule.MaxFee(tx.Body));
        Assert.Equal(new Amount(3_000 + 42), FeeRule.MaxSpend(tx));
    }

    [Fact]
    public void MaxSpend_Saturates_InsteadOfOverflowing()
    {
        var max = UInt128.MaxValue.ToString();
        var tx = TxBuilder.From("alice").Transfer("bob", max).Transfer("carol", max).FakeSignature().Build();

        Assert.Equal(Amount.MaxValue, FeeRule.MaxSpend(tx));
        Assert.False(FeeRule.TryMaxSpend(tx, out _));
    }

    [Fact]
    public void MaxFee_OfTheLargestLimitAndPrice_DoesNotOverflow()
    {
        var tx = TxBuilder.From("alice").Gas(ulong.MaxValue, ulong.MaxValue).Transfer("bob", 1).FakeSignature().Build();
        Assert.Equal(new Amount((UInt128)ulong.MaxValue * ulong.MaxValue), FeeRule.MaxFee(tx.Body));
    }

    [Theory]
    // gas limit relative to the gas needed, gas price
    [InlineData(0L, 1UL)]
    [InlineData(1L, 1UL)]
    [InlineData(-1L, 1UL)]
    [InlineData(50_000L, 3UL)]
    [InlineData(-5_000L, 3UL)]
    [InlineData(0L, 0UL)]
    public void Charge_IsGasCappedAtTheLimitTimesPrice(long limitMinusGas, ulong price)
    {
        var probe = TxBuilder.From("alice").Gas(100_000, price).Transfer("bob", 1).FakeSignature().Build();
        var tx = TxBuilder.From("alice").Gas((ulong)((long)Blocks.ExpectedGas(probe) + limitMinusGas), price).Transfer("bob", 1).FakeSignature().Build();
        ulong gas = Blocks.ExpectedGas(tx); // the limit's varint may be shorter than the probe's

        var charge = FeeRule.Charge(Blocks.Params, tx.Body, tx.Size);

        ulong charged = Math.Min(gas, tx.Body.GasLimit);
        Assert.Equal(gas, charge.Gas);
        Assert.Equal(charged, charge.GasCharged);
        Assert.Equal(new Amount((UInt128)charged * price), charge.Fee);
        Assert.Equal(gas > tx.Body.GasLimit, charge.OutOfGas);
        Assert.True(charge.Fee <= FeeRule.MaxFee(tx.Body));
    }

    [Theory]
    [InlineData(0UL, 1UL, false)]
    [InlineData(1UL, 1UL, true)]
    [InlineData(2UL, 1UL, true)]
    [InlineData(4UL, 5UL, false)]
    public void MeetsMinGasPrice_ComparesWithParams(ulong price, ulong minimum, bool expected)
    {
        var tx = TxBuilder.From("alice").Gas(100_000, price).Transfer("bob", 1).FakeSignature().Build();
        Assert.Equal(expected, FeeRule.MeetsMinGasPrice(tx.Body, Blocks.Params with { MinGasPrice = minimum }));
    }
}
