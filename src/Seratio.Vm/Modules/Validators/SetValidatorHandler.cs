using System.Text;
using Google.Protobuf;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.Validators;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Validators;

/// <summary>
/// <see cref="MsgSetValidator"/> (authority only): changes the pending set, which validates two heights after
/// this block (docs/consensus.md). Power &gt; 0 adds or re-weights (and renames); re-adding a jailed key
/// un-jails it. Power 0 removes. Rules: key 32 bytes, name at most <see cref="ValidatorSetCodec.MaxNameBytes"/>
/// UTF-8 bytes; removing an absent key is NOT_FOUND; the set may not become empty; at most
/// params.max_validators validators and a total power of at most <see cref="ValidatorSetCodec.MaxTotalPower"/>
/// (LIMIT_EXCEEDED). Emits "validator_set" {public_key, power, name, effective_height, unjailed}.
/// Gas: <see cref="GasCost"/>. Stateless; thread safe.
/// </summary>
public sealed class SetValidatorHandler : IMsgHandler
{
    public const string EventType = "validator_set";
    /// <summary>Fixed gas: a set change rewrites one small state value.</summary>
    public const ulong GasCost = 20_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.SetValidator;
    public string Name => "set_validator";
    public Permission Permission => Permission.Authority;
    public ulong Gas(ChainParams p) => GasCost;

    public MsgResult Validate(Msg msg, ChainParams p) => Validate(msg.SetValidator);

    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var change = msg.SetValidator;
        var check = Validate(change);
        if (!check.IsOk) return check;
        var state = context.State;
        var pending = ValidatorStore.ReadPending(state);
        if (pending is null)
            return MsgResult.Fail(ResultCode.NotFound, "this chain keeps no validator set in state; it cannot be changed by a message");
        var key = change.PublicKey.Span;
        string keyHex = Convert.ToHexStringLower(key);
        int index = ValidatorStore.IndexOf(pending, key);
        bool unjailed = false;
        if (change.Power == 0)
        {
            if (index < 0) return MsgResult.Fail(ResultCode.NotFound, $"validator {keyHex} is not in the pending set; nothing to remove");
            if (pending.Validators.Count == 1)
                return MsgResult.Fail(ResultCode.LimitExceeded, $"validator {keyHex} is the only one left; the set may not become empty");
            pending.Validators.RemoveAt(index);
        }
        else
        {
            ulong total = 0;
            foreach (var v in pending.Validators) total += v.Power; // canonical sets stay within MaxTotalPower
            if (index >= 0) total -= pending.Validators[index].Power;
            if (change.Power > ValidatorSetCodec.MaxTotalPower - total)
                return MsgResult.Fail(ResultCode.LimitExceeded,
                    $"total power would be {(UInt128)total + change.Power}; the limit is {ValidatorSetCodec.MaxTotalPower}");
            if (index < 0 && pending.Validators.Count >= context.Block.Params.MaxValidators)
                return MsgResult.Fail(ResultCode.LimitExceeded,
                    $"the set already holds {pending.Validators.Count} validators; params.max_validators is {context.Block.Params.MaxValidators}");
            var entry = new ValidatorEntry { PublicKey = ByteString.CopyFrom(key), Power = change.Power, Name = change.Name };
            if (index >= 0) pending.Validators[index] = entry;
            else ValidatorStore.Insert(pending, entry);
            var jailed = ValidatorStore.ReadJailed(state);
            int jailedAt = ValidatorStore.IndexOf(jailed, key);
            if (jailedAt >= 0)
            {
                jailed.Validators.RemoveAt(jailedAt);
                ValidatorStore.WriteJailed(state, jailed);
                unjailed = true;
            }
        }
        ValidatorStore.WritePending(state, pending);

        var ev = new Event { Type = EventType };
        ev.Attributes.Add(new EventAttribute { Key = "public_key", Value = keyHex });
        ev.Attributes.Add(new EventAttribute { Key = "power", Value = change.Power.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        ev.Attributes.Add(new EventAttribute { Key = "name", Value = change.Name });
        ev.Attributes.Add(new EventAttribute { Key = "effective_height", Value = (context.Block.Height + 2).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        ev.Attributes.Add(new EventAttribute { Key = "unjailed", Value = unjailed ? "true" : "false" });
        context.Events.Add(ev);
        return MsgResult.Ok;
    }

    private static MsgResult Validate(MsgSetValidator? change)
    {
        if (change is null) return MsgResult.Fail(ResultCode.InvalidMsg, "set_validator message is empty");
        if (change.PublicKey.Length != PublicKey.Size)
            return MsgResult.Fail(ResultCode.InvalidMsg, $"public_key must be a {PublicKey.Size}-byte Ed25519 key, got {change.PublicKey.Length} bytes");
        if (change.Name.Length > ValidatorSetCodec.MaxNameBytes / 3 && Encoding.UTF8.GetByteCount(change.Name) > ValidatorSetCodec.MaxNameBytes)
            return MsgResult.Fail(ResultCode.InvalidMsg,
                $"name is {Encoding.UTF8.GetByteCount(change.Name)} UTF-8 bytes; the limit is {ValidatorSetCodec.MaxNameBytes}");
        if (change.Power > ValidatorSetCodec.MaxTotalPower)
            return MsgResult.Fail(ResultCode.InvalidMsg, $"power {change.Power} exceeds the largest total power {ValidatorSetCodec.MaxTotalPower}");
        return MsgResult.Ok;
    }
}
