using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Organisations;

/// <summary>
/// <see cref="MsgUpdateMultisig"/>: an organisation account replaces its own key list and threshold,
/// under the rules of creation (<see cref="MultisigRules"/>). Sent by the account itself, so its
/// current threshold of current keys signs the rotation (the signer check); any other sender is
/// NOT_FOUND. Transactions signed under the old keys and not yet included fail SIGNATURES_MISSING
/// afterwards. Gas <see cref="GasCost"/>. Emits "organisation.updated" {address, name, threshold, key...}.
/// Stateless; thread safe.
/// </summary>
public sealed class UpdateMultisigHandler : IMsgHandler
{
    public const ulong GasCost = 20_000;
    public const string EventType = "organisation.updated";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.UpdateMultisig;
    public string Name => "update-multisig";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => MultisigRules.ValidateKeys(msg.UpdateMultisig.PublicKeys, msg.UpdateMultisig.Threshold, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var update = msg.UpdateMultisig;
        var check = MultisigRules.ValidateKeys(update.PublicKeys, update.Threshold, out var keys);
        if (!check.IsOk) return check;
        var account = Multisig.Get(context.State, context.Sender);
        if (account is null)
            return MsgResult.Fail(ResultCode.NotFound,
                $"the sender {context.Sender} is not an organisation account; only an organisation account changes its keys (send from it with --from ORG --sign-with ...)");
        account.PublicKeys.Clear();
        account.PublicKeys.Add(keys);
        account.Threshold = update.Threshold;
        account.UpdatedHeight = context.Block.Height;
        Multisig.Put(context.State, account);
        context.Events.Add(MultisigRules.Event(EventType, account, context.Addresses));
        return MsgResult.Ok;
    }
}
