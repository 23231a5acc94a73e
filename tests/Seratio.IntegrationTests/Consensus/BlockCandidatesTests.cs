using Google.Protobuf;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Core.Storage;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Node.Chain;
using Seratio.Node.Consensus;
using Seratio.Node.Blocks;
using Seratio.Node.Blocks.Evidence;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Genesis;

namespace Seratio.IntegrationTests.Consensus;

/// <summary>Execute before vote: a block is valid only when it extends the head and re-executes to every root it carries.</summary>
public sealed class BlockCandidatesTests : IDisposable
{
    private const long Now = 1_795_651_300_000;
    private readonly ChainDatabase _chain;
    private readonly ValidatorSet _validators;

    public BlockCandidatesTests()
    {
        var genesis = ValidatorNetwork.BuildGenesis(4);
        _chain = new ChainDatabase(new InMemoryKeyValueStore(), genesis, GenesisState.Build);
        _validators = ValidatorSet.FromGenesis(genesis);
    }

    private BlockCandidates Fresh() => new(_chain, new VmBlockExecution(new BlockExecutor()), new Seratio.Node.Validators.ValidatorSets(_chain));

    private static SigningKey Proposer => ValidatorNetwork.ValidatorKey(0);

    private AssembledBlock BuildWithTransfer(ulong nonce = 0)
    {
        using var from = TestNetwork.Account(0);
        using var to = TestNetwork.Account(1);
        var bytes = TxFactory.Transfer(from, to.Address, 5).WithNonce(nonce).Sign();
        Assert.Equal(Seratio.Core.Transactions.TxFormatError.None,
            Seratio.Core.Transactions.TxDecoder.TryDecode(bytes, TestNetwork.ChainId, 65536, out var tx, out _));
        using var proposer = Proposer;
        return Fresh().Build([tx!], Now + (long)_chain.Head.Height * 1000, proposer.Address);
    }

    private Commit CommitOf(AssembledBlock block, int signers)
    {
        var commit = new Commit { Height = block.Block.Header.Height, Round = 0, BlockHash = block.Hash.ToByteString() };
        var bytes = VoteSignBytes.Create(_chain.ChainId, commit.Height, 0, VoteStep.Precommit, block.Hash);
        foreach (var i in Enumerable.Range(0, signers))
        {
            using var key = ValidatorNetwork.ValidatorKey(i);
            commit.Signatures.Add(new CommitSig { Validator = key.PublicKey.ToByteString(), Signature = ByteString.CopyFrom(key.Sign(bytes)) });
        }
        return commit;
    }

    private void CommitToChain(AssembledBlock block) =>
        _chain.Commit(new CommittedBlock(block.Block, block.Hash, CommitOf(block, 3), block.Txs, block.Outcome.Receipts), block.StateUpdate, block.Outcome.Changes);

    private static Block Tampered(Block block, Action<BlockHeader> change)
    {
        var copy = block.Clone();
        change(copy.Header);
        return copy;
    }

    [Fact]
    public void BuiltBlock_ReExecutedByAnotherNode_IsValid()
    {
        var built = BuildWithTransfer();
        Assert.Equal(BlockCheck.Valid, Fresh().Check(built.Block, out var assembled));
        Assert.Equal(built.StateUpdate.Root, assembled!.StateUpdate.Root);
    }

    public static TheoryData<string, BlockCheck> Tamperings => new()
    {
        { "state_root", BlockCheck.StateRootMismatch },
        { "results_root", BlockCheck.ResultsRootMismatch },
        { "tx_root", BlockCheck.TxRootMismatch },
        { "parent", BlockCheck.WrongParent },
        { "height", BlockCheck.NotNextHeight },
        { "chain", BlockCheck.WrongChain },
        { "time", BlockCheck.TimeNotAfterParent },
        { "validators", BlockCheck.WrongValidatorsHash },
        { "proposer", BlockCheck.UnknownProposer },
        { "tx_count", BlockCheck.TooLarge },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void TamperedHeader_IsInvalid(string field, BlockCheck expected)
    {
        var built = BuildWithTransfer();
        var other = ByteString.CopyFrom(Enumerable.Repeat((byte)7, 32).ToArray());
        var block = Tampered(built.Block, h =>
        {
            switch (field)
            {
                case "state_root": h.StateRoot = other; break;
                case "results_root": h.ResultsRoot = other; break;
                case "tx_root": h.TxRoot = other; break;
                case "parent": h.ParentHash = other; break;
                case "height": h.Height = 2; break;
                case "chain": h.ChainId = "another-chain"; break;
                case "time": h.TimeUnixMs = 1; break;
                case "validators": h.ValidatorsHash = other; break;
                case "proposer": h.Proposer = ByteString.CopyFrom(new byte[20]); break;
                case "tx_count": h.TxCount = 2; break;
            }
        });
        Assert.Equal(expected, Fresh().Check(block, out _));
    }

    [Fact]
    public void NextBlock_CarriesAValidCommitOfItsParent_AndOneWithoutAQuorumIsInvalid()
    {
        var first = BuildWithTransfer();
        CommitToChain(first);
        var second = BuildWithTransfer(nonce: 1);
        Assert.Equal(BlockCheck.Valid, Fresh().Check(second.Block, out _));

        var weak = second.Block.Clone();
        weak.LastCommit = CommitOf(first, 2); // 20 of 40: not more than 2/3
        weak.Header.LastCommitHash = BlockHashing.CommitHash(weak.LastCommit).ToByteString();
        Assert.Equal(BlockCheck.BadLastCommit, Fresh().Check(weak, out _));

        var mismatched = second.Block.Clone();
        mismatched.LastCommit = CommitOf(first, 4); // a valid commit, but not the one the header names
        Assert.Equal(BlockCheck.BadLastCommit, Fresh().Check(mismatched, out _));
    }

    [Fact]
    public void Block_WithAForgedSignature_IsInvalid_EvenWhenItsTxRootMatches()
    {
        var built = BuildWithTransfer();
        var forged = built.Block.Clone();
        var tx = Tx.Parser.ParseFrom(forged.Txs[0]);
        var signature = tx.Signatures[0].Signature.ToByteArray();
        signature[0] ^= 0x01;
        tx.Signatures[0].Signature = ByteString.CopyFrom(signature);
        forged.Txs[0] = tx.ToByteString();
        forged.Header.TxRoot = Seratio.Core.Merkle.BinaryMerkle.Root([forged.Txs[0].Memory]).ToByteString();

        Assert.Equal(BlockCheck.BadSignature, Fresh().Check(forged, out var assembled));
        Assert.Null(assembled);
        // The same body with its real signature is still fine: the forged copy did not poison the cache.
        Assert.Equal(BlockCheck.Valid, Fresh().Check(built.Block, out _));
    }

    public void Dispose() => _chain.Dispose();
}
