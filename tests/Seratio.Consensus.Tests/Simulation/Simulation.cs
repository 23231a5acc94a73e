using Google.Protobuf;
using Seratio.Consensus.Engine;
using Seratio.Consensus.Evidence;
using Seratio.Consensus.Messages;
using Seratio.Consensus.Signing;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Consensus.Tests.Simulation;

/// <summary>What a finished run observed.</summary>
internal sealed record SimulationResult(Scenario Scenario, long VirtualMs, long Events, ulong[] Heights, long Messages, long Evidence, long Rejected);

/// <summary>
/// N consensus engines driven by one seeded scheduler over a faulty network, with crash-restarts
/// and byzantine validators. After every event the safety properties hold (agreement, validity, no
/// honest validator signs conflicting messages, evidence only against byzantine validators); once the
/// network is stable every honest validator commits new heights within a bounded virtual time.
/// </summary>
internal sealed class Simulation
{
    public const long GossipIntervalMs = 500;
    public const long LivenessWindowMs = 90_000;
    public const int NewHeightsAfterStable = 3;
    private const long MaxEvents = 3_000_000;

    private static readonly TimeoutOptions Timeouts = new()
    {
        ProposeMs = 400, ProposeDeltaMs = 200, PrevoteMs = 200, PrevoteDeltaMs = 100, PrecommitMs = 200, PrecommitDeltaMs = 100, MaxMs = 3000,
    };

    private readonly Scenario _scenario;
    private readonly Scheduler _scheduler = new();
    private readonly SimRandom _rng;
    private readonly SimNetwork _network;
    private readonly Adversary _adversary;
    private readonly SimNode[] _nodes;
    private readonly ValidatorSet _validators;
    private readonly Dictionary<ulong, Hash32> _decided = [];
    private readonly Dictionary<(PublicKey, ulong, uint, VoteStep), Hash32> _signed = [];
    private readonly Queue<string> _trace = new();
    private readonly LockMonitor _locks;
    private readonly bool _verbose;
    private long _evidence;

    public Simulation(Scenario scenario, bool verbose = false)
    {
        _scenario = scenario;
        _verbose = verbose;
        var root = new SimRandom(scenario.Seed ^ 0x5EED5EED5EED5EEDUL);
        _rng = root.Fork();
        _network = new SimNetwork(scenario, _scheduler, root.Fork());
        _adversary = new Adversary(root.Fork());
        _nodes = new SimNode[scenario.Count];
        for (int i = 0; i < _nodes.Length; i++)
            _nodes[i] = new SimNode(i, TestValidators.Key(i), scenario.Behaviours[i], scenario.SometimesInvalidProposer[i]);
        _validators = new ValidatorSet(_nodes.Select((n, i) => new Validator(n.Key.PublicKey, scenario.Powers[i])));
        _locks = new LockMonitor(_validators);
    }

    public SimulationResult Run()
    {
        foreach (var node in _nodes) _scheduler.At(0, () => Boot(node, recover: false));
        foreach (var c in _scenario.Crashes)
        {
            _scheduler.At(c.CrashAt, () => Crash(_nodes[c.Node], c.LoseUnsynced));
            _scheduler.At(c.RestartAt, () => Boot(_nodes[c.Node], recover: true));
        }
        long stableAt = _scenario.StableAt;
        ulong? target = null;
        _scheduler.At(stableAt, () => target = Honest().Max(n => n.NextHeight - 1) + NewHeightsAfterStable);
        while (_scheduler.RunNext())
        {
            if (target is { } t && Honest().All(n => n.NextHeight - 1 >= t)) break;
            if (_scheduler.Now > stableAt + LivenessWindowMs)
                Fail($"liveness: {LivenessWindowMs} ms after the network stabilised at {stableAt} ms, heights are " +
                     $"[{string.Join(",", _nodes.Select(n => $"{n}:{n.NextHeight - 1}"))}], target {target}");
            if (_scheduler.Executed > MaxEvents) Fail($"runaway: more than {MaxEvents} events");
        }
        return new SimulationResult(_scenario, _scheduler.Now, _scheduler.Executed, _nodes.Select(n => n.NextHeight - 1).ToArray(),
            _network.Sent, _evidence, _nodes.Sum(n => n.Engine?.Rejected ?? 0));
    }

