using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Modules;

/// <summary>
/// One node process the DAF governs from genesis: its account is the authority, accounts 0-3 are the council (weight 1
/// each), periods of a few blocks (<see cref="Params"/>) and an empty block every 250 ms so that heights move on their
/// own; helpers that sign with the sender's current nonce, commit, submit proposals and wait for a proposal's status.
/// </summary>
public sealed class DafFixture : IAsyncLifetime
{
    public const ulong DepositPeriod = 10, VotingPeriod = 12, ExpeditedVotingPeriod = 3, Timelock = 2;
    public static readonly Amount MinDeposit = Ser.Whole(100);

    public NodeProcess Node { get; private set; } = null!;
    public NodeApi.NodeApiClient Client => Node.Client;

    public static JsonObject Params() => new()
    {
        ["min_deposit"] = MinDeposit.ToString(),
        ["deposit_period"] = DepositPeriod,
        ["voting_period"] = VotingPeriod,
        ["expedited_voting_period"] = ExpeditedVotingPeriod,
        ["timelock"] = Timelock,
        ["conviction_decay_num"] = 9,
        ["conviction_decay_den"] = 10,
    };

    public async Task InitializeAsync()
    {
        var council = Enumerable.Range(0, 4).Select(i => { using var key = TestNetwork.Account(i); return new GenesisDafMember { Address = key.Address.ToString(), Weight = 1 }; }).ToList();
        var genesis = TestNetwork.Genesis() with
        {
            Authority = GenesisDaf.DafAddress.ToString(),
            Daf = new GenesisDaf { Members = council, Params = Params() },
        };
        Node = await NodeProcess.StartAsync(genesis, blockIntervalMs: 100, emptyBlockIntervalMs: 250);
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();

    public async Task<ByteString> SignAsync(SigningKey from, Msg[] msgs, ulong? nonce = null)
    {
        var body = new TxBody
        {
            ChainId = TestNetwork.ChainId,
            Sender = from.Address.ToByteString(),
            Nonce = nonce ?? (await Client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() })).Nonce,
            GasLimit = 5_000_000,
        };
        body.Msgs.Add(msgs);
        return ByteString.CopyFrom(TxDecoder.Sign(body, from));
    }

    /// <summary>Submits and waits for the receipt.</summary>
    public async Task<Receipt> CommitAsync(SigningKey from, params Msg[] msgs) =>
        (await Client.SubmitTxAsync(new SubmitTxRequest { Tx = await SignAsync(from, msgs), Mode = SubmitMode.Commit })).Receipt;

    /// <summary>Commits and asserts OK.</summary>
    public async Task<Receipt> OkAsync(SigningKey from, params Msg[] msgs)
    {
        var receipt = await CommitAsync(from, msgs);
        Assert.True(receipt.Code == ResultCode.Ok, $"{receipt.Code}: {receipt.Log}");
        return receipt;
    }

    /// <summary>Submits a proposal of <paramref name="msgs"/> with <paramref name="deposit"/> (default: the minimum) and returns its id.</summary>
    public async Task<ulong> ProposeAsync(SigningKey proposer, string title, Msg[] msgs, Amount? deposit = null, bool expedited = false)
    {
        var submit = new MsgSubmitProposal { Title = title, InitialDeposit = (deposit ?? MinDeposit).ToString(), Expedited = expedited };
        submit.Msgs.Add(msgs);
        var receipt = await OkAsync(proposer, new Msg { SubmitProposal = submit });
        return ulong.Parse(Attribute(receipt, "daf.proposal", "id"), CultureInfo.InvariantCulture);
    }

    public async Task<Receipt> VoteAsync(int member, ulong id, VoteOption option)
    {
        using var key = TestNetwork.Account(member);
        return await OkAsync(key, new Msg { Vote = new MsgVote { ProposalId = id, Option = option } });
    }

    public async Task<ProposalState> ProposalAsync(ulong id) => (await Client.GetProposalAsync(new GetProposalRequest { Id = id })).Proposal;

    /// <summary>Polls until the proposal is in <paramref name="status"/>; fails naming where it is after <paramref name="seconds"/>.</summary>
    public async Task<ProposalState> WaitForAsync(ulong id, ProposalStatus status, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var p = await ProposalAsync(id);
            if (p.Status == status) return p;
            Assert.True(DateTime.UtcNow < deadline, $"proposal {id} is {p.Status}, not {status}, after {seconds} s (failure: '{p.Failure}')");
            await Task.Delay(150);
        }
    }

    public async Task<Amount> BalanceAsync(Core.Addressing.Address address) =>
        Amount.Parse((await Client.GetAccountAsync(new GetAccountRequest { Address = address.ToString() })).Balance);

    public static Amount Fee(Receipt receipt) => Amount.Parse(receipt.Fee.Length == 0 ? "0" : receipt.Fee);

    public static string Attribute(Receipt receipt, string type, string key) =>
        receipt.Events.First(e => e.Type == type).Attributes.First(a => a.Key == key).Value;
}
