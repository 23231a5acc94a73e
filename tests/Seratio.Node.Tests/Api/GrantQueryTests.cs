using System.Numerics;
using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Genesis;
using Seratio.Vm.Modules.Grants;
using DafState = Seratio.Vm.Modules.Daf.Daf;

namespace Seratio.Node.Tests.Api;

/// <summary>
/// The grants' queries against a fake chain whose state the real executor built (a funded treasury, a request, one
/// stake): conviction_now follows the closed form from the stake's height (checked against the recurrence in exact
/// fractions), threshold_now is the grant's rounded-up τ, a stake is proved, an account without one reads "0", and
/// unknown grants are NotFound.
/// </summary>
public class GrantQueryTests
{
    private static readonly SigningKey Funder = SigningKey.ForTesting("node-tests/grant-funder");
    private static readonly SigningKey Staker = SigningKey.ForTesting("node-tests/grant-staker");
    private const ulong StakeHeight = 3;
    private static readonly Amount Stake = Ser.Whole(1_000);
    private static readonly Amount Requested = Ser.Whole(10);
    private static readonly Lazy<Dictionary<Hash32, byte[]>> Built = new(Build);

    private static Dictionary<Hash32, byte[]> Build()
    {
        var genesis = new Genesis
        {
            ChainId = Mempool.FakeChain.TestChainId,
            Authority = Funder.Address.ToString(),
            Validators = [new GenesisValidator { Name = "v", PublicKey = Convert.ToHexStringLower(Funder.PublicKey.ToArray()) }],
            Accounts =
            [
                new GenesisAccount { Address = Funder.Address.ToString(), Balance = Ser.Whole(1_000_000).ToString() },
                new GenesisAccount { Address = Staker.Address.ToString(), Balance = Ser.Whole(1_000_000).ToString() },
            ],
        };
        var state = GenesisState.Build(genesis).ToDictionary(c => c.Key, c => c.Value!);
        var nonces = new Dictionary<SigningKey, ulong>();
        ulong height = 0;
        void Block(SigningKey key, Msg msg)
        {
            height++;
            var body = new TxBody { ChainId = Mempool.FakeChain.TestChainId, Sender = key.Address.ToByteString(), Nonce = nonces.GetValueOrDefault(key), GasLimit = 10_000_000 };
            nonces[key] = body.Nonce + 1;
            body.Msgs.Add(msg);
            Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(TxDecoder.Sign(body, key), Mempool.FakeChain.TestChainId, TxDecoder.MaxTxBytes, out var tx, out var reason));
            var outcome = new BlockExecutor().Execute(new Reader(state), new BlockContext(Mempool.FakeChain.TestChainId, height, (long)height * 1000, Funder.Address, genesis.Params), [tx!]);
            foreach (var r in outcome.Receipts) Assert.True(r.Code == ResultCode.Ok, r.Log);
            foreach (var change in outcome.Changes)
                if (change.Value is null) state.Remove(change.Key);
                else state[change.Key] = change.Value;
        }
        Block(Funder, new Msg { Transfer = new MsgTransfer { To = DafState.Address.ToByteString(), Denom = "SER", Amount = Ser.Whole(100_000).ToString() } });
        Block(Funder, new Msg { RequestGrant = new MsgRequestGrant { Title = "Seeds", Beneficiary = Funder.Address.ToByteString(), Amount = Requested.ToString() } });
        Block(Staker, new Msg { StakeGrant = new MsgStakeGrant { GrantId = 1, Amount = Stake.ToString() } });
        return state;
    }

    /// <summary>A fixture whose heights 1..<paramref name="heights"/> all hold the built state.</summary>
    private static ApiFixture Fixture(int heights)
    {
        var f = new ApiFixture();
        foreach (var (key, value) in Built.Value) f.Chain.SetState(key, value);
        for (int i = 0; i < heights; i++) f.Chain.Commit();
        return f;
    }

    [Fact]
    public async Task GetGrant_ConvictionNow_FollowsTheRecurrenceFromTheStakesHeight_AndTheThresholdIsTau()
    {
        var f = Fixture(40);
        var p = DafState.Params(new Reader(Built.Value));
        BigInteger previous = -1;
        foreach (ulong h in new ulong[] { 3, 4, 10, 25, 40 })
        {
            var r = await f.Service.GetGrant(new GetGrantRequest { Id = 1, Height = h, Prove = h == 40 }, f.Context);
            Assert.Equal(GrantStatus.Open, r.Grant.Status);
            var y = BigInteger.Parse(r.ConvictionNow, System.Globalization.CultureInfo.InvariantCulture);
            // y(t+1) = a·y(t) + x from y = 0 at the stake's height, in exact fractions; the node's fixed point floors.
            var (num, den) = (new BigInteger(p.ConvictionDecayNum), new BigInteger(p.ConvictionDecayDen));
            BigInteger exactNum = 0, exactDen = 1;
            for (ulong i = StakeHeight; i < h; i++) (exactNum, exactDen) = (exactNum * num + (BigInteger)Stake.Value * exactDen * den, exactDen * den);
            var exact = exactNum / exactDen;
            Assert.True(BigInteger.Abs(y - exact) <= 2, $"height {h}: conviction {y}, the recurrence gives {exact}");
            Assert.True(y > previous, $"conviction must grow while the stake stays: {previous} then {y}");
            previous = y;
            var tau = BigInteger.Parse(r.ThresholdNow, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(GrantThreshold.Threshold(Requested, Ser.Whole(100_000), Stake, p), tau);
            if (h == 40) Assert.Equal(GrantKeys.Grant(1).ToByteString(), r.Proof.Key);
        }
    }

    [Fact]
    public async Task Stakes_AreProved_AndAnAccountWithoutOneReadsZero_AndListsAreNewestFirst()
    {
        var f = Fixture(3);
        var stake = await f.Service.GetGrantStake(new GetGrantStakeRequest { GrantId = 1, Staker = Staker.Address.ToString(), Prove = true }, f.Context);
        Assert.Equal((Stake.ToString(), 1u), (stake.Stake.Amount, stake.Supports));
        Assert.True(stake.Proof.Exists);
        var none = await f.Service.GetGrantStake(new GetGrantStakeRequest { GrantId = 0, Staker = Funder.Address.ToString(), Prove = true }, f.Context);
        Assert.Equal(("0", 0u), (none.Stake.Amount, none.Supports));
        Assert.False(none.Proof.Exists);

        var list = await f.Service.ListGrants(new ListGrantsRequest { Status = GrantStatus.Open }, f.Context);
        Assert.Equal([1UL], list.Grants.Select(g => g.Id));
        Assert.Empty((await f.Service.ListGrants(new ListGrantsRequest { Status = GrantStatus.Paid }, f.Context)).Grants);

        var treasury = await f.Service.GetTreasury(new GetTreasuryRequest(), f.Context);
        Assert.Equal((Ser.Whole(100_000).ToString(), Stake.ToString(), "SER"), (treasury.Balance, treasury.TotalStaked, treasury.StakingAsset));

        var unknown = await Assert.ThrowsAsync<RpcException>(() => f.Service.GetGrant(new GetGrantRequest { Id = 2 }, f.Context));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no grant 2 (id) at height 3 (grants are 1-1)", unknown.Status.Detail);
    }

    private sealed class Reader(Dictionary<Hash32, byte[]> state) : IStateReader
    {
        public byte[]? Get(in Hash32 key) => state.TryGetValue(key, out var value) ? value : null;
    }
}
