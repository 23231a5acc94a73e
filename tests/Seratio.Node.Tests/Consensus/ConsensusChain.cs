using Google.Protobuf;
using Seratio.Consensus.Votes;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Storage;
using Seratio.Core.Transactions;
using Seratio.Node.Chain;
using Seratio.Node.Consensus;
using Seratio.Node.Consensus.Evidence;
using Seratio.Node.Blocks;
using Seratio.Node.Blocks.Evidence;
using Seratio.Node.Validators;
using Seratio.Node.Tests.Chain;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Genesis;

namespace Seratio.Node.Tests.Consensus;

/// <summary>
/// An in-memory chain of several validators run by the real Vm: builds blocks with <see cref="BlockCandidates"/>,
/// commits them with certificates signed by the validators of their height, and makes duplicate-vote evidence.
/// The authority is <see cref="Build.Alice"/>.
/// </summary>
internal sealed class ConsensusChain : IDisposable
{
    private static readonly SigningKey[] Keys = [.. Enumerable.Range(0, 6).Select(i => SigningKey.ForTesting($"node-tests/validator-{i}"))];
    private ulong _aliceNonce;

    public ConsensusChain(int validators = 4, ChainParams? p = null)
    {
        var genesis = Build.Genesis(Build.ChainId, [.. Keys.Take(validators)]) with { Authority = Build.Alice.Address.ToString(), Params = p ?? new ChainParams() };
        Chain = new ChainDatabase(new InMemoryKeyValueStore(), genesis, GenesisState.Build);
        Sets = new ValidatorSets(Chain);
    }

    public ChainDatabase Chain { get; }
    public ValidatorSets Sets { get; }

    public static SigningKey Key(int i) => Keys[i];

    public BlockCandidates Candidates() => new(Chain, new VmBlockExecution(new BlockExecutor()), new ValidatorSets(Chain));

    /// <summary>A block at head + 1 proposed by the first known validator of that height.</summary>
    public AssembledBlock Next(IReadOnlyList<SignedTx>? txs = null, IEnumerable<Seratio.Protocol.Evidence>? evidence = null)
    {
        ulong height = Chain.Head.Height + 1;
        var proposer = Keys.First(k => Sets.For(height).Contains(k.PublicKey));
        return Candidates().Build(txs ?? [], Chain.Head.TimeUnixMs + 1000, proposer.Address, evidence);
    }

    /// <summary>Commits <paramref name="block"/> with precommits of every known validator of its height.</summary>
    public void Commit(AssembledBlock block)
    {
        var header = block.Block.Header;
        var commit = new Commit { Height = header.Height, Round = 0, BlockHash = block.Hash.ToByteString() };
        var bytes = VoteSignBytes.Create(Chain.ChainId, header.Height, 0, VoteStep.Precommit, block.Hash);
        foreach (var v in Sets.For(header.Height).Validators)
            if (Keys.FirstOrDefault(k => k.PublicKey == v.Key) is { } key)
                commit.Signatures.Add(new CommitSig { Validator = key.PublicKey.ToByteString(), Signature = ByteString.CopyFrom(key.Sign(bytes)) });
        Chain.Commit(new CommittedBlock(block.Block, block.Hash, commit, block.Txs, block.Outcome.Receipts), block.StateUpdate, block.Outcome.Changes);
    }

    public AssembledBlock CommitNext(IReadOnlyList<SignedTx>? txs = null, IEnumerable<Seratio.Protocol.Evidence>? evidence = null)
    {
        var block = Next(txs, evidence);
        Commit(block);
        return block;
    }

    /// <summary>The authority's transaction setting validator <paramref name="i"/> to <paramref name="power"/>.</summary>
    public SignedTx SetValidator(int i, ulong power)
    {
        var body = new TxBody { ChainId = Build.ChainId, Sender = Build.Alice.Address.ToByteString(), Nonce = _aliceNonce++, GasLimit = 100_000 };
        body.Msgs.Add(new Msg { SetValidator = new MsgSetValidator { PublicKey = Keys[i].PublicKey.ToByteString(), Power = power, Name = $"validator-{i}" } });
        var bytes = TxDecoder.Sign(body, Build.Alice);
        if (TxDecoder.TryDecode(bytes, Build.ChainId, TxDecoder.MaxTxBytes, out var tx, out var reason) != TxFormatError.None)
            throw new InvalidOperationException(reason);
        return tx!;
    }

    /// <summary>Validator <paramref name="i"/> prevoting two different blocks at (height, round).</summary>
    public static Seratio.Protocol.Evidence DoubleVote(int i, ulong height, uint round = 0, byte seed = 1) =>
        EvidenceVerifier.Wrap(new DuplicateVoteEvidence
        {
            VoteA = Prevote(i, height, round, Hashing.Hash(Domains.Header, [seed, 1])),
            VoteB = Prevote(i, height, round, Hashing.Hash(Domains.Header, [seed, 2])),
        });

    public static Vote Prevote(int i, ulong height, uint round, Hash32 block)
    {
        var key = Keys[i];
        var signature = key.Sign(VoteSignBytes.Create(Build.ChainId, height, round, VoteStep.Prevote, block));
        return new Vote
        {
            Type = VoteType.Prevote, Height = height, Round = round, BlockHash = block.ToByteString(),
            Validator = key.PublicKey.ToByteString(), Signature = ByteString.CopyFrom(signature),
        };
    }

    public void Dispose() => Chain.Dispose();
}
