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
}
