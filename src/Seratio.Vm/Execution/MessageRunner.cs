using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.Modules;
using Seratio.Vm.Modules.Governance;
using Seratio.Vm.Modules.Roles;
using Seratio.Vm.State;

namespace Seratio.Vm.Execution;

/// <summary>
/// Runs messages in order against a view (a transaction's <see cref="TxState"/>, or the child view in which the DAF
/// executes a passed proposal as the authority), checking each handler's permission first. Stops at the first failure
/// and reports it as "message i (name): why". Writes and events are left for the caller to keep or drop: the same
/// rules for a signed transaction and for a proposal. Not thread safe (one per block, or one per execution).
/// </summary>
internal sealed class MessageRunner(IStateView state, BlockContext block, List<Event> events, AddressText? addresses = null)
{
    private readonly AddressText _addresses = addresses ?? new();

    public MsgResult Run(TxBody body, Address sender, Hash32 txHash = default) => Run(body.Msgs, sender, txHash);

    public MsgResult Run(IReadOnlyList<Msg> msgs, Address sender, Hash32 txHash = default)
    {
        for (int i = 0; i < msgs.Count; i++)
        {
            var msg = msgs[i];
            var handler = MsgHandlers.For(msg.KindCase);
            if (handler is null)
                return MsgResult.Fail(ResultCode.InvalidMsg, $"message {i} has no known kind ({msg.KindCase}); this node cannot execute it");
            if (!IsPermitted(state, handler.Permission, sender))
                return MsgResult.Fail(ResultCode.Unauthorized, $"message {i} ({handler.Name}): {Refusal(state, handler.Permission)}");
            var result = handler.Execute(msg, new MsgContext(state, sender, block, events, _addresses, txHash, (uint)i));
            if (!result.IsOk) return MsgResult.Fail(result.Code, $"message {i} ({handler.Name}): {result.Log}");
        }
        return MsgResult.Ok;
    }

    /// <summary>Whether <paramref name="sender"/> may send a message that needs <paramref name="permission"/>.</summary>
    public static bool IsPermitted(IStateView state, Permission permission, Address sender) => permission switch
    {
        // The sender is the only signer, or an organisation account whose signatures the signer check counted.
        Permission.AnySigner => true,
        Permission.Authority => Authority.Is(state, sender),
        Permission.RewardingBody => Roles.Has(state, sender, Role.RewardingBody),
        Permission.Issuer => Roles.Has(state, sender, Role.Issuer),
        _ => throw new InvalidOperationException($"permission {permission} has no check in the executor"),
    };

    /// <summary>Why a sender without <paramref name="permission"/> was refused, and what to do.</summary>
    public static string Refusal(IStateView state, Permission permission) => permission switch
    {
        Permission.Authority when Modules.Daf.Daf.Governs(state) =>
            "only the authority account may send this message: the DAF governs this chain; submit a proposal: seratio daf propose",
        Permission.Authority => "only the authority account may send this message",
        Permission.RewardingBody => "the sender lacks the rewarding-body role; the authority grants it with `seratio role grant`",
        Permission.Issuer => "the sender lacks the issuer role; the authority grants it with `seratio role grant`",
        _ => "the sender may not send this message",
    };
}
