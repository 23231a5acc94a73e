using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Node.Anchoring;
using Seratio.Node.Consensus;
using Seratio.Node.Tests.Api;
using Seratio.Protocol;
using Seratio.Vm.Modules.Anchor;

namespace Seratio.Node.Tests.Anchoring;

/// <summary>The checkpoint signer over a fake chain and the real pool: what it admits, and that it does not admit it twice.</summary>
public class CheckpointSignerTests
{
    private static readonly SigningKey Me = SigningKey.ForTesting("node-tests/anchoring/me");
    private static readonly SigningKey Other = SigningKey.ForTesting("node-tests/anchoring/other");

    [Fact]
    public void AfterACheckpoint_TheValidatorAdmitsOneTransaction_SigningEveryTarget_AndNotTwice()
    {
        var f = new ApiFixture();
        var record = CheckpointFixtures.Record(10, (Me, CheckpointFixtures.AnchorKey("me")), (Other, CheckpointFixtures.AnchorKey("other")));
        CheckpointFixtures.Store(f.Chain, record);
        var head = f.Chain.Commit().Height;
        var signer = Signer(f, CheckpointFixtures.AnchorKey("me"));

        signer.AfterBlock(head);

        var tx = Assert.Single(f.Pool.Reap(10, 1 << 20));
        Assert.Equal(Me.Address, tx.Sender);
        Assert.Equal(["etc", "eth"], tx.Body.Msgs.Select(m => m.SubmitCheckpointSignature.Target));
        foreach (var msg in tx.Body.Msgs.Select(m => m.SubmitCheckpointSignature))
        {
            Assert.Equal(10UL, msg.Height);
            var target = record.Targets.Single(t => t.Target.Name == msg.Target).Target;
            var recovered = AnchorCrypto.Recover(CheckpointDigest.Of(record, target), msg.Signature.Span, out var problem);
            Assert.True(recovered is not null, problem);
            Assert.Equal(AnchorCrypto.AddressOf(CheckpointFixtures.AnchorKey("me")), recovered);
        }

        signer.AfterBlock(head);
        Assert.Equal(1, f.Pool.Count);
    }

    [Fact]
    public void ATargetAlreadySignedOnChain_IsNotSignedAgain()
    {
        var f = new ApiFixture();
        var record = CheckpointFixtures.Record(10, (Me, CheckpointFixtures.AnchorKey("me")));
        var etc = record.Targets.Single(t => t.Target.Name == "etc");
        etc.Signatures.Add(new CheckpointSignatureRecord { ValidatorPublicKey = Me.PublicKey.ToByteString(), Signer = record.AnchorSet.Members[0].AnchorAddress, Power = 10 });
        CheckpointFixtures.Store(f.Chain, record);

        Signer(f, CheckpointFixtures.AnchorKey("me")).AfterBlock(f.Chain.Commit().Height);

        var tx = Assert.Single(f.Pool.Reap(10, 1 << 20));
        Assert.Equal("eth", Assert.Single(tx.Body.Msgs).SubmitCheckpointSignature.Target);
    }

    [Fact]
    public void WithAnotherKeyThanTheRegisteredOne_OrOutsideTheSet_NothingIsSigned()
    {
        var f = new ApiFixture();
        CheckpointFixtures.Store(f.Chain, CheckpointFixtures.Record(10, (Me, CheckpointFixtures.AnchorKey("me")), (Other, CheckpointFixtures.AnchorKey("other"))));
        var head = f.Chain.Commit().Height;
        var state = new Seratio.Node.Chain.ChainStateReader(f.Chain, head);

        var plan = CheckpointSigningPlan.Find(state, Me.PublicKey, new AnchorKey(CheckpointFixtures.AnchorKey("stolen")), 4, out var mismatch);
        Assert.Empty(plan);
        Assert.Equal(10UL, mismatch!.Height);
        Assert.Empty(CheckpointSigningPlan.Find(state, SigningKey.ForTesting("node-tests/anchoring/outsider").PublicKey,
            new AnchorKey(CheckpointFixtures.AnchorKey("outsider")), 4, out _));

        Signer(f, CheckpointFixtures.AnchorKey("stolen")).AfterBlock(head);
        Assert.Equal(0, f.Pool.Count);
    }

    [Theory]
    [InlineData(nameof(AnchoringOptions.GasLimit), 49_999UL)]
    [InlineData(nameof(AnchoringOptions.ResubmitAfterHeights), 0UL)]
    [InlineData(nameof(AnchoringOptions.MaxCheckpointsPerBlock), 65UL)]
    public void Options_OutOfRange_AreRefused_NamingTheSetting(string setting, ulong value)
    {
        var options = new AnchoringOptions();
        typeof(AnchoringOptions).GetProperty(setting)!.SetValue(options, setting == nameof(AnchoringOptions.MaxCheckpointsPerBlock) ? (object)(int)value : value);
        var result = new AnchoringOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("Anchoring:" + setting, result.FailureMessage);
        Assert.True(new AnchoringOptionsValidator().Validate(null, new AnchoringOptions()).Succeeded);
    }

    private static CheckpointSigner Signer(ApiFixture f, Nethereum.Signer.EthECKey anchor) =>
        new(f.Chain, f.Pool, new ValidatorKey(SigningKey.ForTesting("node-tests/anchoring/me")), new AnchorKey(anchor),
            Options.Create(new AnchoringOptions()), NullLogger<CheckpointSigner>.Instance);
}
