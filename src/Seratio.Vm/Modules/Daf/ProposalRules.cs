using System.Text;
using Seratio.Core.Chain;
using Seratio.Protocol;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// What a proposal's content must satisfy (docs/modules/daf.md, "Submitting"): title, metadata, messages (count,
/// each valid, none of the DAF's own voting kinds, their gas), the expedited kinds, the critical kinds, and the cap on
/// the voting power one proposal moves (checked at submission and again at execution). Stateless; thread safe.
/// </summary>
internal static class ProposalRules
{
    /// <summary>Length of a metadata hash (SHA-256).</summary>
    public const int HashSize = 32;

    /// <summary>Checks title, uri, hash and messages against the proposal's parameters; <paramref name="gas"/> is the messages' total gas.</summary>
    public static MsgResult CheckContent(MsgSubmitProposal s, DafParams p, ChainParams chain, out ulong gas)
    {
        gas = 0;
        int titleBytes = Encoding.UTF8.GetByteCount(s.Title);
        if (titleBytes == 0 || titleBytes > p.MaxTitleBytes)
            return MsgResult.Fail(ResultCode.InvalidMsg, $"title is {titleBytes} UTF-8 bytes; it must be 1 to {p.MaxTitleBytes} (max_title_bytes)");
        int uriBytes = Encoding.UTF8.GetByteCount(s.MetadataUri);
        if (uriBytes > p.MaxUriBytes)
            return MsgResult.Fail(ResultCode.InvalidMsg, $"metadata_uri is {uriBytes} UTF-8 bytes; the limit is {p.MaxUriBytes} (max_uri_bytes)");
        if (s.MetadataHash.Length is not (0 or HashSize))
            return MsgResult.Fail(ResultCode.InvalidMsg, $"metadata_hash must be empty or {HashSize} bytes (SHA-256), got {s.MetadataHash.Length}");
        if (s.Msgs.Count > p.MaxMessages)
            return MsgResult.Fail(ResultCode.GasCapExceeded, $"the proposal carries {s.Msgs.Count} messages; the limit is {p.MaxMessages} (max_messages)");
        var messages = CheckMessages(s.Msgs, chain, out gas);
        if (!messages.IsOk) return messages;
        if (gas > p.MaxExecutionGas)
            return MsgResult.Fail(ResultCode.GasCapExceeded,
                $"the proposal's messages need {gas} gas; the limit is {p.MaxExecutionGas} (max_execution_gas): split it into several proposals");
        if (s.Expedited)
        {
            if (s.Msgs.Count == 0)
                return MsgResult.Fail(ResultCode.NotExpeditable, "an expedited proposal needs at least one emergency message; a signal takes the normal vote");
            for (int i = 0; i < s.Msgs.Count; i++)
                if (!IsEmergency(s.Msgs[i]))
                    return MsgResult.Fail(ResultCode.NotExpeditable,
                        $"message {i} ({MsgHandlers.For(s.Msgs[i].KindCase)!.Name}) is not an emergency: an expedited proposal may only halt markets (halted = true) or remove validators (power 0); submit it without --expedited");
        }
        return MsgResult.Ok;
    }

    /// <summary>Each message known, valid, and not one of the DAF's own submit/deposit/vote; <paramref name="gas"/> their total gas.</summary>
    public static MsgResult CheckMessages(IReadOnlyList<Msg> msgs, ChainParams chain, out ulong gas)
    {
        gas = 0;
        for (int i = 0; i < msgs.Count; i++)
        {
            var msg = msgs[i];
            var handler = MsgHandlers.For(msg.KindCase);
            if (handler is null) return MsgResult.Fail(ResultCode.InvalidMsg, $"message {i} has no known kind ({msg.KindCase})");
            if (msg.KindCase is Msg.KindOneofCase.SubmitProposal or Msg.KindOneofCase.DepositProposal or Msg.KindOneofCase.Vote)
                return MsgResult.Fail(ResultCode.InvalidMsg, $"message {i} ({handler.Name}): a proposal may not submit, deposit on or vote on proposals");
            var valid = handler.Validate(msg, chain);
            if (!valid.IsOk) return MsgResult.Fail(valid.Code, $"message {i} ({handler.Name}): {valid.Log}");
            gas = checked(gas + handler.Gas(chain));
        }
        return MsgResult.Ok;
    }

    /// <summary>Halting a market or removing a validator: what an expedited proposal may carry.</summary>
    public static bool IsEmergency(Msg msg) => msg.KindCase switch
    {
        Msg.KindOneofCase.HaltMarket => msg.HaltMarket.Halted,
        Msg.KindOneofCase.SetValidator => msg.SetValidator.Power == 0,
        _ => false,
    };

    /// <summary>Whether any message changes validators, anchors, the authority, the council or the DAF's parameters.</summary>
    public static bool IsCritical(IEnumerable<Msg> msgs) => msgs.Any(m => m.KindCase is Msg.KindOneofCase.SetValidator
        or Msg.KindOneofCase.SetAnchorTarget or Msg.KindOneofCase.RegisterAnchorKey or Msg.KindOneofCase.HandOverAuthority
        or Msg.KindOneofCase.SetDafMembers or Msg.KindOneofCase.SetDafParams);

    /// <summary>
    /// Σ |new power − current power| over the MsgSetValidator messages (current from the pending set; a key named twice
    /// counts twice) × 10000 must not exceed <paramref name="maxBps"/> × the pending set's total power.
    /// </summary>
    public static MsgResult CheckPowerChange(IStateView state, IEnumerable<Msg> msgs, uint maxBps)
    {
        UInt128 change = 0;
        bool any = false;
        var pending = ValidatorStore.ReadPending(state);
        foreach (var msg in msgs)
        {
            if (msg.KindCase != Msg.KindOneofCase.SetValidator) continue;
            any = true;
            ulong current = 0;
            if (pending is not null && ValidatorStore.IndexOf(pending, msg.SetValidator.PublicKey.Span) is var at and >= 0)
                current = pending.Validators[at].Power;
            ulong target = msg.SetValidator.Power;
            change += target > current ? target - current : current - target;
        }
        if (!any) return MsgResult.Ok;
        UInt128 total = 0;
        if (pending is not null) foreach (var v in pending.Validators) total += v.Power;
        if (change * DafRules.Bps > (UInt128)maxBps * total)
            return MsgResult.Fail(ResultCode.PowerChangeTooLarge,
                $"the proposal's validator changes move {change} of the pending set's {total} voting power; one proposal may move at most {maxBps} basis points of it (max_power_change_bps): split the change over several proposals");
        return MsgResult.Ok;
    }
}
