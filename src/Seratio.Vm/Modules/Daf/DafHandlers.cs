namespace Seratio.Vm.Modules.Daf;

/// <summary>The DAF's governance handlers, one per message kind. Immutable; thread safe.</summary>
public static class DafHandlers
{
    public static readonly IReadOnlyList<IMsgHandler> All =
    [
        new HandOverAuthorityHandler(),
        new SubmitProposalHandler(),
        new DepositProposalHandler(),
        new VoteHandler(),
        new SetDafMembersHandler(),
        new SetDafParamsHandler(),
    ];
}
