using Google.Protobuf;
using Seratio.Protocol;
using Seratio.Vm.Modules.Anchor;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Modules.Anchor;

public class RegisterAnchorKeyHandlerTests
{
    private static readonly (string, ulong)[] Four = [("v1", 10), ("v2", 10), ("v3", 10), ("v4", 10)];

    [Fact]
    public void Register_WithAValidProof_BindsTheAddressToTheValidator()
    {
        var chain = new AnchorChain(Four);
        var receipt = Assert.Single(chain.Next(("v1", AnchorChain.Register("v1", "a1"))).Receipts);

        Assert.Equal(ResultCode.Ok, receipt.Code);
        var record = AnchorStore.ReadKey(chain.View, TestKeys.Key("v1").PublicKey.ToArray())!;
        Assert.Equal(AnchorChain.AnchorAddress("a1"), record.AnchorAddress.ToByteArray());
        Assert.Equal(1UL, record.RegisteredHeight);
        Assert.Equal(RegisterAnchorKeyHandler.EventType, Assert.Single(receipt.Events).Type);
    }

    [Fact]
    public void Register_WithAProofForAnotherChainId_IsABadAnchorSignature()
    {
        var chain = new AnchorChain(Four);
        var receipt = Assert.Single(chain.Next(("v1", AnchorChain.Register("v1", "a1", chainId: "seratio-other"))).Receipts);

        Assert.Equal(ResultCode.BadAnchorSignature, receipt.Code);
        Assert.Contains("chain id \"seratio-test\"", receipt.Log);
        Assert.Null(AnchorStore.ReadKey(chain.View, TestKeys.Key("v1").PublicKey.ToArray()));
    }

    [Fact]
    public void Register_WithTheProofOfAnotherKey_IsABadAnchorSignature()
    {
        var chain = new AnchorChain(Four);
        var msg = AnchorChain.Register("v1", "a1");
        msg.RegisterAnchorKey.AnchorAddress = ByteString.CopyFrom(AnchorChain.AnchorAddress("someone-else"));
        var receipt = Assert.Single(chain.Next(("v1", msg)).Receipts);

        Assert.Equal(ResultCode.BadAnchorSignature, receipt.Code);
        Assert.Contains("recovers to " + AnchorCrypto.Hex(AnchorChain.AnchorAddress("a1")), receipt.Log);
    }

    [Fact]
    public void Register_WithTheHighSTwinOfAValidProof_IsRefused()
    {
        var chain = new AnchorChain(Four);
        var msg = AnchorChain.Register("v1", "a1");
        var high = HighS(msg.RegisterAnchorKey.Proof.ToByteArray());
        Assert.Equal(AnchorChain.AnchorAddress("a1"), RecoverIgnoringLowS(high, TestKeys.Key("v1").PublicKey.ToArray()));
        msg.RegisterAnchorKey.Proof = ByteString.CopyFrom(high);
        var receipt = Assert.Single(chain.Next(("v1", msg)).Receipts);

        Assert.Equal(ResultCode.BadAnchorSignature, receipt.Code);
        Assert.Contains("not low", receipt.Log);
    }

    [Fact]
    public void Register_ByAnAccountThatIsNotAValidator_IsUnauthorized()
    {
        var chain = new AnchorChain(Four);
        var receipt = Assert.Single(chain.Next(("mallory", AnchorChain.Register("mallory", "m"))).Receipts);

        Assert.Equal(ResultCode.Unauthorized, receipt.Code);
        Assert.Contains("not in the next or pending validator set", receipt.Log);
    }

    [Fact]
    public void Register_ForAnotherValidatorsKey_IsUnauthorized()
    {
        var chain = new AnchorChain(Four);
        var receipt = Assert.Single(chain.Next(("v2", AnchorChain.Register("v1", "a1"))).Receipts);

        Assert.Equal(ResultCode.Unauthorized, receipt.Code);
        Assert.Contains("not the account of validator", receipt.Log);
    }

    [Fact]
    public void Register_AnAddressAnotherValidatorHolds_IsRefused_ButReRegisteringReplaces()
    {
        var chain = new AnchorChain(Four);
        chain.Next(("v1", AnchorChain.Register("v1", "a1")));
        var taken = Assert.Single(chain.Next(("v2", AnchorChain.Register("v2", "a1"))).Receipts);
        Assert.Equal(ResultCode.AlreadyExists, taken.Code);

        var replaced = Assert.Single(chain.Next(("v1", AnchorChain.Register("v1", "a1-new"))).Receipts);
        Assert.Equal(ResultCode.Ok, replaced.Code);
        Assert.Equal(AnchorChain.AnchorAddress("a1-new"), AnchorStore.ReadKey(chain.View, TestKeys.Key("v1").PublicKey.ToArray())!.AnchorAddress.ToByteArray());
        // The old address is free again.
        Assert.Equal(ResultCode.Ok, Assert.Single(chain.Next(("v2", AnchorChain.Register("v2", "a1"))).Receipts).Code);
    }

    /// <summary>n − s with the other v: the malleable twin that recovers to the same signer.</summary>
    internal static byte[] HighS(byte[] signature)
    {
        var s = new System.Numerics.BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var high = (AnchorCrypto.CurveOrder - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        var twin = (byte[])signature.Clone();
        Array.Clear(twin, 32, 32);
        high.CopyTo(twin, 64 - high.Length);
        twin[64] = signature[64] == 27 ? (byte)28 : (byte)27;
        return twin;
    }

    private static byte[] RecoverIgnoringLowS(byte[] signature, byte[] validatorKey)
    {
        var sig = Nethereum.Signer.EthECDSASignatureFactory.FromComponents(signature[..32], signature[32..64], signature[64]);
        var key = Nethereum.Signer.EthECKey.RecoverFromSignature(sig, AnchorKeyProof.Digest(validatorKey, TxBuilder.ChainId));
        return AnchorCrypto.AddressOf(key);
    }
}
