using Google.Protobuf;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Core.Validators;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Governance;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Modules.Validators;

/// <summary>
/// A test chain of validator-set state: the authority, funded accounts, next = pending = the named validators;
/// executes blocks height after height so that rotation can be observed.
/// </summary>
internal sealed class ValidatorChain
{
    public const string AuthorityName = "authority";
    private ulong _nonce;

    public ValidatorChain(params string[] validators)
    {
        State = new MemoryState().WithAccount(AuthorityName, 1_000_000_000).WithAccount("mallory", 1_000_000_000);
        var set = ValidatorSetCodec.Sorted(validators.Select(n => Entry(n, 10)));
        State.Apply([
            new StateChange(GovernanceKeys.Authority(), Authority.Encode(TestKeys.Address(AuthorityName))),
            new StateChange(ValidatorKeys.Next(), set.ToByteArray()),
            new StateChange(ValidatorKeys.Pending(), set.ToByteArray()),
        ]);
    }

    public MemoryState State { get; }
    public ulong Height { get; private set; }
    public ChainParams Params { get; init; } = Blocks.Params;

    public static ValidatorEntry Entry(string name, ulong power) =>
        new() { PublicKey = TestKeys.Key(name).PublicKey.ToByteString(), Power = power, Name = name };

    public static PublicKey Key(string name) => TestKeys.Key(name).PublicKey;

    public static Msg Set(string name, ulong power) => Set(TestKeys.Key(name).PublicKey.ToByteString(), power, name);

    public static Msg Set(ByteString key, ulong power, string name = "") =>
        new() { SetValidator = new MsgSetValidator { PublicKey = key, Power = power, Name = name } };

    /// <summary>Executes the next block with one transaction per message from the authority, and the evidence.</summary>
    public BlockOutcome Next(Msg[]? msgs = null, BlockEvidence[]? evidence = null, string sender = AuthorityName)
    {
        Height++;
        var txs = (msgs ?? []).Select(m => TxBuilder.From(sender).Nonce(sender == AuthorityName ? _nonce++ : 0).Message(m).Build()).ToArray();
        var context = Blocks.Context(Height, Params) with { };
        context = context with { Evidence = evidence ?? [] };
        var outcome = new BlockExecutor().Execute(State, context, txs);
        State.Apply(outcome.Changes);
        return outcome;
    }

    public IReadOnlyList<string> NextNames() => Names(ValidatorStore.ReadNext(View)!);
    public IReadOnlyList<string> PendingNames() => Names(ValidatorStore.ReadPending(View)!);
    public JailedValidators Jailed() => ValidatorStore.ReadJailed(View);

    public IStateView View => new BlockState(State);

    private static List<string> Names(ValidatorSetState set) => [.. set.Validators.Select(v => v.Name)];
}
