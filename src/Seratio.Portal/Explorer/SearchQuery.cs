using System.Globalization;

namespace Seratio.Portal.Explorer;

/// <summary>What a search box's text asks for, before the node is asked whether it exists.</summary>
public abstract record SearchQuery
{
    private SearchQuery() { }

    /// <summary>A block height (plain digits).</summary>
    public sealed record Height(ulong Value) : SearchQuery;

    /// <summary>64 hex digits: a block hash or a transaction hash.</summary>
    public sealed record Hash(byte[] Bytes, string Hex) : SearchQuery;

    public sealed record Account(string Address) : SearchQuery;

    /// <summary>"cert:N", "entity:N", "lot:N", "record:N", "class:N": an object of a module, by id.</summary>
    public sealed record Object(string Kind, ulong Id) : SearchQuery;

    /// <summary>Text the explorer cannot read, with why; <paramref name="Malformed"/> when it is empty, too long, or a
    /// known prefix with a bad id (400), not just text that names nothing (404).</summary>
    public sealed record Unreadable(string Why, bool Malformed) : SearchQuery;

    /// <summary>The prefixes a search understands and the page folder each leads to.</summary>
    public static readonly IReadOnlyDictionary<string, string> Prefixes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["cert"] = "certificates", ["certificate"] = "certificates", ["entity"] = "entities", ["lot"] = "lots", ["record"] = "records", ["class"] = "classes",
    };

    public static SearchQuery Parse(string? text)
    {
        var q = (text ?? "").Trim();
        if (q.Length == 0) return new Unreadable("type a height, a block or transaction hash, an address, or cert:N, entity:N, lot:N, record:N", true);
        if (q.Length > ChainIds.MaxInputChars) return new Unreadable($"a search is at most {ChainIds.MaxInputChars} characters", true);
        if (ChainIds.IsHash(q, out var hash)) return new Hash(hash, Convert.ToHexStringLower(hash)); // before heights: 64 digits can be both
        if (ChainIds.IsHeight(q, out var height))
            return height == 0 ? new Unreadable("heights start at 1 (the genesis is a state, not a block)", false) : new Height(height);
        if (ChainIds.IsAddress(q)) return new Account(q);
        int colon = q.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && Prefixes.TryGetValue(q[..colon], out var kind))
            return ulong.TryParse(q[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
                ? new Object(kind, id)
                : new Unreadable($"'{q[..colon]}:' takes a positive whole number, e.g. {q[..colon]}:1", true);
        return new Unreadable("not a height, a 64-digit hex hash, a ser1… address, or cert:N, entity:N, lot:N, record:N, class:N", false);
    }
}
