using Google.Protobuf;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Core.Merkle;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Node.Chain;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Chain;

/// <summary>Builds well-formed blocks on a database's head directly, without an executor.</summary>
internal static class TestBlocks
{
    public static (CommittedBlock Block, TreeUpdate Update) Next(ChainDatabase db, IReadOnlyList<StateChange> changes, params SignedTx[] txs)
    {
        var head = db.Head;
        var update = db.ComputeStateUpdate(changes);
        var receipts = txs.Select((t, i) => new Receipt { TxHash = t.Hash.ToByteString(), Height = head.Height + 1, Index = (uint)i, GasUsed = 21 }).ToList();
        var header = new BlockHeader
        {
            ChainId = db.ChainId,
            Height = head.Height + 1,
            TimeUnixMs = head.TimeUnixMs + 1000,
            ParentHash = head.BlockHash.ToByteString(),
            TxRoot = BinaryMerkle.Root(txs.Select(t => t.Bytes).ToList()).ToByteString(),
            StateRoot = update.Root.ToByteString(),
            ResultsRoot = Hash32.Zero.ToByteString(),
            ValidatorsHash = ValidatorSet.FromGenesis(db.Genesis).Hash.ToByteString(),
            Proposer = Build.Validator.Address.ToByteString(),
            TxCount = (uint)txs.Length,
        };
        var block = new Block { Header = header, LastCommit = db.GetCommit(head.Height) };
        foreach (var tx in txs) block.Txs.Add(ByteString.CopyFrom(tx.Bytes.Span));
        var hash = BlockHashing.HeaderHash(header);
        var commit = new Commit { Height = header.Height, BlockHash = hash.ToByteString() };
        commit.Signatures.Add(new CommitSig
        {
            Validator = Build.Validator.PublicKey.ToByteString(),
            Signature = ByteString.CopyFrom(Build.Validator.Sign(VoteSignBytes.Create(db.ChainId, header.Height, 0, VoteStep.Precommit, hash))),
        });
        return (new CommittedBlock(block, hash, commit, txs, receipts), update);
    }

    public static CommittedBlock CommitNext(ChainDatabase db, IReadOnlyList<StateChange> changes, params SignedTx[] txs)
    {
        var (block, update) = Next(db, changes, txs);
        db.Commit(block, update, changes);
        return block;
    }
}
