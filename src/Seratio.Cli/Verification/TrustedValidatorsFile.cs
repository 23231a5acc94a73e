using Seratio.Client.Proofs;

namespace Seratio.Cli.Verification;

/// <summary>Reads <c>--trust FILE</c> into <see cref="TrustedValidators"/>. Stateless.</summary>
internal static class TrustedValidatorsFile
{
    /// <summary>Reads <paramref name="path"/>; <see cref="FormatException"/> with a reason when it cannot be read or is neither kind of file.</summary>
    public static TrustedValidators Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { throw new FormatException($"{path}: {ex.Message}"); }
        return TrustedValidators.Parse(text, path);
    }
}