    private IEnumerable<SimNode> Honest() => _nodes.Where(n => n.IsHonest);

    private void Boot(SimNode node, bool recover)
    {
        if (node.Up) return;
        var guard = new DoubleSignGuard(node.SignerStore, node.Key);
        IConsensusSigner signer = new GuardedSigner(guard, SimBlocks.ChainId);
        if (node.IsHonest) signer = new RecordingSigner(signer, (step, h, r, hash) => OnSigned(node, step, h, r, hash));
        node.Engine = new ConsensusEngine(SimBlocks.ChainId, Timeouts, signer, node.Wal);
        int life = ++node.Incarnation;
        if (_verbose && recover)
            foreach (var e in node.Wal.ReadHeight(node.NextHeight))
                Trace($"  WAL {e.KindCase} {(e.KindCase == Protocol.ConsensusWalEntry.KindOneofCase.Message ? Describe(e.Message) + " by " + Convert.ToHexString((e.Message.Vote?.Validator ?? e.Message.Proposal.Proposer).Span[..2]) : e.ToString())}");
        Trace($"{node} {(recover ? "restarts" : "boots")} at height {node.NextHeight}, WAL {node.Wal.Count} entries ({node.Wal.SyncedCount} synced), WAL for height: {node.Wal.ReadHeight(node.NextHeight).Count}");
        Feed(node, e => recover ? e.Recover(node.NextHeight, _validators) : e.StartHeight(node.NextHeight, _validators));
        _scheduler.After(_rng.Long(1, GossipIntervalMs), () => GossipTick(node, life));
    }

