using System.Threading.Channels;
using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Node.Chain;
using Seratio.Protocol;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.State;

namespace Seratio.Node.Tests.Mempool;

/// <summary>
/// An in-memory chain for unit tests: state snapshots per height, blocks, transaction index and
/// live subscriptions. <see cref="Commit"/> applies transfers with the obvious rules (amount
/// moves, fee gas_limit × gas_price is burnt, nonce + 1); other messages only take the nonce and fee. Thread safe via one lock.
/// </summary>
internal sealed class FakeChain : IChainReader
{
    public const string TestChainId = "seratio-test";
    private readonly object _gate = new();
    private readonly List<Dictionary<Hash32, byte[]>> _states = [new()];
    private readonly List<BlockRecord> _blocks = [];
    private readonly Dictionary<Hash32, TxRecord> _txs = new();
    private readonly List<Channel<CommittedBlock>> _subscribers = [];

    public FakeChain(ChainParams? parameters = null)
    {
        Genesis = new Genesis
        {
            ChainId = TestChainId,
            Params = parameters ?? new ChainParams(),
            Validators = [new GenesisValidator { Name = "v", PublicKey = new string('a', 64) }],
        };
        Head = new ChainHead(0, Hash32.Zero, Hash32.Zero, 0);
    }

    public string ChainId => TestChainId;
    public Hash32 GenesisHash => Hash32.Sha256("fake-genesis"u8);
    public Genesis Genesis { get; }
    public ChainHead Head { get; private set; }

    /// <summary>Sets an account in the latest state (test setup; not a block).</summary>
    public void SetAccount(Address address, ulong nonce, Amount balance)
    {
        lock (_gate) _states[^1][AccountKeys.Account(address)] = new AccountState { Nonce = nonce, Balance = balance.ToString() }.ToByteArray();
    }

    public void Fund(SigningKey key, ulong balance, ulong nonce = 0) => SetAccount(key.Address, nonce, balance);

    /// <summary>Sets a raw state value in the latest state (test setup of module values; not a block).</summary>
    public void SetState(Hash32 key, byte[] value)
    {
        lock (_gate) _states[^1][key] = value;
    }

    public BlockRecord? GetBlock(ulong height)
    {
        lock (_gate) return height >= 1 && height <= (ulong)_blocks.Count ? _blocks[(int)height - 1] : null;
    }

    public BlockRecord? GetBlock(Hash32 hash)
    {
        lock (_gate) return _blocks.FirstOrDefault(b => b.Hash == hash);
    }

    public TxRecord? GetTx(Hash32 hash)
    {
        lock (_gate) return _txs.GetValueOrDefault(hash);
    }

    /// <summary>States below this height are pruned: reading one throws as a node with Storage:KeepStates does.</summary>
    public ulong StatesFrom { get; set; }

    public byte[]? GetState(Hash32 key, ulong height)
    {
        lock (_gate)
        {
            if (height > Head.Height) throw new ArgumentOutOfRangeException(nameof(height), $"height {height} above head {Head.Height}");
            if (height < StatesFrom) throw new Seratio.Node.Chain.Retention.HeightPrunedException(height, $"state of height {height} was pruned");
            return _states[(int)height].GetValueOrDefault(key);
        }
    }

    public Hash32? StateRootAt(ulong height)
    {
        lock (_gate) return height > Head.Height ? null : Hash32.Sha256(BitConverter.GetBytes(height));
    }

    public StateProof Prove(Hash32 key, ulong height)
    {
        var value = GetState(key, height);
        return new StateProof { Key = key.ToByteString(), Exists = value is not null, Value = value is null ? ByteString.Empty : ByteString.CopyFrom(value) };
    }

    public ChannelReader<CommittedBlock> Subscribe(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<CommittedBlock>();
        lock (_gate) _subscribers.Add(channel);
        cancellationToken.Register(() => { lock (_gate) _subscribers.Remove(channel); channel.Writer.TryComplete(); });
        return channel.Reader;
    }

    public int SubscriberCount { get { lock (_gate) return _subscribers.Count; } }

    /// <summary>Ends every subscription with <paramref name="error"/>, as the real chain drops a subscriber that fell too far behind.</summary>
    public void DropSubscribers(Exception error)
    {
        Channel<CommittedBlock>[] dropped;
        lock (_gate) { dropped = [.. _subscribers]; _subscribers.Clear(); }
        foreach (var channel in dropped) channel.Writer.TryComplete(error);
    }

