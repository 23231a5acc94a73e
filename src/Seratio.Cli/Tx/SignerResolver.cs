using Seratio.Cli.Cli;
using Seratio.Cli.Keys;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;

namespace Seratio.Cli.Tx;

/// <summary>
/// Resolves <c>--from</c> to a signing key, in this order: a keystore name, a devnet throw-away
/// key <c>&lt;home&gt;/keys/&lt;name&gt;.devnet-unsafe.key</c>, then a path to a key file.
/// </summary>
internal static class SignerResolver
{
    public const string DevnetKeySuffix = ".devnet-unsafe" + KeyFiles.Extension;

    public static SigningKey Resolve(string from, string keystoreDir, string devnetHome, Func<string> passphrase)
    {
        var store = new Keystore(keystoreDir);
        if (store.Contains(from)) return KeysCommands.Expect(store.Unlock(from, passphrase));
        if (Keystore.NameProblem(from) is null)
        {
            var devnet = DevnetKeyPath(devnetHome, from);
            if (File.Exists(devnet)) return KeysCommands.Expect(KeyFiles.Load(devnet, passphrase));
        }
        if (File.Exists(from)) return KeysCommands.Expect(KeyFiles.Load(from, passphrase));
        throw CommandException.Usage(
            $"no key '{from}': not in keystore {store.Directory}, not a devnet key in {Path.GetFullPath(Path.Combine(devnetHome, "keys"))}, and not a key file");
    }

    public static string DevnetKeyPath(string devnetHome, string name) => Path.Combine(devnetHome, "keys", name + DevnetKeySuffix);
}
