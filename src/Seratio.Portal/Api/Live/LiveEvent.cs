namespace Seratio.Portal.Api.Live;

/// <summary>One server-sent event: its name (block, consensus, upstream) and its JSON data on one line.</summary>
public sealed record LiveEvent(string Name, string Json)
{
    /// <summary>The event as the wire carries it: "event: NAME\ndata: JSON\n\n".</summary>
    public string ToWire() => $"event: {Name}\ndata: {Json}\n\n";
}
