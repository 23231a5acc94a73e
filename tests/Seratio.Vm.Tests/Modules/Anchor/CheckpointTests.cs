using Seratio.Protocol;
using Seratio.Vm.Modules.Anchor;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Modules.Anchor;

public class CheckpointTests
{
    /// <summary>v1..vN with anchor keys a1..aN registered in block 1, targets eth (1337) and etc (63); runs to block 3, which records checkpoint 2.</summary>
    private static AnchorChain ReadyChain(int validators = 4, ulong power = 10)
    {
        var names = Enumerable.Range(1, validators).Select(i => ($"v{i}", power)).ToArray();
        var chain = new AnchorChain(names);
        var msgs = names.Select(n => (n.Item1, AnchorChain.Register(n.Item1, "a" + n.Item1[1..]))).ToList();
        msgs.Add((AnchorChain.AuthorityName, AnchorChain.Target("eth", 1337, AnchorChain.EthContract)));
        msgs.Add((AnchorChain.AuthorityName, AnchorChain.Target("etc", 63, AnchorChain.EtcContract)));
        var outcome = chain.Next([.. msgs]);
        Assert.All(outcome.Receipts, r => Assert.Equal(ResultCode.Ok, r.Code));
        chain.RunTo(3);
        return chain;
    }

    private static ResultCode Submit(AnchorChain chain, string sender, ulong height, string target, byte[] signature, out string log)
    {
        var receipt = Assert.Single(chain.Next((sender, AnchorChain.Submit(height, target, signature))).Receipts);
        log = receipt.Log;
        return receipt.Code;
    }

    [Fact]
    public void Checkpoint_OfAnIntervalHeight_IsRecordedInTheNextBlock_FromTheParentsHashAndRoot()
    {
        var chain = ReadyChain();
        Assert.Null(chain.Checkpoint(1));
        var checkpoint = chain.Checkpoint(2)!;

        Assert.Equal(TxBuilder.ChainId, checkpoint.SeratioChainId);
        Assert.Equal(AnchorChain.ParentHashOf(2).ToArray(), checkpoint.BlockHash.ToByteArray());
        Assert.Equal(AnchorChain.ParentRootOf(2).ToArray(), checkpoint.StateRoot.ToByteArray());
        Assert.Equal(3UL, checkpoint.CreatedHeight);
        Assert.Equal(40UL, checkpoint.TotalPower);
        var addresses = checkpoint.AnchorSet.Members.Select(m => Convert.ToHexStringLower(m.AnchorAddress.Span)).ToList();
        Assert.Equal(addresses.Order(StringComparer.Ordinal), addresses);
        Assert.Equal(AnchorSets.Hash(checkpoint.AnchorSet), checkpoint.AnchorSetHash.ToByteArray());
        Assert.Equal(checkpoint.AnchorSetHash, checkpoint.NextAnchorSetHash);
        Assert.Equal(["etc", "eth"], checkpoint.Targets.Select(t => t.Target.Name));
        Assert.Null(chain.Checkpoint(4));
        chain.RunTo(5);
        Assert.NotNull(chain.Checkpoint(4));
    }

    [Fact]
    public void NoCheckpoint_IsRecordedWhileNoValidatorHasAnAnchorKey()
    {
        var chain = new AnchorChain(("v1", 10));
        chain.RunTo(5);
        Assert.Equal(0UL, AnchorStore.ReadLatest(chain.View));
    }

    [Fact]
    public void AValidatorWithoutAKey_IsAbsentFromTheSet_AndAKeyRegisteredLaterJoinsThroughTheNextSet()
    {
        var chain = new AnchorChain(("v1", 10), ("v2", 10), ("v3", 10), ("v4", 10));
        chain.Next(("v1", AnchorChain.Register("v1", "a1")), ("v2", AnchorChain.Register("v2", "a2")), ("v3", AnchorChain.Register("v3", "a3")),
            (AnchorChain.AuthorityName, AnchorChain.Target("eth", 1337, AnchorChain.EthContract)));
        chain.RunTo(3);
        var first = chain.Checkpoint(2)!;
        Assert.Equal(3, first.AnchorSet.Members.Count);
        Assert.Equal(30UL, first.TotalPower);

        chain.Next(("v4", AnchorChain.Register("v4", "a4"))); // block 4
        chain.Next(); // block 5 records checkpoint 4: still signed by the 3, handing over to the 4
        var handover = chain.Checkpoint(4)!;
        Assert.Equal(first.NextAnchorSetHash, handover.AnchorSetHash);
        Assert.Equal(4, handover.NextAnchorSet.Members.Count);
        Assert.NotEqual(handover.AnchorSetHash, handover.NextAnchorSetHash);
        Assert.Equal(ResultCode.Unauthorized, Submit(chain, "v4", 4, "eth", chain.Sign("a4", 4, "eth"), out _));

        chain.RunTo(7);
        var after = chain.Checkpoint(6)!;
        Assert.Equal(handover.NextAnchorSetHash, after.AnchorSetHash);
        Assert.Equal(40UL, after.TotalPower);
        Assert.Equal(ResultCode.Ok, Submit(chain, "v4", 6, "eth", chain.Sign("a4", 6, "eth"), out _));
    }

