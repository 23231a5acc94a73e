using System.Globalization;
using Grpc.Core;
using Seratio.Core.Numerics;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using static Seratio.IntegrationTests.Modules.DafFixture;

namespace Seratio.IntegrationTests.Modules;

/// <summary>
/// The DAF on a real node process it governs from genesis (docs/modules/daf.md), over gRPC: no authority message works
/// outside a proposal; a proposal goes through deposit, vote, timelock and execution and accredits an issuer who then
/// issues; rejected (refunded), vetoed and lapsed (burned) proposals; a market listed by proposal, traded (its fees
/// feed the treasury), halted by an expedited proposal that falls back to a normal vote; a conviction grant paid from
/// those fees; and a spammer's proposals refused by the limits while the node keeps serving.
/// </summary>
public sealed class DafTests(DafFixture fixture) : IClassFixture<DafFixture>
{
    private NodeApi.NodeApiClient Client => fixture.Client;

    [Fact]
    public async Task AnAuthorityMessage_FromAnyKey_IsRefusedUnauthorized_TheDafGoverns()
    {
        using var key = TestNetwork.Account(0);
        var receipt = await fixture.CommitAsync(key, new Msg { GrantRole = new MsgGrantRole { Account = key.Address.ToByteString(), Role = Role.Issuer } });
        Assert.Equal(ResultCode.Unauthorized, receipt.Code);
        Assert.Contains("the DAF governs this chain; submit a proposal", receipt.Log);

        var p = await Client.GetDafParamsAsync(new GetDafParamsRequest { Prove = true });
        Assert.True(p.Governs);
        Assert.Equal(p.DafAddress, p.Authority);
        Assert.Equal(VotingPeriod, p.Params.VotingPeriod);
        Assert.True((await Client.GetMembersAsync(new GetMembersRequest())).TotalWeight >= 4); // 5 once the organisation test added its account
    }

