using Seratio.Protocol;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.State;

namespace Seratio.Vm.Execution;

/// <summary>
/// The step that runs before a block's transactions (docs/consensus.md, "Validator-set changes"): the pending
/// set becomes the next one (so the changes of block H-1 validate H+1), then each evidence is recorded and,
/// with params.jail_on_double_sign, its offender leaves the pending set and is jailed — unless it is the
/// pending set's last validator, which stays (a chain cannot have no validator). A state without sets (a genesis
/// without validators) skips the rotation and records evidence without jailing. Evidence already recorded is
/// skipped (the node refuses such blocks; the Vm stays deterministic anyway). Last, the anchor module records the
/// checkpoint of the parent when the parent's height is a multiple of params.checkpoint_interval
/// (<see cref="Modules.Anchor.CheckpointRecorder"/>). Stateless; thread safe.
/// </summary>
internal static class BeginBlock
{
    public static void Run(IStateView state, BlockContext context)
    {
        RotateAndRecordEvidence(state, context);
        Modules.Anchor.CheckpointRecorder.Run(state, context);
    }

    private static void RotateAndRecordEvidence(IStateView state, BlockContext context)
    {
        var pending = ValidatorStore.ReadPending(state);
        if (pending is not null)
        {
            var next = ValidatorStore.ReadNext(state);
            if (next is null || !next.Equals(pending)) ValidatorStore.WriteNext(state, pending);
        }

        if (context.Evidence.Count == 0) return;
        var changed = false;
        var jailed = ValidatorStore.ReadJailed(state);
        var jailedChanged = false;
        foreach (var evidence in context.Evidence)
        {
            if (ValidatorStore.ReadEvidence(state, evidence.Hash) is not null) continue;
            var key = evidence.Validator.ToArray();
            // A chain without a set in state (none in genesis) records evidence but has nobody to jail.
            int index = pending is null ? -1 : ValidatorStore.IndexOf(pending, key);
            bool jail = pending is not null && context.Params.JailOnDoubleSign && !(index >= 0 && pending.Validators.Count == 1);
            if (jail && index >= 0)
            {
                pending!.Validators.RemoveAt(index);
                changed = true;
            }
            if (jail && ValidatorStore.IndexOf(jailed, key) < 0)
            {
                ValidatorStore.Insert(jailed, new JailedValidator
                {
                    PublicKey = Google.Protobuf.ByteString.CopyFrom(key), JailedAtHeight = context.Height, EvidenceHash = evidence.Hash.ToByteString(),
                });
                jailedChanged = true;
            }
            ValidatorStore.AppendEvidence(state, evidence.Hash, new EvidenceRecord
            {
                Hash = evidence.Hash.ToByteString(),
                Validator = Google.Protobuf.ByteString.CopyFrom(key),
                Height = evidence.Height,
                Round = evidence.Round,
                Type = evidence.Type,
                IncludedHeight = context.Height,
                Jailed = jail,
            });
        }
        if (changed) ValidatorStore.WritePending(state, pending!);
        if (jailedChanged) ValidatorStore.WriteJailed(state, jailed);
    }
}
