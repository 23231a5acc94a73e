using System.Globalization;
using Seratio.Protocol;
using Seratio.Vm.Modules.Anchor;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// The queries of the anchor module (docs/anchoring.md): a checkpoint by height or the latest ready one, and the
/// checkpoints newest first, paged (page size ≤ 100). Each checkpoint carries, per target, its signatures sorted by
/// signer address and its ready flag. Bad input is InvalidArgument, an unknown height or no ready checkpoint NotFound.
/// Stateless apart from the scope; thread safe.
/// </summary>
internal sealed class AnchorQueryService(QueryScope scope)
{
    public CheckpointResponse GetCheckpoint(GetCheckpointRequest request)
    {
        if (request.Target.Length > 0 && AnchorRules.CheckName(request.Target) is { IsOk: false } bad) throw ApiErrors.Invalid(bad.Log);
        if (request.CheckpointHeight > 0 && request.Target.Length > 0)
            throw ApiErrors.Invalid("target selects the latest ready checkpoint; leave it empty when asking for a checkpoint_height");
        var at = scope.At(request.Height);
        ulong height = request.CheckpointHeight;
        if (height == 0)
        {
            height = LatestReady(at.State, request.Target);
            if (height == 0)
                throw ApiErrors.NotFound(request.Target.Length > 0
                    ? $"no checkpoint is ready for target '{request.Target}' at height {at.Height}; validators sign every params.checkpoint_interval heights (ListCheckpoints shows the signatures so far)"
                    : $"no checkpoint is ready at height {at.Height}; validators sign every params.checkpoint_interval heights (ListCheckpoints shows the signatures so far)");
        }
        var checkpoint = AnchorStore.ReadCheckpoint(at.State, height)
            ?? throw ApiErrors.NotFound(string.Create(CultureInfo.InvariantCulture,
                $"no checkpoint at height {height} (state of height {at.Height}); the latest is at {AnchorStore.ReadLatest(at.State)}, and they fall every params.checkpoint_interval heights"));
        return new CheckpointResponse { Checkpoint = checkpoint, Height = at.Height };
    }

    public ListCheckpointsResponse List(ListCheckpointsRequest request)
    {
        int size = Paging.Size(request.PageSize);
        ulong from = Paging.Position(request.PageToken);
        var at = scope.At(request.Height);
        ulong total = AnchorStore.ReadCount(at.State);
        var response = new ListCheckpointsResponse { Height = at.Height, Total = total };
        for (ulong position = from; position < total && response.Checkpoints.Count < size; position++)
        {
            ulong height = AnchorStore.ReadHeightAt(at.State, total - 1 - position);
            if (AnchorStore.ReadCheckpoint(at.State, height) is { } checkpoint) response.Checkpoints.Add(checkpoint);
        }
        ulong next = from + (ulong)response.Checkpoints.Count;
        if (next < total) response.NextPageToken = Paging.Token(next);
        return response;
    }

    /// <summary>The latest checkpoint ready for <paramref name="target"/>, or for any current target when it is empty; 0 when none.</summary>
    private static ulong LatestReady(Core.State.IStateReader state, string target)
    {
        if (target.Length > 0) return AnchorStore.ReadLatestReady(state, target);
        ulong latest = 0;
        foreach (var t in AnchorStore.ReadTargets(state).Targets) latest = Math.Max(latest, AnchorStore.ReadLatestReady(state, t.Name));
        return latest;
    }
}