    [Fact]
    public async Task Governance_AccreditsAnIssuer_ListsTradesAndHaltsAMarket_AndPaysAGrantFromTheFees()
    {
        using var proposer = TestNetwork.Account(4);
        using var topUp = TestNetwork.Account(1);
        using var issuer = TestNetwork.Account(5);
        using var rewarding = TestNetwork.Account(0);
        using var seller = TestNetwork.Account(6);
        using var buyer = TestNetwork.Account(7);

        // 1. Deposit period, then voting once the deposit reaches the minimum; three yes; timelock; execution.
        var id = await fixture.ProposeAsync(proposer, "Accredit account-5; make account-0 a rewarding body",
        [
            new Msg { GrantRole = new MsgGrantRole { Account = issuer.Address.ToByteString(), Role = Role.Issuer, Methods = { "dafm" } } },
            new Msg { GrantRole = new MsgGrantRole { Account = rewarding.Address.ToByteString(), Role = Role.RewardingBody } },
            new Msg { RegisterMethod = CertificatesTests.Method("dafm") },
        ], deposit: Ser.Whole(25));
        Assert.Equal(ProposalStatus.DepositPeriod, (await fixture.ProposalAsync(id)).Status);
        await fixture.OkAsync(topUp, new Msg { DepositProposal = new MsgDepositProposal { ProposalId = id, Amount = Ser.Whole(75).ToString() } });
        var voting = await fixture.ProposalAsync(id);
        Assert.Equal((ProposalStatus.VotingPeriod, "100000000", 2u), (voting.Status, voting.TotalDeposit, voting.Depositors));
        for (int m = 0; m < 3; m++) await fixture.VoteAsync(m, id, VoteOption.Yes);
        // PASSED lasts only the timelock's few blocks, so the test waits for the end state and reads the pass from it.
        var executed = await fixture.WaitForAsync(id, ProposalStatus.Executed);
        Assert.NotEqual(0UL, executed.PassedHeight);
        Assert.Equal(executed.PassedHeight + Timelock, executed.ExecuteHeight);
        Assert.Equal(3UL, executed.Tally.Yes);
        Assert.Equal(executed.ExecuteHeight, executed.ExecutedHeight);
        Assert.True((await Client.GetRolesAsync(new GetRolesRequest { Address = issuer.Address.ToString() })).Roles.Issuer);

        // The new issuer issues under the method the DAF registered.
        var register = new MsgRegisterEntity { Kind = EntityKind.Project, Name = "DAF project" };
        register.Controllers.Add(seller.Address.ToByteString());
        var entity = CertificatesTests.IdOf(await fixture.OkAsync(seller, new Msg { RegisterEntity = register }), "entity_registered");
        var issued = await fixture.OkAsync(issuer, CertificatesTests.Issue(entity, "dafm", "300", "100", DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeMilliseconds()));
        Assert.Contains(issued.Events, e => e.Type == "certificate_issued");

        // StreamEvents replays the end-of-block transitions with an empty tx hash.
        var events = await DafEventsAsync(executed.ExecutedHeight, id);
        Assert.Contains(events, e => e.Status == "passed");
        Assert.Contains(events, e => e.Status == "executed");
        Assert.All(events, e => Assert.True(e.TxHashEmpty));

        // 2. A market listed by proposal; a trade whose SER fees go to the treasury.
        await fixture.OkAsync(rewarding, new Msg { CreateAsset = new MsgCreateAsset { Symbol = "DAFC", Name = "DAF coin", Decimals = 0, MaxSupply = "1000000000", MintAuthority = rewarding.Address.ToByteString() } });
        await fixture.OkAsync(rewarding, new Msg { MintAsset = new MsgMintAsset { Symbol = "DAFC", To = seller.Address.ToByteString(), Amount = "1000000" } });
        var list = await fixture.ProposeAsync(proposer, "List DAFC/SER",
            [new Msg { CreateMarket = new MsgCreateMarket { Base = "DAFC", Quote = "SER", TickSize = "100", LotSize = "1", MinOrderValue = "100", MakerFeeBps = 1000, TakerFeeBps = 1000 } }]);
        for (int m = 0; m < 3; m++) await fixture.VoteAsync(m, list, VoteOption.Yes);
        await fixture.WaitForAsync(list, ProposalStatus.Executed);
        var market = (await Client.ListMarketsAsync(new ListMarketsRequest())).Markets.Single(x => x.Base == "DAFC");
        var treasuryBefore = Amount.Parse((await Client.GetTreasuryAsync(new GetTreasuryRequest())).Balance);
        await fixture.OkAsync(seller, Place(market.Id, OrderSide.Sell, "1000000", "100"));
        await fixture.OkAsync(buyer, Place(market.Id, OrderSide.Buy, "1000000", "100"));
        await WaitUntilAsync(async () => (await Client.GetMarketAsync(new GetMarketRequest { Id = market.Id })).Market.TradeCount > 0, "the trade");
        var treasury = Amount.Parse((await Client.GetTreasuryAsync(new GetTreasuryRequest())).Balance);
        Assert.True(treasury > treasuryBefore, $"treasury {treasury} did not grow from {treasuryBefore} with the trade's fees");

        // 3. An expedited halt with 2 of 4 yes fails its expedited tally, falls back to a normal vote, passes, and halts.
        var halt = await fixture.ProposeAsync(proposer, "Halt DAFC/SER", [new Msg { HaltMarket = new MsgHaltMarket { MarketId = market.Id, Halted = true, Reason = "review" } }], expedited: true);
        await fixture.VoteAsync(0, halt, VoteOption.Yes);
        await fixture.VoteAsync(1, halt, VoteOption.Yes);
        var fellBack = await WaitForFallbackAsync(halt);
        Assert.Equal(fellBack.VotingStartHeight + VotingPeriod - 1, fellBack.VotingEndHeight); // the vote's last height, inclusive
        var halted = await fixture.WaitForAsync(halt, ProposalStatus.Executed);
        Assert.True(halted.WasExpedited);
        Assert.True((await Client.GetMarketAsync(new GetMarketRequest { Id = market.Id })).Market.Halted);
        Assert.Equal(ResultCode.MarketHalted, (await fixture.CommitAsync(seller, Place(market.Id, OrderSide.Sell, "1000000", "1"))).Code);

        // 4. A conviction grant for 1/100 of the treasury, backed by one stake, pays its beneficiary from the fees.
        using var beneficiary = Core.Crypto.SigningKey.ForTesting("it/daf-beneficiary");
        var r = new Amount(treasury.Value / 100);
        var request = await fixture.OkAsync(proposer, new Msg { RequestGrant = new MsgRequestGrant { Title = "Seeds", Beneficiary = beneficiary.Address.ToByteString(), Amount = r.ToString() } });
        var grantId = ulong.Parse(Attribute(request, "grant.request", "id"), CultureInfo.InvariantCulture);
        await fixture.OkAsync(topUp, new Msg { StakeGrant = new MsgStakeGrant { GrantId = grantId, Amount = Ser.Whole(1000).ToString() } });
        await WaitUntilAsync(async () => (await Client.GetGrantAsync(new GetGrantRequest { Id = grantId })).Grant.Status == GrantStatus.Paid, "the grant paid");
        Assert.Equal(r, await fixture.BalanceAsync(beneficiary.Address));
        var stake = await Client.GetGrantStakeAsync(new GetGrantStakeRequest { GrantId = grantId, Staker = topUp.Address.ToString(), Prove = true });
        Assert.Equal(Ser.Whole(1000).ToString(), stake.Stake.Amount);
    }

