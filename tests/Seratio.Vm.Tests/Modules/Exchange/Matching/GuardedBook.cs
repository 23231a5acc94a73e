using Seratio.Vm.Modules.Exchange.Matching;

namespace Seratio.Vm.Tests.Modules.Exchange.Matching;

/// <summary>
/// A resting side that counts how far the auction enumerates it and throws when asked for more than
/// <see cref="Limit"/> orders (the auction may look at most one order past what it reads). Each enumeration starts
/// afresh. Not thread safe.
/// </summary>
internal sealed class GuardedBook(IReadOnlyList<AuctionOrder> orders, int limit = int.MaxValue) : IEnumerable<AuctionOrder>
{
    public int Limit { get; } = limit;

    /// <summary>The most orders any one enumeration pulled.</summary>
    public int Pulled { get; private set; }

    private int _current;

    public int Enumerations { get; private set; }

    public IEnumerator<AuctionOrder> GetEnumerator()
    {
        Enumerations++;
        _current = 0;
        return Walk();
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerator<AuctionOrder> Walk()
    {
        foreach (var order in orders)
        {
            if (_current == Limit) throw new InvalidOperationException($"The auction read past order {Limit} of the resting side.");
            Pulled = Math.Max(Pulled, ++_current);
            yield return order;
        }
    }
}
