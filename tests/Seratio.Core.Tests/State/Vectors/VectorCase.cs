using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Core.Tests.State.Vectors;

/// <summary>One proof case of a vector file: the proof, the root it is checked against, and the verdict.</summary>
internal sealed record VectorCase(string Name, bool Valid, string Why, Hash32 Root, StateProof Proof);

/// <summary>One vector file: the entries a tree is built from, its root, and the proof cases.</summary>
internal sealed record VectorFile(string FileName, string Description, IReadOnlyList<(Hash32 Key, byte[] Value)> Entries, Hash32 Root, IReadOnlyList<VectorCase> Cases);