    [Fact]
    public async Task Rejected_RefundsTheDeposit_Vetoed_BurnsIt()
    {
        using var proposer = TestNetwork.Account(3);
        var start = await fixture.BalanceAsync(proposer.Address);

        // One vote of four: below the 33.4 % quorum.
        var rejected = await fixture.ProposeAsync(proposer, "Signal without support", []);
        await fixture.VoteAsync(2, rejected, VoteOption.Yes);
        var r = await fixture.WaitForAsync(rejected, ProposalStatus.Rejected);
        Assert.Equal(1UL, r.Tally.Yes);

        // Two vetoes of three votes: above the 33.4 % veto threshold.
        var vetoed = await fixture.ProposeAsync(proposer, "Signal the council vetoes", []);
        await fixture.VoteAsync(0, vetoed, VoteOption.Veto);
        await fixture.VoteAsync(1, vetoed, VoteOption.Veto);
        await fixture.VoteAsync(2, vetoed, VoteOption.Yes);
        await fixture.WaitForAsync(vetoed, ProposalStatus.Vetoed);

        // Fees are 0 on this chain unless set; whatever they are, the proposer lost exactly one deposit (the vetoed one) and its own fees.
        var now = await fixture.BalanceAsync(proposer.Address);
        var lost = start - now;
        Assert.True(lost >= MinDeposit, $"the proposer lost {lost}: the vetoed deposit was not burned");
        Assert.True(lost - MinDeposit < Ser.Whole(1), $"the proposer lost {lost}: the rejected deposit was not refunded");
    }

    [Fact]
    public async Task Lapsed_ShortOfTheMinimum_BurnsTheInitialDeposit()
    {
        using var proposer = TestNetwork.Account(2);
        var start = await fixture.BalanceAsync(proposer.Address);
        var id = await fixture.ProposeAsync(proposer, "Underfunded", [], deposit: Ser.Whole(25));
        var lapsed = await fixture.WaitForAsync(id, ProposalStatus.Lapsed);
        Assert.Equal(lapsed.SubmitHeight + DepositPeriod - 1, lapsed.DepositEndHeight); // the period's last height, inclusive
        var lost = start - await fixture.BalanceAsync(proposer.Address);
        Assert.True(lost >= Ser.Whole(25) && lost - Ser.Whole(25) < Ser.Whole(1), $"the proposer lost {lost}, not its 25 SER deposit");
        // Voting on a lapsed proposal is refused.
        using var member = TestNetwork.Account(0);
        Assert.Equal(ResultCode.ProposalNotOpen, (await fixture.CommitAsync(member, new Msg { Vote = new MsgVote { ProposalId = id, Option = VoteOption.Yes } })).Code);
    }

