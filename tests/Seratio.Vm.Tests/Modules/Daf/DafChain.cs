using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Core.Validators;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Modules.Governance;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Modules.Daf;

/// <summary>
/// A test chain for the DAF: "authority" is the authority, validators v1..v4 (power 10 each) validate, council m1..m4
/// (weight 1 each, set by the authority's MsgSetDafMembers in block 1) with <see cref="TestParams"/>; accounts funded
/// with <see cref="Funding"/>. Executes blocks height after height through <see cref="BlockExecutor"/>, so end-of-block
/// steps run where they would on a node.
/// </summary>
internal sealed class DafChain
{
    public const string AuthorityName = "authority";
    public static readonly string[] Council = ["m1", "m2", "m3", "m4"];
    public static readonly string[] Others = ["alice", "bob", "carol", "dave", "owner", "issuer", "rb"];
    public static readonly string[] Validators = ["v1", "v2", "v3", "v4"];
    public static readonly Amount Funding = new(1_000_000_000_000);

    private readonly Dictionary<string, ulong> _pendingNonces = new();

    public DafChain(DafParams? p = null, bool handOver = false)
    {
        State = new MemoryState();
        foreach (var name in (string[])[AuthorityName, .. Council, .. Others]) State.WithAccount(name, Funding);
        var set = ValidatorSetCodec.Sorted(Validators.Select(n => new ValidatorEntry { PublicKey = TestKeys.Key(n).PublicKey.ToByteString(), Power = 10, Name = n }));
        State.Apply([
            new StateChange(GovernanceKeys.Authority(), Authority.Encode(TestKeys.Address(AuthorityName))),
            new StateChange(ValidatorKeys.Next(), set.ToByteArray()),
            new StateChange(ValidatorKeys.Pending(), set.ToByteArray()),
        ]);
        Initial = Total();
        Ok(Send(AuthorityName, Members(Council.Select(m => (m, 1UL)).ToArray()), SetParams(p ?? TestParams)));
        if (handOver) Ok(Send(AuthorityName, HandOver(Seratio.Vm.Modules.Daf.Daf.Address)));
    }

    public MemoryState State { get; }
    public ulong Height { get; private set; }

    /// <summary>SER of every account this chain knows when it was created.</summary>
    public Amount Initial { get; }

    /// <summary>Short periods: deposit 5 blocks, vote 10, expedited 3, timelock 3; min_deposit 1000; small spam limits.</summary>
    public static DafParams TestParams
    {
        get
        {
            var p = DafRules.DefaultParams;
            p.MinDeposit = "1000";
            p.DepositPeriod = 5;
            p.VotingPeriod = 10;
            p.ExpeditedVotingPeriod = 3;
            p.Timelock = 3;
            p.MaxActivePerProposer = 2;
            p.MaxActiveProposals = 3;
            p.MaxDepositors = 2;
            p.MaxMessages = 3;
            return p;
        }
    }

    public static void Ok(Receipt receipt) => Assert.True(receipt.Code == ResultCode.Ok, $"{receipt.Code}: {receipt.Log}");

    /// <summary>A signed (fake signature: the executor never verifies) transaction for the next block.</summary>
    public SignedTx Tx(string sender, params Msg[] msgs)
    {
        _pendingNonces.TryGetValue(sender, out var extra);
        _pendingNonces[sender] = extra + 1;
        var builder = TxBuilder.From(sender).Nonce(State.Account(sender).Nonce + extra).FakeSignature();
        foreach (var m in msgs) builder.Message(m);
        return builder.Build();
    }

    /// <summary>Executes the next height with <paramref name="txs"/> and applies it.</summary>
    public BlockOutcome Block(params SignedTx[] txs)
    {
        Height++;
        _pendingNonces.Clear();
        var outcome = new BlockExecutor().Execute(State, Blocks.Context(Height), txs);
        State.Apply(outcome.Changes);
        return outcome;
    }

