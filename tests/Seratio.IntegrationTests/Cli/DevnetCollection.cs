namespace Seratio.IntegrationTests.Cli;

/// <summary>
/// Test classes that run a whole <c>seratio devnet</c> (four validator processes each) run one after the other: two at
/// once would double the load on a 2-core CI machine and crowd each other's derived ports.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DevnetCollection
{
    public const string Name = "devnet processes";
}