    [Fact]
    public async Task ASpammersProposals_AreRefusedByTheLimits_WhileTheNodeKeepsServing()
    {
        using var spammer = TestNetwork.Account(7);
        // Seven proposals at consecutive nonces, admitted together so that they land in one or two blocks: at most 5 may be active at once.
        ulong nonce = (await Client.GetAccountAsync(new GetAccountRequest { Address = spammer.Address.ToString() })).Nonce;
        var hashes = new List<Google.Protobuf.ByteString>();
        for (int i = 0; i < 7; i++)
        {
            var submit = new MsgSubmitProposal { Title = $"spam {i}", InitialDeposit = MinDeposit.ToString() };
            hashes.Add((await Client.SubmitTxAsync(new SubmitTxRequest { Tx = await fixture.SignAsync(spammer, [new Msg { SubmitProposal = submit }], nonce + (ulong)i) })).TxHash);
        }
        var codes = new List<ResultCode>();
        foreach (var hash in hashes)
        {
            Receipt? receipt = null;
            await WaitUntilAsync(async () =>
            {
                try { receipt = (await Client.GetTxAsync(new GetTxRequest { Hash = hash })).Receipt; }
                catch (RpcException e) when (e.StatusCode == StatusCode.NotFound) { }
                return receipt is not null;
            }, "the spam proposal's receipt");
            codes.Add(receipt!.Code);
            Assert.True(receipt.Code is ResultCode.Ok or ResultCode.TooManyProposals, $"{receipt.Code}: {receipt.Log}");
        }
        Assert.True(codes.Count(c => c == ResultCode.Ok) <= 5, string.Join(", ", codes));
        Assert.Contains(ResultCode.TooManyProposals, codes);
        Assert.True((await Client.GetStatusAsync(new GetStatusRequest())).LatestHeight > 0);
        var page = await Client.ListProposalsAsync(new ListProposalsRequest { PageSize = 100 });
        Assert.Equal(codes.Count(c => c == ResultCode.Ok), page.Proposals.Count(p => p.Title.StartsWith("spam", StringComparison.Ordinal)));

        // A non-member's vote is refused NOT_A_MEMBER; bad queries get precise statuses.
        var open = page.Proposals.First(p => p.Title.StartsWith("spam", StringComparison.Ordinal));
        Assert.Equal(ResultCode.NotAMember, (await fixture.CommitAsync(spammer, new Msg { Vote = new MsgVote { ProposalId = open.Id, Option = VoteOption.Yes } })).Code);
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.GetProposalAsync(new GetProposalRequest { Id = 1_000_000 }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        error = await Assert.ThrowsAsync<RpcException>(() => Client.ListVotesAsync(new ListVotesRequest { ProposalId = open.Id, PageSize = 5_000 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task AnOrganisationAccount_OnTheCouncil_VotesWithKOfItsNSignatures()
    {
        using var creator = TestNetwork.Account(4);
        var keys = Enumerable.Range(0, 3).Select(i => Core.Crypto.SigningKey.ForTesting($"it/daf-org-key-{i}")).ToArray();
        try
        {
            var create = new MsgCreateMultisig { Threshold = 2, Name = "Wetlands NGO" };
            create.PublicKeys.Add(keys.Select(k => Google.Protobuf.ByteString.CopyFrom(k.PublicKey.ToArray())));
            var created = await fixture.OkAsync(creator, new Msg { CreateMultisig = create });
            var org = Core.Addressing.Address.TryParse(Attribute(created, "organisation.created", "address"), out var a, out var error) ? a : throw new InvalidOperationException(error);
            await fixture.OkAsync(creator, new Msg { Transfer = new MsgTransfer { To = org.ToByteString(), Denom = "SER", Amount = Ser.Whole(10).ToString() } });

            // The council takes the organisation in: a critical change, three of four yes.
            var members = new MsgSetDafMembers();
            for (int i = 0; i < 4; i++) { using var m = TestNetwork.Account(i); members.Members.Add(new DafMember { Address = m.Address.ToByteString(), Weight = 1 }); }
            members.Members.Add(new DafMember { Address = org.ToByteString(), Weight = 1 });
            var sorted = members.Members.OrderBy(m => new Core.Addressing.Address(m.Address.Span).ToString(), StringComparer.Ordinal).ToList();
            members.Members.Clear();
            members.Members.Add(sorted);
            var join = await fixture.ProposeAsync(creator, "The Wetlands NGO joins the council", [new Msg { SetDafMembers = members }]);
            Assert.True((await fixture.ProposalAsync(join)).Critical);
            for (int m = 0; m < 3; m++) await fixture.VoteAsync(m, join, VoteOption.Yes);
            await fixture.WaitForAsync(join, ProposalStatus.Executed);
            Assert.Contains((await Client.GetMembersAsync(new GetMembersRequest())).Members, m => m.Address == org.ToByteString());

            // A signal it votes on: one signature of its 2-of-3 is refused, two are its vote.
            var signal = await fixture.ProposeAsync(creator, "Plant reeds", []);
            async Task<Google.Protobuf.ByteString> OrgVote(params Core.Crypto.SigningKey[] signers)
            {
                var body = new TxBody
                {
                    ChainId = TestNetwork.ChainId,
                    Sender = org.ToByteString(),
                    Nonce = (await Client.GetAccountAsync(new GetAccountRequest { Address = org.ToString() })).Nonce,
                    GasLimit = 1_000_000,
                };
                body.Msgs.Add(new Msg { Vote = new MsgVote { ProposalId = signal, Option = VoteOption.Yes } });
                return Google.Protobuf.ByteString.CopyFrom(Core.Transactions.TxDecoder.Sign(body, signers));
            }
            var refused = await Assert.ThrowsAsync<RpcException>(async () => await Client.SubmitTxAsync(new SubmitTxRequest { Tx = await OrgVote(keys[0]), Mode = SubmitMode.Commit }));
            Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
            var voted = await Client.SubmitTxAsync(new SubmitTxRequest { Tx = await OrgVote(keys[2], keys[0]), Mode = SubmitMode.Commit });
            Assert.True(voted.Receipt.Code == ResultCode.Ok, voted.Receipt.Log);
            var vote = await Client.GetVoteAsync(new GetVoteRequest { ProposalId = signal, Voter = org.ToString(), Prove = true });
            Assert.Equal((VoteOption.Yes, 1UL), (vote.Vote.Option, vote.Vote.Weight));
            Assert.True(vote.Proof.Exists);
        }
        finally
        {
            foreach (var k in keys) k.Dispose();
        }
    }

    private static Msg Place(ulong market, OrderSide side, string price, string quantity) => new()
    {
        PlaceOrder = new MsgPlaceOrder { MarketId = market, Side = side, Price = price, Quantity = quantity, TimeInForce = TimeInForce.Gtc },
    };

    private async Task<ProposalState> WaitForFallbackAsync(ulong id)
    {
        ProposalState? seen = null;
        await WaitUntilAsync(async () =>
        {
            seen = await fixture.ProposalAsync(id);
            Assert.NotEqual(ProposalStatus.Rejected, seen.Status);
            return seen.WasExpedited && !seen.Expedited;
        }, $"proposal {id} falling back from its expedited vote");
        return seen!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"no {what} after {seconds} s");
            await Task.Delay(150);
        }
    }

    private sealed record DafEvent(string Status, bool TxHashEmpty);

    /// <summary>The daf.proposal events of <paramref name="id"/> that StreamEvents replays from height 1 to <paramref name="through"/>.</summary>
    private async Task<List<DafEvent>> DafEventsAsync(ulong through, ulong id)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var request = new StreamEventsRequest { FromHeight = 1 };
        request.Types_.Add("daf.proposal");
        using var call = Client.StreamEvents(request, cancellationToken: cts.Token);
        var events = new List<DafEvent>();
        while (await call.ResponseStream.MoveNext(cts.Token))
        {
            var e = call.ResponseStream.Current;
            if (e.Event.Attributes.Any(a => a.Key == "id" && a.Value == id.ToString(CultureInfo.InvariantCulture)) && e.TxHash.IsEmpty)
                events.Add(new DafEvent(e.Event.Attributes.First(a => a.Key == "status").Value, e.TxHash.IsEmpty));
            if (e.Height >= through) break;
        }
        return events;
    }
}
