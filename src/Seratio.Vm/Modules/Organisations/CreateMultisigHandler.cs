using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Organisations;

/// <summary>
/// <see cref="MsgCreateMultisig"/>: any signer creates an organisation account (k-of-n) at
/// <see cref="Multisig.AddressFor"/>(tx hash, message index), an address no key owns, with the keys
/// sorted (<see cref="MultisigRules"/>); ALREADY_EXISTS when an organisation account is already there.
/// Gas <see cref="GasCost"/>. Emits "organisation.created" {address, name, threshold, key...}.
/// Stateless; thread safe.
/// </summary>
public sealed class CreateMultisigHandler : IMsgHandler
{
    public const ulong GasCost = 20_000;
    public const string EventType = "organisation.created";

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.CreateMultisig;
    public string Name => "create-multisig";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.CreateMultisig, out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var create = msg.CreateMultisig;
        var check = Validate(create, out var keys);
        if (!check.IsOk) return check;
        var address = Multisig.AddressFor(context.TxHash, context.MsgIndex);
        if (Multisig.Get(context.State, address) is not null)
            return MsgResult.Fail(ResultCode.AlreadyExists, $"organisation account {address} already exists");
        var account = new MultisigAccountState
        {
            Address = address.ToByteString(),
            Threshold = create.Threshold,
            Name = create.Name,
            Creator = context.Sender.ToByteString(),
            CreatedHeight = context.Block.Height,
            UpdatedHeight = context.Block.Height,
        };
        account.PublicKeys.Add(keys);
        Multisig.Put(context.State, account);
        context.Events.Add(MultisigRules.Event(EventType, account, context.Addresses));
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgCreateMultisig create, out List<Google.Protobuf.ByteString> keys)
    {
        var check = MultisigRules.ValidateKeys(create.PublicKeys, create.Threshold, out keys);
        return check.IsOk ? MultisigRules.ValidateName(create.Name) : check;
    }
}
