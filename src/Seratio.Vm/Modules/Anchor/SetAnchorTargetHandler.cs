using System.Globalization;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Anchor;

/// <summary>
/// <see cref="MsgSetAnchorTarget"/> (authority only): adds or replaces a target contract (name, EVM chain id, contract
/// address), or removes it. Checkpoints recorded from the next interval height on carry the targets as they are then;
/// checkpoints already recorded keep theirs. At most <see cref="AnchorRules.MaxTargets"/> targets (LIMIT_EXCEEDED);
/// removing an absent one is NOT_FOUND. Emits "anchor_target_set" {name, evm_chain_id, contract, removed}.
/// Gas <see cref="GasCost"/>. Stateless; thread safe.
/// </summary>
public sealed class SetAnchorTargetHandler : IMsgHandler
{
    public const string EventType = "anchor_target_set";
    /// <summary>Rewrites one small state value.</summary>
    public const ulong GasCost = 20_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.SetAnchorTarget;
    public string Name => "set_anchor_target";
    public Permission Permission => Permission.Authority;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;
    public MsgResult Validate(Msg msg, ChainParams p) => AnchorRules.Validate(msg.SetAnchorTarget);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var set = msg.SetAnchorTarget;
        var check = AnchorRules.Validate(set);
        if (!check.IsOk) return check;
        var targets = AnchorStore.ReadTargets(context.State);
        int at = 0;
        while (at < targets.Targets.Count && string.CompareOrdinal(targets.Targets[at].Name, set.Name) < 0) at++;
        bool present = at < targets.Targets.Count && targets.Targets[at].Name == set.Name;
        if (set.Remove)
        {
            if (!present) return MsgResult.Fail(ResultCode.NotFound, $"there is no anchor target '{set.Name}' to remove");
            targets.Targets.RemoveAt(at);
        }
        else
        {
            var target = new AnchorTarget { Name = set.Name, EvmChainId = set.EvmChainId, Contract = set.Contract };
            if (present) targets.Targets[at] = target;
            else if (targets.Targets.Count >= AnchorRules.MaxTargets)
                return MsgResult.Fail(ResultCode.LimitExceeded, $"the chain already has {AnchorRules.MaxTargets} anchor targets; remove one first");
            else targets.Targets.Insert(at, target);
        }
        AnchorStore.WriteTargets(context.State, targets);
        var ev = new Event { Type = EventType };
        ev.Attributes.Add(new EventAttribute { Key = "name", Value = set.Name });
        ev.Attributes.Add(new EventAttribute { Key = "evm_chain_id", Value = set.EvmChainId.ToString(CultureInfo.InvariantCulture) });
        ev.Attributes.Add(new EventAttribute { Key = "contract", Value = set.Remove ? "" : AnchorCrypto.Hex(set.Contract.Span) });
        ev.Attributes.Add(new EventAttribute { Key = "removed", Value = set.Remove ? "true" : "false" });
        context.Events.Add(ev);
        return MsgResult.Ok;
    }
}