    /// <summary>Commits a block of <paramref name="txs"/> (raw bytes, decoded here) and publishes it to subscribers.</summary>
    public CommittedBlock Commit(params byte[][] txs)
    {
        var decoded = txs.Select(bytes =>
        {
            var error = TxDecoder.TryDecode(bytes, ChainId, TxDecoder.MaxTxBytes, out var tx, out var reason);
            return error == TxFormatError.None ? tx! : throw new InvalidOperationException(reason);
        }).ToList();
        return Commit(decoded);
    }

    public CommittedBlock Commit(IReadOnlyList<SignedTx> txs)
    {
        CommittedBlock committed;
        Channel<CommittedBlock>[] subscribers;
        lock (_gate)
        {
            ulong height = Head.Height + 1;
            var state = new Dictionary<Hash32, byte[]>(_states[^1]);
            var block = new Block { Header = new BlockHeader { ChainId = ChainId, Height = height, TimeUnixMs = (long)height * 1000, TxCount = (uint)txs.Count } };
            var receipts = new List<Receipt>();
            for (int i = 0; i < txs.Count; i++)
            {
                block.Txs.Add(ByteString.CopyFrom(txs[i].Bytes.Span));
                receipts.Add(Apply(state, txs[i], height, (uint)i));
            }
            var hash = Hash32.Sha256(block.ToByteArray());
            var commit = new Commit { Height = height, BlockHash = hash.ToByteString() };
            _states.Add(state);
            _blocks.Add(new BlockRecord(block, hash, commit));
            for (int i = 0; i < txs.Count; i++)
                _txs[txs[i].Hash] = new TxRecord(txs[i].Bytes.ToArray(), receipts[i], hash);
            Head = new ChainHead(height, hash, Hash32.Sha256(BitConverter.GetBytes(height)), block.Header.TimeUnixMs);
            committed = new CommittedBlock(block, hash, commit, txs, receipts);
            subscribers = [.. _subscribers];
        }
        foreach (var subscriber in subscribers) subscriber.Writer.TryWrite(committed);
        return committed;
    }

    private static Receipt Apply(Dictionary<Hash32, byte[]> state, SignedTx tx, ulong height, uint index)
    {
        var receipt = new Receipt { TxHash = tx.Hash.ToByteString(), Height = height, Index = index, Fee = "0" };
        var sender = Read(state, tx.Sender);
        var fee = new Amount((UInt128)tx.Body.GasLimit * tx.Body.GasPrice);
        var balance = Amount.Parse(sender.Balance);
        foreach (var msg in tx.Body.Msgs)
        {
            if (msg.KindCase != Msg.KindOneofCase.Transfer) continue; // other modules' messages only use the nonce and fee here
            var to = new Address(msg.Transfer.To.Span);
            var amount = Amount.Parse(msg.Transfer.Amount);
            if (balance < amount + fee) { receipt.Code = ResultCode.InsufficientFunds; break; }
            balance -= amount;
            if (to == tx.Sender) balance += amount;
            else
            {
                var recipient = Read(state, to);
                recipient.Balance = (Amount.Parse(recipient.Balance) + amount).ToString();
                state[AccountKeys.Account(to)] = recipient.ToByteArray();
            }
            var e = new Event { Type = "transfer" };
            e.Attributes.Add(new EventAttribute { Key = "from", Value = tx.Sender.ToString() });
            e.Attributes.Add(new EventAttribute { Key = "to", Value = to.ToString() });
            e.Attributes.Add(new EventAttribute { Key = "amount", Value = amount.ToString() });
            receipt.Events.Add(e);
        }
        balance = balance >= fee ? balance - fee : Amount.Zero;
        receipt.Fee = fee.ToString();
        state[AccountKeys.Account(tx.Sender)] = new AccountState { Nonce = sender.Nonce + 1, Balance = balance.ToString() }.ToByteArray();
        return receipt;
    }

    private static AccountState Read(Dictionary<Hash32, byte[]> state, Address address) =>
        state.TryGetValue(AccountKeys.Account(address), out var bytes) ? AccountState.Parser.ParseFrom(bytes) : new AccountState { Balance = "0" };
}
