using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Anchor;

namespace Seratio.Node.Anchoring;

/// <summary>One checkpoint this validator still has to sign: its height and one message per unsigned target.</summary>
public sealed record CheckpointToSign(ulong Height, IReadOnlyList<Msg> Messages);

/// <summary>
/// Decides what a validator signs after a block: among the latest checkpoints (newest first, at most a given number),
/// those whose anchor set holds this validator with this node's anchor address and that lack its signature for some
/// target; for each, one <see cref="MsgSubmitCheckpointSignature"/> per such target, signed with the anchor key over
/// <see cref="CheckpointDigest"/>. Pure given the state; thread safe.
/// </summary>
public static class CheckpointSigningPlan
{
    /// <summary>Why a checkpoint is skipped although this validator is in its set: the registered anchor address is another key's.</summary>
    public sealed record Mismatch(ulong Height, byte[] Registered);

    public static IReadOnlyList<CheckpointToSign> Find(IStateReader state, PublicKey validator, AnchorKey anchorKey, int maxCheckpoints, out Mismatch? mismatch)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(anchorKey);
        mismatch = null;
        var result = new List<CheckpointToSign>();
        ulong count = AnchorStore.ReadCount(state);
        var validatorBytes = validator.ToArray();
        for (ulong i = 0; i < count && i < (ulong)maxCheckpoints; i++)
        {
            ulong height = AnchorStore.ReadHeightAt(state, count - 1 - i);
            if (AnchorStore.ReadCheckpoint(state, height) is not { } checkpoint) continue;
            if (AnchorSets.MemberFor(checkpoint.AnchorSet, validatorBytes) is not { } member) continue;
            if (!member.AnchorAddress.Span.SequenceEqual(anchorKey.Address))
            {
                mismatch ??= new Mismatch(height, member.AnchorAddress.ToByteArray());
                continue;
            }
            var messages = new List<Msg>();
            foreach (var target in checkpoint.Targets)
            {
                if (target.Signatures.Any(s => s.ValidatorPublicKey.Span.SequenceEqual(validatorBytes))) continue;
                var signature = AnchorCrypto.Sign(anchorKey.Key, CheckpointDigest.Of(checkpoint, target.Target));
                messages.Add(new Msg
                {
                    SubmitCheckpointSignature = new MsgSubmitCheckpointSignature
                    {
                        Height = height, Target = target.Target.Name, Signature = ByteString.CopyFrom(signature),
                    },
                });
            }
            if (messages.Count > 0) result.Add(new CheckpointToSign(height, messages));
        }
        return result;
    }
}
