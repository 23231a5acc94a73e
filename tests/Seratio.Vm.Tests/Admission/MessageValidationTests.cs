using CsCheck;
using Seratio.Core.Chain;
using Seratio.Protocol;
using Seratio.Vm.Admission;
using Seratio.Vm.Execution;
using Seratio.Vm.Fees;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Admission;

public class MessageValidationTests
{
    private static ChainParams P => Blocks.Params;

    public static TheoryData<string, ResultCode> Cases => new()
    {
        { "valid", ResultCode.Ok },
        { "zero amount", ResultCode.InvalidMsg },
        { "non-canonical amount", ResultCode.InvalidMsg },
        { "empty amount", ResultCode.InvalidMsg },
        { "unknown denom", ResultCode.InvalidMsg },
        { "lower-case denom", ResultCode.InvalidMsg },
        { "short address", ResultCode.InvalidMsg },
        { "memo too long", ResultCode.InvalidMsg },
        { "no kind", ResultCode.InvalidMsg },
        { "gas limit too low", ResultCode.OutOfGas },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TryValidate_AppliesTheRule(string name, ResultCode expected)
    {
        var tx = TxBuilder.From("alice");
        var body = (name switch
        {
            "valid" => tx.Transfer("bob", "5", memo: new string('x', 256)),
            "zero amount" => tx.Transfer("bob", "0"),
            "non-canonical amount" => tx.Transfer("bob", "05"),
            "empty amount" => tx.Transfer("bob", ""),
            "unknown denom" => tx.Transfer("bob", "5", denom: "ETH"),
            "lower-case denom" => tx.Transfer("bob", "5", denom: "ser"),
            "short address" => tx.Message(new Msg { Transfer = new MsgTransfer { To = Google.Protobuf.ByteString.CopyFrom(new byte[21]), Denom = "SER", Amount = "5" } }),
            "memo too long" => tx.Transfer("bob", "5", memo: new string('x', 257)),
            "no kind" => tx.Message(new Msg()),
            "gas limit too low" => tx.Gas(15_000, 1).Transfer("bob", "5"),
            _ => throw new ArgumentException(name),
        }).Body;

        bool ok = MessageValidation.TryValidate(body, P, out var code, out var reason);

        Assert.Equal(expected, code);
        Assert.Equal(expected == ResultCode.Ok, ok);
        Assert.Equal(ok, reason.Length == 0);
    }

    [Fact]
    public void MinimalGas_EqualsTheGasOfTheSignedTransaction()
    {
        var gen = Gen.Select(Gen.Int[0, 300], Gen.ULong, Gen.Int[1, 5], Gen.ULong[0, 1UL << 40]);
        gen.Sample((memo, amount, count, nonce) =>
        {
            var builder = TxBuilder.From("alice").Nonce(nonce).Gas(1UL << 33, 7).Expiry(nonce / 3);
            for (int i = 0; i < count; i++) builder.Transfer("bob", (amount + 1).ToString(), memo: new string('m', memo));
            var tx = builder.FakeSignature().Build();
            Assert.Equal(GasSchedule.Total(P, tx.Body, tx.Size), FeeRule.MinimalGas(tx.Body, P));
        }, seed: "0mFvOa3QC1Xp", iter: 200, threads: 1);
    }
}