    [Fact]
    public void Readiness_NeedsMoreThanTwoThirds_SoExactlyTwoThirdsIsNotReady()
    {
        var chain = ReadyChain(validators: 3);
        Assert.Equal(ResultCode.Ok, Submit(chain, "v1", 2, "eth", chain.Sign("a1", 2, "eth"), out _));
        Assert.Equal(ResultCode.Ok, Submit(chain, "v2", 2, "eth", chain.Sign("a2", 2, "eth"), out _));
        var atTwoThirds = chain.Checkpoint(2)!.Targets.Single(t => t.Target.Name == "eth");
        Assert.Equal(20UL, atTwoThirds.SignedPower);
        Assert.False(atTwoThirds.Ready);
        Assert.Equal(0UL, AnchorStore.ReadLatestReady(chain.View, "eth"));

        var last = chain.Next(("v3", AnchorChain.Submit(2, "eth", chain.Sign("a3", 2, "eth"))));
        var receipt = Assert.Single(last.Receipts);
        Assert.Equal(ResultCode.Ok, receipt.Code);
        Assert.Contains(receipt.Events, e => e.Type == SubmitCheckpointSignatureHandler.ReadyEventType);
        var ready = chain.Checkpoint(2)!.Targets.Single(t => t.Target.Name == "eth");
        Assert.True(ready.Ready);
        Assert.Equal(chain.Height, ready.ReadyHeight);
        Assert.Equal(2UL, AnchorStore.ReadLatestReady(chain.View, "eth"));
        Assert.False(chain.Checkpoint(2)!.Targets.Single(t => t.Target.Name == "etc").Ready);
        var signers = ready.Signatures.Select(s => Convert.ToHexStringLower(s.Signer.Span)).ToList();
        Assert.Equal(signers.Order(StringComparer.Ordinal), signers);
    }

    [Fact]
    public void Signature_ForAHeightWithoutCheckpoint_IsUnknownCheckpoint()
    {
        var chain = ReadyChain();
        var signature = chain.Sign("a1", 2, "eth");
        Assert.Equal(ResultCode.UnknownCheckpoint, Submit(chain, "v1", 3, "eth", signature, out var log));
        Assert.Contains("no checkpoint was recorded at height 3", log);
    }

    [Fact]
    public void Signature_ForATargetTheCheckpointLacks_IsUnknownTarget()
    {
        var chain = ReadyChain();
        Assert.Equal(ResultCode.UnknownTarget, Submit(chain, "v1", 2, "bsc", chain.Sign("a1", 2, "eth"), out var log));
        Assert.Contains("[etc, eth]", log);
    }

    [Fact]
    public void Signature_FromAnAccountOutsideTheSet_IsUnauthorized()
    {
        var chain = ReadyChain();
        Assert.Equal(ResultCode.Unauthorized, Submit(chain, "mallory", 2, "eth", chain.Sign("a1", 2, "eth"), out _));
    }

    [Fact]
    public void ASecondSignatureOfTheSameValidatorAndTarget_IsRefused()
    {
        var chain = ReadyChain();
        var signature = chain.Sign("a1", 2, "eth");
        Assert.Equal(ResultCode.Ok, Submit(chain, "v1", 2, "eth", signature, out _));
        Assert.Equal(ResultCode.AlreadyExists, Submit(chain, "v1", 2, "eth", signature, out _));
        Assert.Equal(10UL, chain.Checkpoint(2)!.Targets.Single(t => t.Target.Name == "eth").SignedPower);
    }

    [Fact]
    public void HighSTwin_OfAValidSignature_IsRefused()
    {
        var chain = ReadyChain();
        var high = RegisterAnchorKeyHandlerTests.HighS(chain.Sign("a1", 2, "eth"));
        Assert.Equal(ResultCode.BadAnchorSignature, Submit(chain, "v1", 2, "eth", high, out var log));
        Assert.Contains("not low", log);
    }

    [Fact]
    public void ASignatureForTheOtherTargetsDomain_IsRefused()
    {
        var chain = ReadyChain();
        Assert.Equal(ResultCode.BadAnchorSignature, Submit(chain, "v1", 2, "etc", chain.Sign("a1", 2, "eth"), out var log));
        Assert.Contains("recovers to", log);
    }

    [Fact]
    public void ASignatureByAnotherValidatorsAnchorKey_IsRefused()
    {
        var chain = ReadyChain();
        Assert.Equal(ResultCode.BadAnchorSignature, Submit(chain, "v1", 2, "eth", chain.Sign("a2", 2, "eth"), out _));
    }

    [Fact]
    public void SetAnchorTarget_IsForTheAuthorityOnly_AndRemovingAnAbsentTargetIsNotFound()
    {
        var chain = new AnchorChain(("v1", 10));
        var denied = Assert.Single(chain.Next(("mallory", AnchorChain.Target("eth", 1, AnchorChain.EthContract))).Receipts);
        Assert.Equal(ResultCode.Unauthorized, denied.Code);
        var remove = new Msg { SetAnchorTarget = new MsgSetAnchorTarget { Name = "eth", Remove = true } };
        Assert.Equal(ResultCode.NotFound, Assert.Single(chain.Next((AnchorChain.AuthorityName, remove)).Receipts).Code);
        Assert.Equal(ResultCode.Ok, Assert.Single(chain.Next((AnchorChain.AuthorityName, AnchorChain.Target("eth", 1, AnchorChain.EthContract))).Receipts).Code);
        Assert.Equal(ResultCode.Ok, Assert.Single(chain.Next((AnchorChain.AuthorityName, remove)).Receipts).Code);
        Assert.Empty(AnchorStore.ReadTargets(chain.View).Targets);
    }
}
