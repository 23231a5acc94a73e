using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Api;

/// <summary>
/// Every kind of bad input, through the real gRPC API of a real node process: a precise status
/// with a message a person can act on, and the node keeps serving and committing.
/// Each test uses its own funded account so nonces do not interfere.
/// </summary>
public sealed class BadInputTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private NodeApi.NodeApiClient Client => fixture.Node.Client;

    private async Task<RpcException> SubmitExpectingError(ByteString tx)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.SubmitTxAsync(new SubmitTxRequest { Tx = tx }));
        Assert.False(string.IsNullOrWhiteSpace(error.Status.Detail));
        return error;
    }

    private async Task AssertStillServingAsync(int account)
    {
        using var from = TestNetwork.Account(account);
        using var to = TestNetwork.Account((account + 1) % TestNetwork.FundedAccounts);
        var state = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() });
        var response = await Client.SubmitTxAsync(new SubmitTxRequest
        {
            Tx = TxFactory.Transfer(from, to.Address, 5).WithNonce(state.Nonce).SignedBytes(),
            Mode = SubmitMode.Commit,
        });
        Assert.Equal(ResultCode.Ok, response.Receipt.Code);
    }

    [Fact]
    public async Task Submit_MalformedProtobuf_IsInvalidArgument()
    {
        var error = await SubmitExpectingError(ByteString.CopyFrom(0xff, 0xff, 0xff, 0xff, 0x0f));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        await AssertStillServingAsync(0);
    }

    [Fact]
    public async Task Submit_TruncatedBytes_IsInvalidArgument()
    {
        using var from = TestNetwork.Account(1);
        using var to = TestNetwork.Account(2);
        var bytes = TxFactory.Transfer(from, to.Address, 1).Sign();
        var error = await SubmitExpectingError(ByteString.CopyFrom(bytes.AsSpan(0, bytes.Length - 7)));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Submit_WrongChainId_IsInvalidArgument_NamingBothChains()
    {
        using var from = TestNetwork.Account(1);
        using var to = TestNetwork.Account(2);
        var error = await SubmitExpectingError((TxFactory.Transfer(from, to.Address, 1) with { ChainId = "other-chain" }).SignedBytes());
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("other-chain", error.Status.Detail);
        Assert.Contains(TestNetwork.ChainId, error.Status.Detail);
    }

    [Fact]
    public async Task Submit_MissingSignature_IsInvalidArgument()
    {
        using var from = TestNetwork.Account(1);
        using var to = TestNetwork.Account(2);
        var tx = new Tx { Body = TxFactory.Transfer(from, to.Address, 1).Body().ToByteString() };
        var error = await SubmitExpectingError(tx.ToByteString());
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("signature", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Submit_SignatureOverOtherBytes_IsInvalidArgument()
    {
        using var from = TestNetwork.Account(1);
        using var to = TestNetwork.Account(2);
        var tx = Tx.Parser.ParseFrom(TxFactory.Transfer(from, to.Address, 1).Sign());
        var tampered = TxFactory.Transfer(from, to.Address, 1_000).Body().ToByteString();
        tx.Body = tampered; // signature was made over the body with amount 1
        var error = await SubmitExpectingError(tx.ToByteString());
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("signature", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Submit_SignedByAnotherKey_IsInvalidArgument()
    {
        using var from = TestNetwork.Account(1);
        using var thief = TestNetwork.Account(2);
        var body = TxFactory.Transfer(from, thief.Address, 1).Body();
        var bytes = Seratio.Core.Transactions.TxDecoder.Sign(body, thief); // thief signs a body whose sender is `from`
        var error = await SubmitExpectingError(ByteString.CopyFrom(bytes));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Submit_ReusedNonce_IsFailedPrecondition()
    {
        using var from = TestNetwork.Account(3);
        using var to = TestNetwork.Account(4);
        var first = TxFactory.Transfer(from, to.Address, 1).WithNonce(0);
        var ok = await Client.SubmitTxAsync(new SubmitTxRequest { Tx = first.SignedBytes(), Mode = SubmitMode.Commit });
        Assert.Equal(ResultCode.Ok, ok.Receipt.Code);
        var error = await SubmitExpectingError((first with { Amount = 2 }).SignedBytes());
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("nonce", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Submit_SameTransactionTwice_IsAlreadyExists()
    {
        using var from = TestNetwork.Account(5);
        using var to = TestNetwork.Account(4);
        var state = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() });
        var tx = TxFactory.Transfer(from, to.Address, 1).WithNonce(state.Nonce).SignedBytes();
        await Client.SubmitTxAsync(new SubmitTxRequest { Tx = tx, Mode = SubmitMode.Commit });
        var error = await SubmitExpectingError(tx);
        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Fact]
    public async Task Submit_NonceFarBeyondTheWindow_IsFailedPrecondition()
    {
        using var from = TestNetwork.Account(3);
        using var to = TestNetwork.Account(4);
        var error = await SubmitExpectingError(TxFactory.Transfer(from, to.Address, 1).WithNonce(1_000_000).SignedBytes());
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("nonce", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Submit_Expired_IsFailedPrecondition()
    {
        using var from = TestNetwork.Account(6);
        using var to = TestNetwork.Account(4);
        // Other tests on this shared network may have used the account: start from its nonce, not 0.
        var before = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() });
        await Client.SubmitTxAsync(new SubmitTxRequest { Tx = TxFactory.Transfer(from, to.Address, 1).WithNonce(before.Nonce).SignedBytes(), Mode = SubmitMode.Commit });
        var state = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() });
        Assert.True(state.Height >= 1);
        var expired = TxFactory.Transfer(from, to.Address, 1).WithNonce(state.Nonce) with { ExpiryHeight = 1 };
        var error = await SubmitExpectingError(expired.SignedBytes());
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("expir", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Submit_MoreThanTheBalance_IsFailedPrecondition()
    {
        using var from = TestNetwork.Account(7);
        using var to = TestNetwork.Account(4);
        var tooMuch = TestNetwork.InitialBalance + 1;
        var error = await SubmitExpectingError(TxFactory.Transfer(from, to.Address, tooMuch).SignedBytes());
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("balance", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Submit_BeyondTotalSupply_IsFailedPrecondition()
    {
        using var from = TestNetwork.Account(7);
        using var to = TestNetwork.Account(4);
        var error = await SubmitExpectingError(TxFactory.Transfer(from, to.Address, Amount.MaxValue).SignedBytes());
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("007")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("340282366920938463463374607431768211456")] // 2^128
    public async Task Submit_BadAmount_IsInvalidArgument(string amount)
    {
        using var from = TestNetwork.Account(7);
        using var to = TestNetwork.Account(4);
        var error = await SubmitExpectingError((TxFactory.Transfer(from, to.Address, 1) with { AmountText = amount }).SignedBytes());
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("amount", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string, Msg, string> MalformedExchangeMessages()
    {
        static Msg Place(Action<MsgPlaceOrder> change)
        {
            var place = new MsgPlaceOrder { MarketId = 1, Side = OrderSide.Buy, Price = "5", Quantity = "10", TimeInForce = TimeInForce.Gtc };
            change(place);
            return new Msg { PlaceOrder = place };
        }
        static Msg Create(Action<MsgCreateMarket> change)
        {
            var create = new MsgCreateMarket { Base = "SER", Quote = "GREEN", TickSize = "1", LotSize = "100", MinOrderValue = "1", TakerFeeBps = 10 };
            change(create);
            return new Msg { CreateMarket = create };
        }
        return new()
        {
            { "price not an amount", Place(p => p.Price = "1.5"), "price" },
            { "price 0", Place(p => p.Price = "0"), "price" },
            { "quantity missing", Place(p => p.Quantity = ""), "quantity" },
            { "no side", Place(p => p.Side = OrderSide.Unspecified), "side" },
            { "unknown side", Place(p => p.Side = (OrderSide)7), "side" },
            { "no time in force", Place(p => p.TimeInForce = TimeInForce.Unspecified), "time_in_force" },
            { "gth without expiry", Place(p => p.TimeInForce = TimeInForce.Gth), "expire_height" },
            { "gtc with expiry", Place(p => p.ExpireHeight = 9), "expire_height" },
            { "lots on a buy", Place(p => p.LotIds.Add(1)), "lot_ids" },
            { "33 lots", Place(p => { p.Side = OrderSide.Sell; p.LotIds.Add(Enumerable.Range(1, 33).Select(i => (ulong)i)); }), "lot_ids" },
            { "market 0", Place(p => p.MarketId = 0), "market_id" },
            { "cancel order 0", new Msg { CancelOrder = new MsgCancelOrder() }, "order_id" },
            { "market of one asset", Create(c => c.Quote = "SER"), "base and quote" },
            { "microshares as quote", Create(c => { c.Base = "GREEN"; c.Quote = "ms:1"; }), "quote" },
            { "taker fee 0", Create(c => c.TakerFeeBps = 0), "taker_fee_bps" },
            { "maker fee above 10 %", Create(c => c.MakerFeeBps = 1001), "maker_fee_bps" },
            { "tick 0", Create(c => c.TickSize = "0"), "tick_size" },
            { "halt market 0", new Msg { HaltMarket = new MsgHaltMarket { Halted = true, Reason = "x" } }, "market_id" },
            { "halt without reason", new Msg { HaltMarket = new MsgHaltMarket { MarketId = 1, Halted = true } }, "reason" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedExchangeMessages))]
    public async Task Submit_MalformedExchangeMessage_IsInvalidArgument_NamingTheField(string name, Msg msg, string field)
    {
        using var from = TestNetwork.Account(6);
        var state = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() });
        var body = new TxBody { ChainId = TestNetwork.ChainId, Sender = from.Address.ToByteString(), Nonce = state.Nonce, GasLimit = 200_000 };
        body.Msgs.Add(msg);
        var error = await SubmitExpectingError(ByteString.CopyFrom(Core.Transactions.TxDecoder.Sign(body, from)));
        Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{name}: {error.StatusCode} {error.Status.Detail}");
        Assert.StartsWith("message 0 (", error.Status.Detail);
        Assert.True(error.Status.Detail.Contains(field, StringComparison.Ordinal), $"{name}: '{error.Status.Detail}' does not name {field}");
        await AssertStillServingAsync(6);
    }

    public static TheoryData<string, Msg, string> MalformedOrganisationMessages()
    {
        static Msg Create(uint threshold, int keys, int keyBytes = 32)
        {
            var create = new MsgCreateMultisig { Threshold = threshold, Name = "org" };
            for (int i = 0; i < keys; i++) create.PublicKeys.Add(ByteString.CopyFrom(Enumerable.Repeat((byte)(i + 1), keyBytes).ToArray()));
            return new Msg { CreateMultisig = create };
        }
        return new()
        {
            { "no keys", Create(1, 0), "public_keys" },
            { "17 keys", Create(1, 17), "public_keys" },
            { "short key", Create(1, 2, 31), "public_keys[0]" },
            { "threshold 0", Create(0, 2), "threshold" },
            { "threshold above the keys", Create(3, 2), "threshold" },
            { "update without keys", new Msg { UpdateMultisig = new MsgUpdateMultisig { Threshold = 1 } }, "public_keys" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedOrganisationMessages))]
    public async Task Submit_MalformedOrganisationMessage_IsInvalidArgument_NamingTheField(string name, Msg msg, string field)
    {
        // Account 5, whose check transfers go to account 6: account 7 must keep exactly its initial balance for the balance tests.
        using var from = TestNetwork.Account(5);
        var state = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() });
        var body = new TxBody { ChainId = TestNetwork.ChainId, Sender = from.Address.ToByteString(), Nonce = state.Nonce, GasLimit = 200_000 };
        body.Msgs.Add(msg);
        var error = await SubmitExpectingError(ByteString.CopyFrom(Core.Transactions.TxDecoder.Sign(body, from)));
        Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{name}: {error.StatusCode} {error.Status.Detail}");
        Assert.True(error.Status.Detail.Contains(field, StringComparison.Ordinal), $"{name}: '{error.Status.Detail}' does not name {field}");
        await AssertStillServingAsync(5);
    }

    [Fact]
    public async Task Submit_SeventeenSignatures_IsInvalidArgument_AndAKeysAccountSignedTwice_IsRefused()
    {
        using var from = TestNetwork.Account(5);
        using var to = TestNetwork.Account(6);
        var body = TxFactory.Transfer(from, to.Address, 1).Body();
        var keys = Enumerable.Range(0, 17).Select(i => SigningKey.ForTesting($"it/bad-input-{i}")).ToList();
        try
        {
            var many = await SubmitExpectingError(ByteString.CopyFrom(Core.Transactions.TxDecoder.Sign(body, keys)));
            Assert.Equal(StatusCode.InvalidArgument, many.StatusCode);
            Assert.Contains("17 signatures; the limit is 16", many.Status.Detail);
        }
        finally { keys.ForEach(k => k.Dispose()); }
        var twice = await SubmitExpectingError(ByteString.CopyFrom(Core.Transactions.TxDecoder.Sign(body, [from, from])));
        Assert.Equal(StatusCode.InvalidArgument, twice.StatusCode);
        Assert.Contains("it takes exactly one signature, by its own key", twice.Status.Detail);
        await AssertStillServingAsync(5);
    }

    public static TheoryData<string, Msg, string> MalformedDafMessages()
    {
        static Msg Submit(Action<MsgSubmitProposal> change)
        {
            var submit = new MsgSubmitProposal { Title = "t", InitialDeposit = "1000" };
            change(submit);
            return new Msg { SubmitProposal = submit };
        }
        return new()
        {
            { "proposal without title", Submit(p => p.Title = ""), "title" },
            { "metadata hash of 5 bytes", Submit(p => p.MetadataHash = ByteString.CopyFrom(new byte[5])), "metadata_hash" },
            { "deposit not an amount", Submit(p => p.InitialDeposit = "1.5"), "initial_deposit" },
            { "vote without option", new Msg { Vote = new MsgVote { ProposalId = 1 } }, "option" },
            { "deposit of nothing", new Msg { DepositProposal = new MsgDepositProposal { ProposalId = 1, Amount = "0" } }, "amount" },
            { "grant of 0", new Msg { RequestGrant = new MsgRequestGrant { Title = "t", Beneficiary = ByteString.CopyFrom(new byte[20]), Amount = "0" } }, "amount" },
            { "stake not an amount", new Msg { StakeGrant = new MsgStakeGrant { GrantId = 1, Amount = "x" } }, "amount" },
            { "withdraw grant 0", new Msg { WithdrawGrant = new MsgWithdrawGrant() }, "grant_id" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedDafMessages))]
    public async Task Submit_MalformedDafMessage_IsInvalidArgument_NamingTheField(string name, Msg msg, string field)
    {
        using var from = TestNetwork.Account(6);
        var state = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() });
        var body = new TxBody { ChainId = TestNetwork.ChainId, Sender = from.Address.ToByteString(), Nonce = state.Nonce, GasLimit = 2_000_000 };
        body.Msgs.Add(msg);
        var error = await SubmitExpectingError(ByteString.CopyFrom(Core.Transactions.TxDecoder.Sign(body, from)));
        Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{name}: {error.StatusCode} {error.Status.Detail}");
        Assert.StartsWith("message 0 (", error.Status.Detail);
        Assert.True(error.Status.Detail.Contains(field, StringComparison.Ordinal), $"{name}: '{error.Status.Detail}' does not name {field}");
        await AssertStillServingAsync(6);
    }

    [Fact]
    public async Task DafAndGrantQueries_BadInput_GetPreciseStatuses_AndTheNodeKeepsServing()
    {
        using var key = TestNetwork.Account(0);
        async Task Expect(StatusCode code, string detail, Func<Task> call)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.True(error.StatusCode == code, $"{error.StatusCode} {error.Status.Detail}");
            Assert.Contains(detail, error.Status.Detail);
        }
        await Expect(StatusCode.InvalidArgument, "id is required", async () => await Client.GetProposalAsync(new GetProposalRequest()));
        await Expect(StatusCode.NotFound, "no proposal 77 (id)", async () => await Client.GetProposalAsync(new GetProposalRequest { Id = 77 }));
        await Expect(StatusCode.OutOfRange, "height", async () => await Client.GetProposalAsync(new GetProposalRequest { Id = 1, Height = 1_000_000_000 }));
        await Expect(StatusCode.InvalidArgument, "page_size 101 is above 100", async () => await Client.ListProposalsAsync(new ListProposalsRequest { PageSize = 101 }));
        await Expect(StatusCode.InvalidArgument, "page_token", async () => await Client.ListProposalsAsync(new ListProposalsRequest { PageToken = "zz" }));
        await Expect(StatusCode.InvalidArgument, "status 42 is not one", async () => await Client.ListProposalsAsync(new ListProposalsRequest { Status = (ProposalStatus)42 }));
        await Expect(StatusCode.InvalidArgument, "voter", async () => await Client.GetVoteAsync(new GetVoteRequest { ProposalId = 1, Voter = "ser1nope" }));
        await Expect(StatusCode.NotFound, "no proposal 3 (proposal_id)", async () => await Client.GetVoteAsync(new GetVoteRequest { ProposalId = 3, Voter = key.Address.ToString() }));
        await Expect(StatusCode.InvalidArgument, "page_size 5000 is above 1000", async () => await Client.ListVotesAsync(new ListVotesRequest { ProposalId = 1, PageSize = 5_000 }));
        await Expect(StatusCode.InvalidArgument, "id is required", async () => await Client.GetGrantAsync(new GetGrantRequest()));
        await Expect(StatusCode.NotFound, "no grant 9 (id)", async () => await Client.GetGrantAsync(new GetGrantRequest { Id = 9 }));
        await Expect(StatusCode.InvalidArgument, "page_token", async () => await Client.ListGrantsAsync(new ListGrantsRequest { PageToken = "-3" }));
        await Expect(StatusCode.InvalidArgument, "staker", async () => await Client.GetGrantStakeAsync(new GetGrantStakeRequest { Staker = "" }));
        await Expect(StatusCode.NotFound, "no grant 4 (grant_id)", async () => await Client.GetGrantStakeAsync(new GetGrantStakeRequest { GrantId = 4, Staker = key.Address.ToString() }));
        // This chain's authority is a key: the DAF does not govern, its parameters are the defaults, and nobody is on the council.
        var p = await Client.GetDafParamsAsync(new GetDafParamsRequest());
        Assert.False(p.Governs);
        Assert.Equal("1000000000", p.Params.MinDeposit);
        Assert.Empty((await Client.GetMembersAsync(new GetMembersRequest())).Members);
        Assert.Equal("0", (await Client.GetTreasuryAsync(new GetTreasuryRequest())).DepositsHeld);
        await AssertStillServingAsync(0);
    }

    [Fact]
    public async Task GetMultisigAccount_OfAKeysAccount_IsNotFound_AndABadAddressInvalidArgument()
    {
        using var key = TestNetwork.Account(0);
        var notOrg = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetMultisigAccountAsync(new GetMultisigAccountRequest { Address = key.Address.ToString() }));
        Assert.Equal(StatusCode.NotFound, notOrg.StatusCode);
        Assert.Contains("is not an organisation account", notOrg.Status.Detail);
        var bad = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetMultisigAccountAsync(new GetMultisigAccountRequest { Address = "ser1nope" }));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }

    [Fact]
    public async Task Submit_UnknownDenom_IsInvalidArgument()
    {
        using var from = TestNetwork.Account(7);
        using var to = TestNetwork.Account(4);
        var error = await SubmitExpectingError((TxFactory.Transfer(from, to.Address, 1) with { Denom = "DOGE" }).SignedBytes());
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Submit_OversizedTransaction_IsResourceExhausted()
    {
        using var from = TestNetwork.Account(7);
        using var to = TestNetwork.Account(4);
        var huge = TxFactory.Transfer(from, to.Address, 1) with { Memo = new string('m', 100_000) };
        var error = await SubmitExpectingError(huge.SignedBytes());
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Submit_OversizedRequest_IsResourceExhausted_AndNodeKeepsServing()
    {
        var error = await SubmitExpectingError(ByteString.CopyFrom(new byte[8 * 1024 * 1024]));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        await AssertStillServingAsync(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-address")]
    [InlineData("cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu")]
    [InlineData("ser1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq")]
    public async Task GetAccount_BadAddress_IsInvalidArgument(string address)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetAccountAsync(new GetAccountRequest { Address = address }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("address", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GetAccount_AboveTheHead_IsOutOfRange()
    {
        using var key = TestNetwork.Account(0);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.GetAccountAsync(new GetAccountRequest { Address = key.Address.ToString(), Height = 1_000_000_000 }));
        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
    }

    [Fact]
    public async Task GetTx_UnknownHash_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.GetTxAsync(new GetTxRequest { Hash = Hash32.Sha256([1, 2, 3]).ToByteString() }));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task GetTx_HashOfWrongLength_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.GetTxAsync(new GetTxRequest { Hash = ByteString.CopyFrom(1, 2, 3) }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task GetBlock_HeightAboveHeadIsOutOfRange_UnknownHashIsNotFound()
    {
        var byHeight = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetBlockAsync(new GetBlockRequest { Height = 1_000_000_000 }));
        Assert.Equal(StatusCode.OutOfRange, byHeight.StatusCode);
        var byHash = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetBlockAsync(new GetBlockRequest { Hash = Hash32.Sha256([9]).ToByteString() }));
        Assert.Equal(StatusCode.NotFound, byHash.StatusCode);
    }

    [Fact]
    public async Task Submit_EnvelopeWithAnUnknownField_IsInvalidArgument_AndItsCanonicalFormIsAccepted()
    {
        // Issue 9, item 8: the extra field left the hash (over the body) unchanged, so two byte strings had one id.
        using var from = TestNetwork.Account(2); // signs nothing else that commits, so its nonce is this test's
        using var to = TestNetwork.Account(4);
        var state = await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() });
        var canonical = TxFactory.Transfer(from, to.Address, 3).WithNonce(state.Nonce).SignedBytes();
        var padded = ByteString.CopyFrom([.. canonical.ToByteArray(), 0x18, 0x01]); // field 3, varint 1
        var error = await SubmitExpectingError(padded);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("not canonical", error.Status.Detail, StringComparison.Ordinal);
        var response = await Client.SubmitTxAsync(new SubmitTxRequest { Tx = canonical, Mode = SubmitMode.Commit });
        Assert.Equal(ResultCode.Ok, response.Receipt.Code);
    }

    [Fact]
    public async Task JunkRequestBytes_AreInvalidArgument_WithoutAStackTraceInTheLog_AndTheNodeKeepsServing()
    {
        // Issue 9, item 5: junk protobuf answered Unknown ("Exception was thrown by handler") with an Error stack trace.
        var raw = Marshallers.Create<byte[]>(b => b, b => b);
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(fixture.Node.ApiUrl);
        var invoker = channel.CreateCallInvoker();
        foreach (var name in new[] { "GetStatus", "SubmitTx", "GetAccount", "ListEntities" })
        {
            var method = new Method<byte[], byte[]>(MethodType.Unary, NodeApi.Descriptor.FullName, name, raw, raw);
            var error = await Assert.ThrowsAsync<RpcException>(async () =>
                await invoker.AsyncUnaryCall(method, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)), [0xff, 0xff, 0xff, 0xff, 0x0f]));
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.StartsWith("request is not a valid seratio.v1.", error.Status.Detail, StringComparison.Ordinal);
        }
        await Client.GetStatusAsync(new GetStatusRequest());
        var output = fixture.Node.Output;
        Assert.DoesNotContain("Exception was thrown by handler", output, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidProtocolBufferException", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageTokenOf900KB_WithForgedLines_IsEchoedClipped_AndNoLogLineGrows()
    {
        using var key = TestNetwork.Account(0);
        var token = string.Concat(Enumerable.Repeat("1\ninfo: Seratio.Node forged\r\n", 32_000));
        Assert.True(token.Length > 900_000);
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.ListEntitiesAsync(new ListEntitiesRequest { Controller = key.Address.ToString(), PageToken = token }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.True(error.Status.Detail.Length <= 400, $"status detail of {error.Status.Detail.Length} characters");
        Assert.True(Seratio.Core.Text.SafeText.IsClean(error.Status.Detail), error.Status.Detail);
        await Client.GetStatusAsync(new GetStatusRequest());
        var lines = fixture.Node.Output.Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 2_000, $"a log line of {line.Length} characters"));
        Assert.DoesNotContain(lines, line => line.Contains("forged", StringComparison.Ordinal) && line.StartsWith("info:", StringComparison.Ordinal));
    }
}
