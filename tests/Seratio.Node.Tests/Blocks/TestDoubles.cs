using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Node.Chain;
using Seratio.Node.Mempool;
using Seratio.Node.Blocks;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.State;

namespace Seratio.Node.Tests.Blocks;

/// <summary>
/// A minimal deterministic executor (counts its calls, so tests can tell a block was executed once):
/// SER transfers with nonce and balance checks, no fees.
/// </summary>
internal sealed class TestExecution : IBlockExecution
{
    public int Calls { get; private set; }

    public BlockOutcome Execute(IStateReader state, BlockContext context, IReadOnlyList<SignedTx> txs)
    {
        Calls++;
        var overlay = new SortedDictionary<Hash32, byte[]?>();
        AccountState Read(Hash32 key) =>
            (overlay.TryGetValue(key, out var v) ? v : state.Get(key)) is { } bytes ? AccountState.Parser.ParseFrom(bytes) : new AccountState { Balance = "0" };
        var receipts = new List<Receipt>();
        for (int i = 0; i < txs.Count; i++)
        {
            var tx = txs[i];
            var receipt = new Receipt { TxHash = tx.Hash.ToByteString(), Height = context.Height, Index = (uint)i, Fee = "0" };
            var senderKey = AccountKeys.Account(tx.Sender);
            var sender = Read(senderKey);
            var transfer = tx.Body.Msgs[0].Transfer;
            var amount = Amount.Parse(transfer.Amount);
            if (sender.Nonce != tx.Nonce || Amount.Parse(sender.Balance) < amount)
                receipt.Code = ResultCode.InsufficientFunds;
            else
            {
                sender.Nonce++;
                sender.Balance = (Amount.Parse(sender.Balance) - amount).ToString();
                overlay[senderKey] = sender.ToByteArray();
                var toKey = AccountKeys.Account(Core.Addressing.Address.FromByteString(transfer.To, "to"));
                var to = Read(toKey);
                to.Balance = (Amount.Parse(to.Balance) + amount).ToString();
                overlay[toKey] = to.ToByteArray();
            }
            receipts.Add(receipt);
        }
        return new BlockOutcome(receipts, overlay.Select(e => new StateChange(e.Key, e.Value)).ToList());
    }
}

/// <summary>A pool that hands out what tests add, in order, and forgets what blocks include. Thread safe.</summary>
internal sealed class TestPool : ITxPool
{
    private readonly Lock _lock = new();
    private readonly List<SignedTx> _pending = [];

    public List<CommittedBlock> Committed { get; } = [];

    public int Count { get { lock (_lock) return _pending.Count; } }

    public void Add(params SignedTx[] txs) { lock (_lock) _pending.AddRange(txs); }

    public IReadOnlyList<SignedTx> Reap(int maxTxs, int maxBytes)
    {
        lock (_lock)
        {
            var result = new List<SignedTx>();
            int bytes = 0;
            foreach (var tx in _pending)
            {
                if (result.Count == maxTxs || bytes + tx.Size > maxBytes) break;
                result.Add(tx);
                bytes += tx.Size;
            }
            return result;
        }
    }

    public void OnBlockCommitted(CommittedBlock block)
    {
        lock (_lock)
        {
            var included = block.Txs.Select(t => t.Hash).ToHashSet();
            _pending.RemoveAll(t => included.Contains(t.Hash));
            Committed.Add(block);
        }
    }
}
