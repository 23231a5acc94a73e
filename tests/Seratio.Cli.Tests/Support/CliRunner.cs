using Seratio.Cli.Cli;

namespace Seratio.Cli.Tests.Support;

/// <summary>The outcome of one in-process CLI run.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}

/// <summary>Runs the CLI in process through its parse/invoke entry, with a controlled environment and no terminal.</summary>
internal sealed class CliRunner
{
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);
    private Queue<string>? _answers;

    /// <summary>Pretends a person sits at the terminal and types these secrets, in order, at each prompt.</summary>
    public CliRunner AtTerminal(params string[] answers)
    {
        _answers = new Queue<string>(answers);
        return this;
    }

    public CliRunner WithEnv(string name, string value)
    {
        _env[name] = value;
        return this;
    }

    public async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var answers = _answers;
        var console = new CliConsole(output, error, name => _env.GetValueOrDefault(name), interactive: answers is not null,
            promptSecret: answers is null ? null : _ => answers.Dequeue());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int code = await CliApp.RunAsync(args, console, timeout.Token);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public Task<CliRun> RunAsync(string commandLine) =>
        RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
