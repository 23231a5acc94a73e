using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.Modules;
using Seratio.Vm.Modules.Governance;
using Seratio.Vm.Modules.Roles;
using Seratio.Vm.State;

namespace Seratio.Vm.Execution;

/// <summary>
/// Runs a transaction's messages in order against its <see cref="TxState"/>, checking each
/// handler's permission first. Stops at the first failure and reports it as
/// "message i (name): why". Writes and events are left for the caller to keep or drop.
/// Not thread safe (one per block).
/// </summary>
internal sealed class MessageRunner(TxState state, BlockContext block, List<Event> events)
{
    private readonly AddressText _addresses = new();

    public MsgResult Run(TxBody body, Address sender, Hash32 txHash = default)
    {
        var msgs = body.Msgs;
        for (int i = 0; i < msgs.Count; i++)
        {
            var msg = msgs[i];
            var handler = MsgHandlers.For(msg.KindCase);
            if (handler is null)
                return MsgResult.Fail(ResultCode.InvalidMsg, $"message {i} has no known kind ({msg.KindCase}); this node cannot execute it");
            if (!IsPermitted(handler.Permission, sender))
                return MsgResult.Fail(ResultCode.Unauthorized, $"message {i} ({handler.Name}): {Refusal(handler.Permission)}");
            var result = handler.Execute(msg, new MsgContext(state, sender, block, events, _addresses, txHash, (uint)i));
            if (!result.IsOk) return MsgResult.Fail(result.Code, $"message {i} ({handler.Name}): {result.Log}");
        }
        return MsgResult.Ok;
    }

    private bool IsPermitted(Permission permission, Address sender) => permission switch
    {
        // The sender is the only signer; the decoder checked that its key signed.
        Permission.AnySigner => true,
        Permission.Authority => Authority.Is(state, sender),
        Permission.RewardingBody => Roles.Has(state, sender, Role.RewardingBody),
        Permission.Issuer => Roles.Has(state, sender, Role.Issuer),
        _ => throw new InvalidOperationException($"permission {permission} has no check in the executor"),
    };

    private static string Refusal(Permission permission) => permission switch
    {
        Permission.Authority => "only the authority account may send this message",
        Permission.RewardingBody => "the sender lacks the rewarding-body role; the authority grants it with `seratio role grant`",
        Permission.Issuer => "the sender lacks the issuer role; the authority grants it with `seratio role grant`",
        _ => "the sender may not send this message",
    };
}
