namespace Seratio.Vm.Modules.Grants;

/// <summary>The conviction grants' handlers, one per message kind. Immutable; thread safe.</summary>
public static class GrantHandlers
{
    public static readonly IReadOnlyList<IMsgHandler> All =
        [new RequestGrantHandler(), new StakeGrantHandler(), new UnstakeGrantHandler(), new WithdrawGrantHandler()];
}
