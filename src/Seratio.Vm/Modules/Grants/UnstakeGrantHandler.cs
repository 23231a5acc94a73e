using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// <see cref="MsgUnstakeGrant"/>: returns <c>amount</c> of the sender's stake on a grant (open or closed) or the abstain
/// bucket, in the asset it was locked in (microshares: the oldest of its lots, under the same lot ids). On an open grant the conviction is brought to this height first and decays
/// towards the lower stake from then; it is checked at the end of the block. Unstaking all of a grant frees a support
/// slot. Refusals: INVALID_MSG (amount), NOT_FOUND (no stake there), INSUFFICIENT_FUNDS (more than the stake).
/// Permission <see cref="Permission.AnySigner"/> (the staker: the sender's own stake); gas <see cref="GasCost"/>;
/// emits "grant.unstake". Stateless; thread safe.
/// </summary>
public sealed class UnstakeGrantHandler : IMsgHandler
{
    public const ulong GasCost = 20_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.UnstakeGrant;
    public string Name => "unstake-grant";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Fields.RequirePositiveAmount(msg.UnstakeGrant.Amount, "amount", out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var check = Validate(msg, context.Block.Params);
        if (!check.IsOk) return check;
        var unstake = msg.UnstakeGrant;
        var amount = Amount.Parse(unstake.Amount);
        var view = context.State;
        var reader = Grants.Read(view);
        var held = Grants.GetStake(reader, unstake.GrantId, context.Sender);
        if (held is null)
            return MsgResult.Fail(ResultCode.NotFound, $"{context.Sender} holds no stake on {GrantText.Target(unstake.GrantId)}; check the id (GetGrantStake)");
        var stake = Grants.StakeAmount(held);
        if (stake < amount)
            return MsgResult.Fail(ResultCode.InsufficientFunds, $"the stake on {GrantText.Target(unstake.GrantId)} is {stake}, less than the {amount} to unstake");
        var p = Daf.Daf.Params(reader);
        string asset = Grants.StakeAsset(held);
        if (Exchange.Exchange.IsMicroshare(asset, out ulong classId)) StakeLots.Return(view, held, classId, amount);
        else Funds.Move(view, asset, Grants.StakesAddress, context.Sender, amount);
        var left = stake - amount;
        held.Amount = left.ToString();
        Grants.PutStake(view, held);
        GrantStaking.AddTotal(view, Amount.Zero, amount);
        if (unstake.GrantId != 0)
        {
            var grant = Grants.GetGrant(reader, unstake.GrantId)
                        ?? throw new InvalidDataException($"a stake names grant {unstake.GrantId}, which state does not hold");
            if (left.IsZero)
            {
                GrantStaking.AddSupport(view, context.Sender, -1);
                grant.Stakers--;
            }
            GrantStaking.Restake(view, grant, Grants.Staked(grant) - amount, context.Block.Height, p);
        }
        context.Events.Add(GrantEvents.Stake("grant.unstake", unstake.GrantId, context.Sender, amount, asset, left, context.Addresses));
        return MsgResult.Ok;
    }
}
