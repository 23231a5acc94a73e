using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// <see cref="MsgStakeGrant"/>: locks <c>amount</c> of the staking asset in <see cref="Grants.StakesAddress"/> on an open
/// grant, or on the abstain bucket (grant 0: counts in S, supports nothing). The grant's conviction is brought to this
/// height and it is checked at the end of the block. A microshare staking asset locks the staker's movable lots, oldest
/// first, into the stake (<see cref="StakeLots"/>). Refusals: INVALID_MSG (amount; a stake already held in an earlier
/// staking asset), NOT_FOUND, GRANT_CLOSED, TOO_MANY_SUPPORTS (a new grant beyond max_supports_per_staker; the abstain
/// bucket is not counted), INSUFFICIENT_FUNDS, FROZEN (only frozen lots would make up the amount), LIMIT_EXCEEDED (a
/// stake of more than 256 lots). Permission
/// <see cref="Permission.AnySigner"/>; gas <see cref="GasCost"/>; emits "grant.stake". Its SER, when SER is the staking
/// asset, is not known before state is read, so <see cref="MaxSerSpend"/> is 0 (as for exchange orders). Stateless; thread safe.
/// </summary>
public sealed class StakeGrantHandler : IMsgHandler
{
    public const ulong GasCost = 20_000;

    public Msg.KindOneofCase Kind => Msg.KindOneofCase.StakeGrant;
    public string Name => "stake-grant";
    public Permission Permission => Permission.AnySigner;
    public ulong Gas(ChainParams p) => GasCost;
    public Amount MaxSerSpend(Msg msg) => Amount.Zero;

    public MsgResult Validate(Msg msg, ChainParams p) => Fields.RequirePositiveAmount(msg.StakeGrant.Amount, "amount", out _);

    public MsgResult Execute(Msg msg, in MsgContext context)
    {
        var check = Validate(msg, context.Block.Params);
        if (!check.IsOk) return check;
        var stake = msg.StakeGrant;
        var amount = Amount.Parse(stake.Amount);
        var view = context.State;
        var reader = Grants.Read(view);
        var p = Daf.Daf.Params(reader);
        string asset = GrantStaking.Asset(p);
        GrantState? grant = null;
        if (stake.GrantId != 0)
        {
            grant = Grants.GetGrant(reader, stake.GrantId);
            if (grant is null) return MsgResult.Fail(ResultCode.NotFound, $"grant {stake.GrantId} does not exist; check the id (ListGrants), or stake on 0 to abstain");
            if (grant.Status != GrantStatus.Open)
                return MsgResult.Fail(ResultCode.GrantClosed, $"grant {grant.Id} is {GrantText.Status(grant.Status)} (at height {grant.ClosedHeight}); only unstaking works on it");
        }
        var held = Grants.GetStake(reader, stake.GrantId, context.Sender);
        if (held is not null && Grants.StakeAsset(held) != asset)
            return Fields.Invalid($"your stake on grant {stake.GrantId} is in {Grants.StakeAsset(held)} but the staking asset is now {asset}; unstake it first");
        bool newSupport = grant is not null && held is null;
        if (newSupport)
        {
            uint supports = Grants.Supports(reader, context.Sender);
            if (supports >= p.MaxSupportsPerStaker)
                return MsgResult.Fail(ResultCode.TooManySupports,
                    $"{context.Sender} already stakes on {supports} grants, the most max_supports_per_staker allows; unstake fully from one first (the abstain bucket, grant 0, does not count)");
        }
        var record = held ?? new GrantStake { GrantId = stake.GrantId, Staker = context.Sender.ToByteString(), Amount = "0", Asset = asset };
        if (Exchange.Exchange.IsMicroshare(asset, out ulong classId))
        {
            var locked = StakeLots.Lock(context, classId, amount, record);
            if (!locked.IsOk) return locked;
        }
        else if (!Funds.TryMove(view, asset, context.Sender, Grants.StakesAddress, amount))
        {
            return MsgResult.Fail(ResultCode.InsufficientFunds,
                $"{context.Sender} holds {Funds.Balance(view, asset, context.Sender)} {asset} base units, less than the {amount} to stake");
        }
        var total = Grants.StakeAmount(record) + amount;
        record.Amount = total.ToString();
        Grants.PutStake(view, record);
        GrantStaking.AddTotal(view, amount, Amount.Zero);
        if (grant is not null)
        {
            if (newSupport)
            {
                GrantStaking.AddSupport(view, context.Sender, +1);
                grant.Stakers++;
            }
            GrantStaking.Restake(view, grant, Grants.Staked(grant) + amount, context.Block.Height, p);
        }
        context.Events.Add(GrantEvents.Stake("grant.stake", stake.GrantId, context.Sender, amount, asset, total, context.Addresses));
        return MsgResult.Ok;
    }
}
