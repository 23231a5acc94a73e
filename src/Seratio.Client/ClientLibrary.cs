namespace Seratio.Client;

/// <summary>
/// Seratio.Client holds what every client of the chain shares without a node: the values navigator's scoring
/// (<c>Values/</c>) and proof documents with their checks (<c>Proofs/</c>). The CLI, the portal and, later, a mobile
/// wallet reference it; it references Core, Vm (state keys and values) and Consensus (commit checks) only.
/// </summary>
public static class ClientLibrary
{
    public const string Name = "Seratio.Client";
}
