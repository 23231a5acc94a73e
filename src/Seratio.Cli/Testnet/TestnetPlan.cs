namespace Seratio.Cli.Testnet;

/// <summary>What <c>testnet init</c> writes. Hosts null: every validator on 127.0.0.1 with ports moved by its index. Daf: the DAF is the authority, the funded accounts its council. Immutable.</summary>
internal sealed record TestnetPlan(string ChainId, int Validators, int Accounts, IReadOnlyList<string>? Hosts, int P2PPort, int ApiPort, bool UnsafeKeys, bool PublicApi = false, bool Daf = false)
{
    public string Host(int i) => Hosts?[i] ?? "127.0.0.1";
    public int P2P(int i) => Hosts is null ? P2PPort + i : P2PPort;
    public int Api(int i) => Hosts is null ? ApiPort + i : ApiPort;

    /// <summary>Where validator i listens for peers: loopback when everything runs on one machine, else every interface.</summary>
    public string ListenHost => Hosts is null ? "127.0.0.1" : "0.0.0.0";

    /// <summary>
    /// Where the public API (with server reflection) listens: loopback unless <see cref="PublicApi"/>
    /// opens it, since peers need the P2P port of another machine but nobody needs its API by default.
    /// </summary>
    public string ApiListenHost => PublicApi ? "0.0.0.0" : "127.0.0.1";
}
