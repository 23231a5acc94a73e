using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Vm.Tests.Support;

/// <summary>Organisation-account messages and transactions signed by several named test keys.</summary>
public static class OrgTxs
{
    public static Msg Create(uint threshold, string name, params string[] keys)
    {
        var create = new MsgCreateMultisig { Threshold = threshold, Name = name };
        foreach (var key in keys) create.PublicKeys.Add(TestKeys.Key(key).PublicKey.ToByteString());
        return new Msg { CreateMultisig = create };
    }

    public static Msg Update(uint threshold, params string[] keys)
    {
        var update = new MsgUpdateMultisig { Threshold = threshold };
        foreach (var key in keys) update.PublicKeys.Add(TestKeys.Key(key).PublicKey.ToByteString());
        return new Msg { UpdateMultisig = update };
    }

    /// <summary>A transaction of <paramref name="msgs"/> from <paramref name="sender"/>, each of <paramref name="signers"/> signing the body (really).</summary>
    public static SignedTx Signed(Address sender, ulong nonce, string[] signers, params Msg[] msgs)
    {
        var body = new TxBody { ChainId = TxBuilder.ChainId, Sender = sender.ToByteString(), Nonce = nonce, GasLimit = 1_000_000, GasPrice = 1 };
        body.Msgs.Add(msgs);
        var bytes = TxDecoder.Sign(body, [.. signers.Select(TestKeys.Key)]);
        var error = TxDecoder.TryDecode(bytes, TxBuilder.ChainId, 1 << 20, out var tx, out var reason);
        Assert.True(error == TxFormatError.None, $"test transaction does not decode: {error} {reason}");
        return tx!;
    }

    public static Msg Transfer(string to, ulong amount) =>
        new() { Transfer = new MsgTransfer { To = TestKeys.Address(to).ToByteString(), Denom = "SER", Amount = amount.ToString(System.Globalization.CultureInfo.InvariantCulture) } };

    public static string Hex(string key) => TestKeys.Key(key).PublicKey.ToString();
}
