using System.Globalization;
using Google.Protobuf;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Anchor;

/// <summary>
/// <see cref="MsgSubmitCheckpointSignature"/>: a validator's anchor-key signature of the checkpoint of <c>height</c>
/// for one target. Permission: the sender must be the account of a validator of the checkpoint's anchor set (the
/// set its anchor_set_hash names; UNAUTHORIZED otherwise). Refusals: no checkpoint at that height
/// (UNKNOWN_CHECKPOINT), no such target in it (UNKNOWN_TARGET), a second signature of the same validator for that
/// target (ALREADY_EXISTS), a malformed or high-s signature or one that does not recover to the validator's
/// anchor address of that set (BAD_ANCHOR_SIGNATURE). A signature is kept sorted by signer address; once the
/// signers hold more than 2/3 of the set's power (signed · 3 &gt; total · 2, as the contract counts) the target is
/// ready. Emits "checkpoint_signed" {height, target, signer, signed_power, total_power, ready} and, when it
/// becomes ready, "checkpoint_ready" {height, target}. Gas <see cref="GasCost"/>. Stateless; thread safe.
/// </summary>
public sealed class SubmitCheckpointSignatureHandler : IMsgHandler
{
    public const string EventType = "checkpoint_signed";
    public const string ReadyEventType = "checkpoint_ready";
    /// <summary>One secp256k1 recovery and the rewrite of one checkpoint record.</summary>
    public const ulong GasCost = 30_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.SubmitCheckpointSignature;
    public string Name => "submit_checkpoint_signature";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;
    public MsgResult Validate(Msg msg, ChainParams p) => AnchorRules.Validate(msg.SubmitCheckpointSignature);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var submit = msg.SubmitCheckpointSignature;
        var check = AnchorRules.Validate(submit);
        if (!check.IsOk) return check;
        var state = context.State;
        var checkpoint = AnchorStore.ReadCheckpoint(state, submit.Height);
        if (checkpoint is null)
            return MsgResult.Fail(ResultCode.UnknownCheckpoint,
                $"no checkpoint was recorded at height {submit.Height}; the latest is at {AnchorStore.ReadLatest(state)} (checkpoints are every params.checkpoint_interval heights)");
        CheckpointTargetState? target = null;
        foreach (var t in checkpoint.Targets)
            if (t.Target.Name == submit.Target) target = t;
        if (target is null)
            return MsgResult.Fail(ResultCode.UnknownTarget,
                $"checkpoint {submit.Height} has no target '{submit.Target}'; its targets are [{string.Join(", ", checkpoint.Targets.Select(t => t.Target.Name))}]");
        AnchorSetMember? member = null;
        foreach (var m in checkpoint.AnchorSet.Members)
            if (new PublicKey(m.ValidatorPublicKey.Span).ToAddress() == context.Sender) member = m;
        if (member is null)
            return MsgResult.Fail(ResultCode.Unauthorized,
                $"the sender {context.Sender} is not the account of a validator in the anchor set of checkpoint {submit.Height}");
        foreach (var s in target.Signatures)
            if (s.ValidatorPublicKey.Equals(member.ValidatorPublicKey))
                return MsgResult.Fail(ResultCode.AlreadyExists,
                    $"validator {Convert.ToHexStringLower(member.ValidatorPublicKey.Span)} already signed checkpoint {submit.Height} for '{submit.Target}'");
        var recovered = AnchorCrypto.Recover(CheckpointDigest.Of(checkpoint, target.Target), submit.Signature.Span, out var problem);
        if (recovered is null) return MsgResult.Fail(ResultCode.BadAnchorSignature, $"signature: {problem}");
        if (!member.AnchorAddress.Span.SequenceEqual(recovered))
            return MsgResult.Fail(ResultCode.BadAnchorSignature,
                $"signature recovers to {AnchorCrypto.Hex(recovered)}, not to the validator's anchor address {AnchorCrypto.Hex(member.AnchorAddress.Span)} in this checkpoint's set; sign the EIP-712 digest of docs/anchoring.md for target '{submit.Target}'");

        int at = 0;
        while (at < target.Signatures.Count && target.Signatures[at].Signer.Span.SequenceCompareTo(member.AnchorAddress.Span) < 0) at++;
        target.Signatures.Insert(at, new CheckpointSignatureRecord
        {
            Signer = member.AnchorAddress, Signature = ByteString.CopyFrom(submit.Signature.Span), ValidatorPublicKey = member.ValidatorPublicKey, Power = member.Power,
        });
        target.SignedPower = checked(target.SignedPower + member.Power);
        bool becameReady = !target.Ready && (UInt128)target.SignedPower * 3 > (UInt128)checkpoint.TotalPower * 2;
        if (becameReady)
        {
            target.Ready = true;
            target.ReadyHeight = context.Block.Height;
            if (AnchorStore.ReadLatestReady(state, submit.Target) < submit.Height) AnchorStore.WriteLatestReady(state, submit.Target, submit.Height);
        }
        AnchorStore.WriteCheckpoint(state, checkpoint);

        string height = submit.Height.ToString(CultureInfo.InvariantCulture);
        var ev = new Event { Type = EventType };
        ev.Attributes.Add(new EventAttribute { Key = "height", Value = height });
        ev.Attributes.Add(new EventAttribute { Key = "target", Value = submit.Target });
        ev.Attributes.Add(new EventAttribute { Key = "signer", Value = AnchorCrypto.Hex(member.AnchorAddress.Span) });
        ev.Attributes.Add(new EventAttribute { Key = "signed_power", Value = target.SignedPower.ToString(CultureInfo.InvariantCulture) });
        ev.Attributes.Add(new EventAttribute { Key = "total_power", Value = checkpoint.TotalPower.ToString(CultureInfo.InvariantCulture) });
        ev.Attributes.Add(new EventAttribute { Key = "ready", Value = target.Ready ? "true" : "false" });
        context.Events.Add(ev);
        if (becameReady)
        {
            var ready = new Event { Type = ReadyEventType };
            ready.Attributes.Add(new EventAttribute { Key = "height", Value = height });
            ready.Attributes.Add(new EventAttribute { Key = "target", Value = submit.Target });
            context.Events.Add(ready);
        }
        return MsgResult.Ok;
    }
}
