namespace Seratio.Vm.Modules.Organisations;

/// <summary>The organisation accounts' handlers, one per message kind. Immutable; thread safe.</summary>
public static class OrganisationHandlers
{
    public static readonly IReadOnlyList<IMsgHandler> All = [new CreateMultisigHandler(), new UpdateMultisigHandler()];
}
