namespace Seratio.Cli.Cli;

/// <summary>
/// An expected failure that ends a command: its message is printed on stderr as is (no stack
/// trace) and the process exits with <see cref="ExitCode"/>. Thrown only inside command actions
/// and caught only by <see cref="CliApp"/>.
/// </summary>
internal sealed class CommandException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>The user asked for something impossible (bad value, missing file): exit 2.</summary>
    public static CommandException Usage(string message) => new(ExitCodes.Usage, message);

    /// <summary>The request was well formed but failed (node error, wrong passphrase, rejected tx): exit 1.</summary>
    public static CommandException Failed(string message) => new(ExitCodes.Failure, message);
}

/// <summary>Process exit codes of the CLI.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Interrupted = 130;
}
