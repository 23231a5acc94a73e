using Seratio.Cli.Cli;

namespace Seratio.Cli.Keys;

/// <summary>Gets a keystore passphrase from --passphrase-file or, at a terminal, from a secret prompt.</summary>
internal static class PassphraseReader
{
    /// <summary>
    /// The passphrase for key <paramref name="keyName"/>. With <paramref name="confirm"/> (new keys)
    /// a prompt asks twice and an empty passphrase is refused.
    /// </summary>
    public static string Read(CliConsole console, string? passphraseFile, string keyName, bool confirm)
    {
        string passphrase;
        if (passphraseFile is not null)
        {
            if (!File.Exists(passphraseFile)) throw CommandException.Usage($"passphrase file {passphraseFile} does not exist");
            using var reader = new StreamReader(passphraseFile);
            passphrase = reader.ReadLine() ?? "";
        }
        else
        {
            if (!console.Interactive)
                throw CommandException.Usage(
                    $"a passphrase is needed for key '{keyName}' but stdin is not a terminal, so none can be asked for; " +
                    "pass --passphrase-file FILE, a file whose first line is the passphrase (readable by you only: chmod 600 FILE)");
            passphrase = console.PromptSecret($"Passphrase for key '{keyName}':");
            if (confirm && console.PromptSecret("Repeat the passphrase:") != passphrase)
                throw CommandException.Usage("the two passphrases differ");
        }
        if (confirm && passphrase.Length == 0) throw CommandException.Usage("an empty passphrase does not protect a key; choose one");
        return passphrase;
    }
}
