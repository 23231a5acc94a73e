using Seratio.Protocol;

namespace Seratio.Node.Api;

/// <summary>
/// Which events a StreamEvents call wants: a type in <c>types</c> (empty = all) and, when an
/// address is given, an attribute whose value equals it. Immutable; thread safe.
/// </summary>
internal sealed class EventFilter
{
    private readonly HashSet<string>? _types;
    private readonly string? _address;

    private EventFilter(HashSet<string>? types, string? address) => (_types, _address) = (types, address);

    public static EventFilter From(StreamEventsRequest request)
    {
        HashSet<string>? types = null;
        for (int i = 0; i < request.Types_.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(request.Types_[i]))
                throw ApiErrors.Invalid($"types[{i}] is empty; name an event type such as \"transfer\", or send no types for all");
            (types ??= new HashSet<string>(StringComparer.Ordinal)).Add(request.Types_[i]);
        }
        // Canonical (lower-case) form, so an upper-case request still matches attribute values.
        string? address = request.Address.Length == 0 ? null : ApiErrors.RequireAddress(request.Address, "address").ToString();
        return new EventFilter(types, address);
    }

    public bool Matches(Event e)
    {
        if (_types is not null && !_types.Contains(e.Type)) return false;
        if (_address is null) return true;
        foreach (var attribute in e.Attributes)
            if (attribute.Value == _address) return true;
        return false;
    }
}