    /// <summary>One block holding one transaction of <paramref name="msgs"/>; its receipt.</summary>
    public Receipt Send(string sender, params Msg[] msgs) => Assert.Single(Block(Tx(sender, msgs)).Receipts);

    /// <summary>Empty blocks until <see cref="Height"/> is <paramref name="height"/>.</summary>
    public void AdvanceTo(ulong height)
    {
        while (Height < height) Block();
    }

    public ProposalState Proposal(ulong id) => Seratio.Vm.Modules.Daf.Daf.GetProposal(State, id) ?? throw new InvalidOperationException($"no proposal {id}");

    public IReadOnlyList<Event> EndEvents(ulong height) => Seratio.Vm.Modules.Daf.Daf.EndBlockEvents(State, height);

    public Amount Balance(string name) => State.Account(name).Balance;
    public Amount Balance(Address address) => State.Account(address).Balance;

    /// <summary>SER held by every account this chain uses, plus what the DAF burned: constant (fees go to the proposer, counted).</summary>
    public Amount Total()
    {
        var total = Amount.Zero;
        foreach (var name in (string[])[AuthorityName, .. Council, .. Others]) total += Balance(name);
        total += Balance(TestKeys.Proposer) + Balance(Seratio.Vm.Modules.Daf.Daf.Address) + Balance(Seratio.Vm.Modules.Daf.Daf.DepositsAddress);
        return total + Seratio.Vm.Modules.Daf.Daf.Burned(State);
    }

    /// <summary>Submits a proposal from <paramref name="proposer"/>; returns the receipt.</summary>
    public Receipt Propose(string proposer, string deposit, params Msg[] msgs) => Send(proposer, Submit("a proposal", deposit, false, msgs));

    /// <summary>Every member in <paramref name="voters"/> votes <paramref name="option"/> on <paramref name="id"/> in one block.</summary>
    public void VoteAll(ulong id, VoteOption option, params string[] voters)
    {
        var outcome = Block([.. voters.Select(v => Tx(v, Vote(id, option)))]);
        Assert.All(outcome.Receipts, Ok);
    }

    // ---- messages ----

    public static Msg Submit(string title, string deposit, bool expedited, params Msg[] msgs)
    {
        var s = new MsgSubmitProposal { Title = title, InitialDeposit = deposit, Expedited = expedited };
        s.Msgs.Add(msgs);
        return new Msg { SubmitProposal = s };
    }

    public static Msg Deposit(ulong id, string amount) => new() { DepositProposal = new MsgDepositProposal { ProposalId = id, Amount = amount } };

    public static Msg Vote(ulong id, VoteOption option) => new() { Vote = new MsgVote { ProposalId = id, Option = option } };

    public static Msg HandOver(Address to) => new() { HandOverAuthority = new MsgHandOverAuthority { To = to.ToByteString() } };

    public static Msg Members(params (string Name, ulong Weight)[] members)
    {
        var m = new MsgSetDafMembers();
        m.Members.Add(members.Select(x => new DafMember { Address = TestKeys.Address(x.Name).ToByteString(), Weight = x.Weight }));
        return new Msg { SetDafMembers = m };
    }

    public static Msg SetParams(DafParams p) => new() { SetDafParams = new MsgSetDafParams { Params = p } };

    public static Msg SetValidator(string name, ulong power) =>
        new() { SetValidator = new MsgSetValidator { PublicKey = TestKeys.Key(name).PublicKey.ToByteString(), Power = power, Name = name } };

    public static Msg GrantIssuer(string account) =>
        new() { GrantRole = new MsgGrantRole { Account = TestKeys.Address(account).ToByteString(), Role = Role.Issuer } };

    public static Msg Transfer(Address to, ulong amount) =>
        new() { Transfer = new MsgTransfer { To = to.ToByteString(), Amount = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), Denom = "SER" } };

    public static Dictionary<string, string> Attributes(Event e) => ValueMsgs.Attributes(e);

    public static ByteString Hash32Bytes() => ByteString.CopyFrom(new byte[32]);
}
