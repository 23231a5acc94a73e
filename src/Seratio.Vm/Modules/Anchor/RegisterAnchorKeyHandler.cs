using System.Globalization;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Validators;

namespace Seratio.Vm.Modules.Anchor;

/// <summary>
/// <see cref="MsgRegisterAnchorKey"/>: a validator binds its secp256k1 anchor address. Permission: the sender must be
/// the account of <c>validator_public_key</c> (the address of that Ed25519 key, as for block proposers), and the key
/// must be in the next or pending validator set. The proof must be the anchor key's low-s signature of
/// <see cref="AnchorKeyProof.Digest"/> for this chain (BAD_ANCHOR_SIGNATURE otherwise); an address another validator
/// holds is ALREADY_EXISTS. Re-registering replaces the key; anchor sets computed from then on (the next checkpoint's
/// next set) carry it. Emits "anchor_key_registered" {validator, anchor_address}. Gas <see cref="GasCost"/>.
/// Stateless; thread safe.
/// </summary>
public sealed class RegisterAnchorKeyHandler : IMsgHandler
{
    public const string EventType = "anchor_key_registered";
    /// <summary>One secp256k1 recovery (the costliest step) and three small writes.</summary>
    public const ulong GasCost = 30_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.RegisterAnchorKey;
    public string Name => "register_anchor_key";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;
    public MsgResult Validate(Msg msg, ChainParams p) => AnchorRules.Validate(msg.RegisterAnchorKey);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var register = msg.RegisterAnchorKey;
        var check = AnchorRules.Validate(register);
        if (!check.IsOk) return check;
        var key = register.ValidatorPublicKey.Span;
        string keyHex = Convert.ToHexStringLower(key);
        if (new PublicKey(key).ToAddress() != context.Sender)
            return MsgResult.Fail(ResultCode.Unauthorized,
                $"the sender {context.Sender} is not the account of validator {keyHex}; send it from the validator's own key");
        var state = context.State;
        if (!IsValidator(state, key))
            return MsgResult.Fail(ResultCode.Unauthorized, $"{keyHex} is not in the next or pending validator set; only validators register anchor keys");
        var recovered = AnchorCrypto.Recover(AnchorKeyProof.Digest(key, context.Block.ChainId), register.Proof.Span, out var problem);
        if (recovered is null) return MsgResult.Fail(ResultCode.BadAnchorSignature, $"proof: {problem}");
        if (!register.AnchorAddress.Span.SequenceEqual(recovered))
            return MsgResult.Fail(ResultCode.BadAnchorSignature,
                $"proof recovers to {AnchorCrypto.Hex(recovered)}, not {AnchorCrypto.Hex(register.AnchorAddress.Span)}: sign \"{AnchorKeyProof.Domain}\" || validator key || chain id \"{context.Block.ChainId}\" with the anchor key");
        if (AnchorStore.HolderOf(state, register.AnchorAddress.Span) is { } holder && !holder.AsSpan().SequenceEqual(key))
            return MsgResult.Fail(ResultCode.AlreadyExists,
                $"anchor address {AnchorCrypto.Hex(register.AnchorAddress.Span)} is registered by validator {Convert.ToHexStringLower(holder)}; each validator needs its own anchor key");
        AnchorStore.WriteKey(state, new AnchorKeyRecord
        {
            ValidatorPublicKey = register.ValidatorPublicKey, AnchorAddress = register.AnchorAddress, RegisteredHeight = context.Block.Height,
        });
        var ev = new Event { Type = EventType };
        ev.Attributes.Add(new EventAttribute { Key = "validator", Value = keyHex });
        ev.Attributes.Add(new EventAttribute { Key = "anchor_address", Value = AnchorCrypto.Hex(register.AnchorAddress.Span) });
        ev.Attributes.Add(new EventAttribute { Key = "height", Value = context.Block.Height.ToString(CultureInfo.InvariantCulture) });
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static bool IsValidator(State.IStateView state, ReadOnlySpan<byte> key) =>
        (ValidatorStore.ReadNext(state) is { } next && ValidatorStore.IndexOf(next, key) >= 0)
        || (ValidatorStore.ReadPending(state) is { } pending && ValidatorStore.IndexOf(pending, key) >= 0);
}
