using Seratio.Core.Keys;

namespace Seratio.Core.Tests.Keys;

public sealed class OwnerOnlyFilesTests : IDisposable
{
    private const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WriteNewText_CreatesTheFile0600_AndCreateDirectory0700()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permissions only.
        var folder = _dir.File("secrets");

        OwnerOnlyFiles.CreateDirectory(folder);
        OwnerOnlyFiles.WriteNewText(Path.Combine(folder, "a.passphrase"), "secret\n");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(Mode600, File.GetUnixFileMode(Path.Combine(folder, "a.passphrase")));
        Assert.Equal("secret\n", File.ReadAllText(Path.Combine(folder, "a.passphrase")));
    }

    [Fact]
    public void WriteNewText_RefusesToOverwrite()
    {
        var path = _dir.File("a.passphrase");
        OwnerOnlyFiles.WriteNewText(path, "one");

        Assert.Throws<IOException>(() => OwnerOnlyFiles.WriteNewText(path, "two"));
        Assert.Equal("one", File.ReadAllText(path));
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite, false)]
    [InlineData(UnixFileMode.UserRead, false)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, true)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead, true)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite, true)]
    public void ExposedProblem_RefusesWhatGroupOrOthersMayTouch_NamingTheChmod(UnixFileMode mode, bool refused)
    {
        if (OperatingSystem.IsWindows()) return;
        var path = _dir.File("validator.key");
        File.WriteAllText(path, "{}");
        File.SetUnixFileMode(path, mode);

        var problem = OwnerOnlyFiles.ExposedProblem(path);

        Assert.Equal(refused, problem is not null);
        if (refused) Assert.Contains($"chmod 600 {path}", problem);
    }

    [Fact]
    public void ExposedProblem_OfAThrowAwayUnsafeKey_IsNone()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = _dir.File("validator.devnet-unsafe.key");
        File.WriteAllText(path, "{}");
        File.SetUnixFileMode(path, Mode600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Assert.Null(OwnerOnlyFiles.ExposedProblem(path));
    }
}