    private void Crash(SimNode node, bool loseUnsynced)
    {
        if (!node.Up) return;
        node.Engine = null;
        node.Incarnation++;
        if (loseUnsynced) node.Wal.LoseUnsynced();
        Trace($"{node} at {node.Wal.Count} WAL entries crashes{(loseUnsynced ? ", losing the WAL's unsynced tail" : "")}");
    }

    private bool Alive(SimNode node, int life) => node.Up && node.Incarnation == life;

    private void Feed(SimNode node, Func<ConsensusEngine, IReadOnlyList<ConsensusOutput>> input)
    {
        if (node.Engine is not { } engine) return;
        foreach (var output in input(engine)) Carry(node, output);
    }

    private void Carry(SimNode node, ConsensusOutput output)
    {
        int life = node.Incarnation;
        switch (output)
        {
            case Broadcast b:
                if (_verbose) Trace($"{node} sends {Describe(b.Message)}");
                for (int peer = 0; peer < _nodes.Length; peer++)
                {
                    if (peer == node.Index) continue;
                    var bytes = node.IsHonest ? b.Message.ToByteArray() : _adversary.ForPeer(node, b.Message, peer, _scheduler.Now);
                    if (!node.IsHonest && bytes is not null) _locks.ObserveSent(bytes);
                    if (bytes is not null) _network.Send(node.Index, peer, new WireMessage(bytes), Deliver);
                }
                break;
            case ScheduleTimeout t:
                _scheduler.After(t.DelayMs, () => { if (Alive(node, life)) Feed(node, e => e.OnTimeout(t.Timeout)); });
                break;
            case RequestProposalBlock p:
                _scheduler.After(_rng.Long(0, 40), () =>
                {
                    if (!Alive(node, life) || node.NextHeight != p.Height) return;
                    bool valid = !(node.SometimesInvalidProposer && _scheduler.Now < _scenario.GstMs && _rng.Chance(600));
                    var block = SimBlocks.Build(p.Height, node.ParentHash, node.Key.PublicKey, _scheduler.Now, _rng.Next(), valid);
                    Trace($"{node} built a{(valid ? "" : "n invalid")} block for {p.Height}/{p.Round}");
                    Feed(node, e => e.OnBlockProposed(p.Height, p.Round, block));
                });
                break;
            case RequestValidation v:
                _scheduler.After(_rng.Long(0, 40), () =>
                {
                    if (!Alive(node, life) || node.NextHeight != v.Height) return;
                    bool valid = SimBlocks.IsValid(v.Block, v.Height, node.ParentHash);
                    Feed(node, e => e.OnBlockValidated(v.Height, v.Round, v.BlockHash, valid));
                });
                break;
            case Decide d:
                Commit(node, d.Height, new CommittedEntry(d.Block, d.BlockHash, d.Commit), "decides");
                break;
            case EvidenceFound ev:
                OnEvidence(node, ev.Evidence);
                break;
            default:
                throw new InvalidOperationException($"unknown output {output}");
        }
    }

    private void Commit(SimNode node, ulong height, CommittedEntry entry, string how)
    {
        if (height != node.NextHeight) Fail($"{node} {how} height {height} while at {node.NextHeight}");
        if (node.IsHonest) CheckDecision(node, height, entry);
        node.Chain.Add(entry);
        Trace($"{node} {how} {height} = {entry.Hash} (round {entry.Commit.Round})");
        Feed(node, e => e.StartHeight(height + 1, _validators));
    }

    private void Deliver(int to, Envelope envelope)
    {
        var node = _nodes[to];
        if (!node.Up) return;
        switch (envelope)
        {
            case WireMessage w:
                ConsensusMessage message;
                try { message = ConsensusMessage.Parser.ParseFrom(w.Bytes); }
                catch (InvalidProtocolBufferException) { return; } // garbage bytes: dropped
                Feed(node, e => e.OnMessage(message));
                break;
            case StatusMessage s:
                if (node.Behaviour == Behaviour.Silent || s.NextHeight > (ulong)node.Chain.Count) return;
                if (_scenario.BlockSyncOnlyAfterGst && _scheduler.Now < _scenario.GstMs) return;
                _network.Send(to, s.From, new SyncBlockMessage(s.NextHeight, node.Chain[(int)s.NextHeight - 1]), Deliver);
                break;
            case SyncBlockMessage sb:
                if (sb.Height != node.NextHeight) return;
                var commit = sb.Entry.Commit;
                if (commit.Height != sb.Height || CommitVerifier.Check(commit, _validators, SimBlocks.ChainId, out _) != CommitVerifyResult.Valid) return;
                if (BlockIds.Of(sb.Entry.Block) != new Hash32(commit.BlockHash.Span) || !SimBlocks.IsValid(sb.Entry.Block, sb.Height, node.ParentHash)) return;
                Commit(node, sb.Height, sb.Entry, "syncs");
                break;
        }
    }

    private void GossipTick(SimNode node, int life)
    {
        if (!Alive(node, life)) return;
        var engine = node.Engine!;
        if (node.Behaviour != Behaviour.Silent)
        {
            for (int peer = 0; peer < _nodes.Length; peer++)
                if (peer != node.Index) _network.Send(node.Index, peer, new StatusMessage(node.Index, node.NextHeight), Deliver);
            var state = (engine.Height, engine.Round, engine.Step);
            // Re-send only when stuck: in the steady state nothing was lost and gossip would only cost time.
            if (state == node.LastTickState)
            {
                var gossip = engine.GossipMessages();
                if (_verbose) Trace($"{node} gossips {gossip.Count} messages at {state}");
                foreach (var m in gossip)
                {
                    var bytes = m.ToByteArray();
                    for (int peer = 0; peer < _nodes.Length; peer++)
                        if (peer != node.Index) _network.Send(node.Index, peer, new WireMessage(bytes), Deliver);
                }
            }
            node.LastTickState = state;
        }
        if (node.Behaviour == Behaviour.Garbage)
        {
            var keys = _validators.Validators.Select(v => v.Key).ToArray();
            foreach (var junk in _adversary.Garbage(node, engine.Height, engine.Round, keys))
            {
                _locks.ObserveSent(junk);
                for (int peer = 0; peer < _nodes.Length; peer++)
                    if (peer != node.Index) _network.Send(node.Index, peer, new WireMessage(junk), Deliver);
            }
        }
        _scheduler.After(GossipIntervalMs, () => GossipTick(node, life));
    }

    private void OnSigned(SimNode node, VoteStep step, ulong height, uint round, Hash32 hash)
    {
        var slot = (node.Key.PublicKey, height, round, step);
        if (_signed.TryGetValue(slot, out var earlier) && earlier != hash)
            Fail($"{node} signed {step} {height}/{round} for {hash} after signing it for {earlier}");
        _signed[slot] = hash;
        if (_locks.OnHonestSigned(node.Key.PublicKey, step, height, round, hash) is { } violation) Fail($"{node} {violation}");
    }

    private void CheckDecision(SimNode node, ulong height, CommittedEntry entry)
    {
        if (CommitVerifier.Check(entry.Commit, _validators, SimBlocks.ChainId, out var reason) != CommitVerifyResult.Valid)
            Fail($"{node} committed {height} with a bad certificate: {reason}");
        if (new Hash32(entry.Commit.BlockHash.Span) != entry.Hash || BlockIds.Of(entry.Block) != entry.Hash)
            Fail($"{node} committed {height}: certificate, block and hash disagree");
        if (!SimBlocks.IsValid(entry.Block, height, node.ParentHash))
            Fail($"validity: {node} committed an invalid block at {height}");
        if (_decided.TryGetValue(height, out var other) && other != entry.Hash)
            Fail($"agreement: {node} committed {entry.Hash} at {height}, another honest validator committed {other}");
        _decided[height] = entry.Hash;
    }

    private void OnEvidence(SimNode node, DuplicateVoteEvidence evidence)
    {
        if (DuplicateVotes.Check(evidence, _validators, SimBlocks.ChainId) != EvidenceCheckResult.Valid)
            Fail($"{node} reported evidence that does not check");
        var accused = new PublicKey(evidence.VoteA.Validator.Span);
        int index = Array.FindIndex(_nodes, n => n.Key.PublicKey == accused);
        if (_nodes[index].IsHonest) Fail($"{node} produced evidence against honest {_nodes[index]}");
        _evidence++;
    }

    private static string Describe(ConsensusMessage m) => m.KindCase == ConsensusMessage.KindOneofCase.Vote
        ? $"{m.Vote.Type} {m.Vote.Height}/{m.Vote.Round} {(m.Vote.BlockHash.IsEmpty ? "nil" : Convert.ToHexString(m.Vote.BlockHash.Span[..4]))}"
        : $"proposal {m.Proposal.Height}/{m.Proposal.Round} pol {m.Proposal.PolRound} {Convert.ToHexString(BlockIds.Of(m.Proposal.Block).ToArray()[..4])}";

    private void Trace(string line)
    {
        var text = $"[{_scheduler.Now,7} ms] {line}";
        if (_verbose) Console.WriteLine(text);
        _trace.Enqueue(text);
        if (_trace.Count > 60) _trace.Dequeue();
    }

    private void Fail(string what) =>
        throw new SimulationFailure($"{what}\n  scenario: {_scenario}\n  replay: SERATIO_SIM_SEED={_scenario.Seed} dotnet test tests/Seratio.Consensus.Tests --filter Simulation\n  last events:\n    {string.Join("\n    ", _trace)}");
}
