namespace Seratio.Core.Keys;

/// <summary>
/// Secret files (keys, passphrases) and their folders, readable by their owner only, as ssh keeps
/// its keys: created 0600/0700 from the first byte (never written wide and narrowed after), and
/// refused when group or others may read them. Unix permissions only; on Windows files are created
/// normally and never refused. Stateless and thread safe.
/// </summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode FileMode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> (and missing parents) as 0700; an existing folder is left as it is.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, DirectoryMode700);
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8) to a new file created 0600; fails if <paramref name="path"/> exists.</summary>
    public static void WriteNewText(string path, string text)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode600;
        using var writer = new StreamWriter(path, System.Text.Encoding.UTF8, options);
        writer.Write(text);
    }

    /// <summary>
    /// Null when the secret at <paramref name="path"/> is for its owner only, is a throw-away
    /// <c>*unsafe*</c> key (its name says it is no secret), does not exist (the reader reports that) or
    /// when running on Windows; else why it is refused and the <c>chmod 600</c> that fixes it.
    /// </summary>
    public static string? ExposedProblem(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (OperatingSystem.IsWindows() || UnsafeKeyFile.IsUnsafeName(path) || !File.Exists(path)) return null;
        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) == 0) return null;
        return $"{path} can be read or changed by other users (mode {Octal(mode)}); a secret must be its owner's alone: run chmod 600 {path}";
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}
