using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;
using Seratio.Node.Chain;
using Seratio.Protocol;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.State;

namespace Seratio.Node.Validators;

/// <summary>
/// The validator set of each height, read from committed state: V(h) is the "next" set of the state after
/// block h-1 (docs/consensus.md, "Validator-set changes"), so V(head + 1) and even the pending V(head + 2)
/// are known before anything uncommitted. A chain whose state holds no set (e.g. one created before sets
/// lived in state) uses the genesis set. Sets are cached by height, and equal consecutive sets share one
/// instance (the proposer schedule keys on it). Thread safe (one lock around the cache).
/// </summary>
public sealed class ValidatorSets
{
    private const int CacheHeights = 1024;
    private readonly IChainReader _chain;
    private readonly ValidatorSet _genesis;
    private readonly Lock _lock = new();
    private readonly SortedDictionary<ulong, ValidatorSet> _byHeight = [];
    private readonly Dictionary<Hash32, ValidatorSet> _byHash = [];

    public ValidatorSets(IChainReader chain)
    {
        _chain = chain ?? throw new ArgumentNullException(nameof(chain));
        _genesis = ValidatorSet.FromGenesis(chain.Genesis);
        _byHash[_genesis.Hash] = _genesis;
    }

    /// <summary>The highest height whose set is known now: head + 1.</summary>
    public ulong KnownUpTo => _chain.Head.Height + 1;

    /// <summary>V(<paramref name="height"/>), 1 ≤ height ≤ head + 1.</summary>
    public ValidatorSet For(ulong height)
    {
        CheckHeight(height);
        lock (_lock)
            if (_byHeight.TryGetValue(height, out var cached)) return cached;
        var state = ReadNext(height);
        var set = state is null ? _genesis : ValidatorSet.FromState(state);
        lock (_lock)
        {
            if (_byHash.TryGetValue(set.Hash, out var same)) set = same;
            else
            {
                if (_byHash.Count >= 64) { _byHash.Clear(); _byHash[_genesis.Hash] = _genesis; }
                _byHash[set.Hash] = set;
            }
            _byHeight[height] = set;
            while (_byHeight.Count > CacheHeights) _byHeight.Remove(_byHeight.Keys.First());
        }
        return set;
    }

    /// <summary>V(<paramref name="height"/>) with names, as state holds it (the genesis set when state holds none).</summary>
    public ValidatorSetState Describe(ulong height)
    {
        CheckHeight(height);
        return ReadNext(height) ?? GenesisState();
    }

    /// <summary>V(<paramref name="height"/> + 1) as known after block <paramref name="height"/> - 1: the pending set, 1 ≤ height ≤ head + 1.</summary>
    public ValidatorSetState DescribeNext(ulong height)
    {
        CheckHeight(height);
        var bytes = _chain.GetState(ValidatorKeys.Pending(), height - 1);
        return bytes is null ? GenesisState() : ValidatorSetState.Parser.ParseFrom(bytes);
    }

    /// <summary>The jailed validators in the state after block <paramref name="height"/>.</summary>
    public JailedValidators JailedAt(ulong height)
    {
        var bytes = _chain.GetState(ValidatorKeys.Jailed(), height);
        return bytes is null ? new JailedValidators() : JailedValidators.Parser.ParseFrom(bytes);
    }

    private ValidatorSetState? ReadNext(ulong height)
    {
        var bytes = _chain.GetState(ValidatorKeys.Next(), height - 1);
        return bytes is null ? null : ValidatorSetState.Parser.ParseFrom(bytes);
    }

    private ValidatorSetState GenesisState() => Core.Validators.ValidatorSetCodec.Sorted(_chain.Genesis.Validators.Select(v => new ValidatorEntry
    {
        PublicKey = Google.Protobuf.ByteString.CopyFrom(Convert.FromHexString(v.PublicKey)), Power = v.Power, Name = v.Name,
    }));

    private void CheckHeight(ulong height)
    {
        ArgumentOutOfRangeException.ThrowIfZero(height);
        ulong known = KnownUpTo;
        if (height > known) throw new ArgumentOutOfRangeException(nameof(height), height, $"the set of height {height} is not known yet; the head is {known - 1}");
    }
}
