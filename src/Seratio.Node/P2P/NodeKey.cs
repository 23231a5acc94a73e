using Seratio.Core.Crypto;
using Seratio.Core.Keys;

namespace Seratio.Node.P2P;

/// <summary>
/// The key this node proves on the P2P port: the validator key on a validator (not owned here),
/// else the node key of <see cref="P2POptions.NodeKeyFile"/> (owned, disposed with this). Thread safe (signing is).
/// </summary>
public sealed class NodeKey : IDisposable
{
    private readonly bool _owned;

    private NodeKey(SigningKey key, bool owned)
    {
        Key = key;
        _owned = owned;
    }

    public SigningKey Key { get; }

    /// <summary>Uses a key someone else owns (the validator key).</summary>
    public static NodeKey Borrow(SigningKey key) => new(key ?? throw new ArgumentNullException(nameof(key)), owned: false);

    /// <summary>
    /// Loads the node key at <c>home/NodeKeyFile</c>: an encrypted keystore file (passphrase read from
    /// <c>home/NodeKeyPassphraseFile</c>) or a throw-away <c>*unsafe*</c> file, as for validator keys; a
    /// key or passphrase file others may read is refused (Unix).
    /// </summary>
    public static NodeKey Load(string home, P2POptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = Path.GetFullPath(options.NodeKeyFile, home);
        var passphraseFile = string.IsNullOrWhiteSpace(options.NodeKeyPassphraseFile) ? null : Path.GetFullPath(options.NodeKeyPassphraseFile, home);
        Refuse(path, "Node key");
        var loaded = KeyFiles.Load(path, () =>
        {
            if (passphraseFile is null)
                throw new InvalidOperationException($"Node key {path} is encrypted; set P2P:NodeKeyPassphraseFile to a file holding its passphrase.");
            Refuse(passphraseFile, "Node key passphrase");
            return File.ReadAllText(passphraseFile).TrimEnd('\r', '\n');
        });
        if (!loaded.IsOk)
            throw new InvalidOperationException(
                $"This node has no validator key, so the P2P network needs a node key: {loaded.Error}. Create one (e.g. `seratio keys`) at P2P:NodeKeyFile, and list its public key in the peers' P2P:AllowedPeers.");
        return new NodeKey(loaded.Value!, owned: true);
    }

    public void Dispose()
    {
        if (_owned) Key.Dispose();
    }

    /// <summary>As ssh does, refuses a key or passphrase file others may read (see <see cref="OwnerOnlyFiles.ExposedProblem"/>).</summary>
    private static void Refuse(string path, string what)
    {
        if (OwnerOnlyFiles.ExposedProblem(path) is { } problem) throw new InvalidOperationException($"{what} refused: {problem}");
    }
}
