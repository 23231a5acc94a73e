using Spectre.Console;

namespace Seratio.Cli.Cli;

/// <summary>
/// What a command may touch of the outside world: its output streams, environment variables,
/// whether a person sits at the terminal, and a secret prompt. Tests pass their own. Writers
/// are synchronized so that forwarded child output and command output never interleave mid-line.
/// </summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, Func<string, string?> environment, bool interactive, Func<string, string>? promptSecret = null)
    {
        Out = TextWriter.Synchronized(output);
        Error = TextWriter.Synchronized(error);
        Environment = environment;
        Interactive = interactive;
        PromptSecret = promptSecret ?? (_ => throw new InvalidOperationException("this console has no prompt"));
    }

    public TextWriter Out { get; }
    public TextWriter Error { get; }
    public Func<string, string?> Environment { get; }
    /// <summary>True when stdin is a terminal, so a passphrase may be asked for.</summary>
    public bool Interactive { get; }
    /// <summary>Asks for a secret with the given prompt text, echoing nothing.</summary>
    public Func<string, string> PromptSecret { get; }

    public static CliConsole FromSystem()
    {
        // Prompts go to stderr so that stdout stays clean for --output json.
        var prompts = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return new CliConsole(Console.Out, Console.Error, System.Environment.GetEnvironmentVariable,
            interactive: !Console.IsInputRedirected,
            promptSecret: text => prompts.Prompt(new TextPrompt<string>(text).Secret().AllowEmpty()));
    }
}
