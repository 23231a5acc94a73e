using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Anchor;

/// <summary>
/// Records checkpoints (docs/anchoring.md, "Checkpoints on chain"). The block hash and state root of height H are
/// known only once H is decided, so the checkpoint of every H that is a multiple of params.checkpoint_interval is
/// recorded in the begin-block of H + 1, from the parent hash and parent state root the block context carries (the
/// header of H + 1 names the one and commits to the other). Its anchor set is the signing set (the previous
/// checkpoint's next set; for the first checkpoint, the set computed now); its next set is the anchor set of the
/// "next" validator set as it stands after the rotation of H + 1, with the keys registered up to H — unchanged
/// when that set would be empty. No checkpoint is recorded while no validator has an anchor key. The targets are
/// copied as they stand, each with no signature yet. Interval 0 records nothing. Stateless; thread safe.
/// </summary>
internal static class CheckpointRecorder
{
    public static void Run(IStateView state, BlockContext context)
    {
        ulong interval = context.Params.CheckpointInterval;
        if (interval == 0 || context.Height < 2) return;
        ulong height = context.Height - 1;
        if (height % interval != 0) return;
        if (context.ParentHash.IsZero || context.ParentStateRoot.IsZero)
            throw new InvalidOperationException($"block {context.Height} records the checkpoint of {height} but its context lacks the parent's hash or state root");
        if (ValidatorStore.ReadNext(state) is not { } validators) return;

        var next = AnchorSets.Of(validators, state);
        var signing = AnchorStore.ReadSigningSet(state);
        if (signing is null)
        {
            if (next.Members.Count == 0) return;
            signing = next;
        }
        if (next.Members.Count == 0) next = signing;

        var checkpoint = new CheckpointRecord
        {
            SeratioChainId = context.ChainId,
            Height = height,
            BlockHash = context.ParentHash.ToByteString(),
            StateRoot = context.ParentStateRoot.ToByteString(),
            AnchorSetHash = AnchorSets.Copy(AnchorSets.Hash(signing)),
            NextAnchorSetHash = AnchorSets.Copy(AnchorSets.Hash(next)),
            AnchorSet = signing,
            NextAnchorSet = next,
            TotalPower = AnchorSets.TotalPower(signing),
            CreatedHeight = context.Height,
        };
        foreach (var target in AnchorStore.ReadTargets(state).Targets)
            checkpoint.Targets.Add(new CheckpointTargetState { Target = target });
        AnchorStore.AppendCheckpoint(state, checkpoint);
        AnchorStore.WriteSigningSet(state, next);
    }
}
