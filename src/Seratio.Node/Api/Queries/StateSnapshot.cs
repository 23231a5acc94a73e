using Seratio.Core.Crypto;
using Seratio.Core.State;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// Committed state at one height, as a query reads it: the height, its state root, a reader of its
/// values and, when asked for (<see cref="QueryScope.At"/> with <c>withBlockTime</c>), the time of that
/// height's block (the genesis time at height 0; otherwise 0). An immutable value.
/// </summary>
internal readonly record struct StateSnapshot(ulong Height, Hash32 Root, IStateReader State, long TimeUnixMs);
