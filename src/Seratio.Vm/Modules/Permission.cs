namespace Seratio.Vm.Modules;

/// <summary>
/// Who may send a message kind. The executor checks it before the handler runs; a new value
/// must come with its check in <see cref="Execution.MessageRunner"/>.
/// </summary>
public enum Permission
{
    /// <summary>Any account whose key signed the transaction (the sender).</summary>
    AnySigner,

    /// <summary>Only the authority account stored in state (<see cref="Governance.Authority"/>).</summary>
    Authority,

    /// <summary>Only an account holding the rewarding-body role (<see cref="Roles.Roles"/>).</summary>
    RewardingBody,

    /// <summary>
    /// Only an account holding the issuer role, for any method or some (the handler checks the
    /// method with <see cref="Roles.Roles.IsIssuerFor(State.IStateView, Core.Addressing.Address, string)"/>).
    /// </summary>
    Issuer,
}
