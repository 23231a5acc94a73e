using System.Text;

namespace Seratio.IntegrationTests.Cli;

/// <summary>One <c>seratio …</c> command of a README walkthrough: its arguments, the exit code it must end with and the excerpts its output must contain.</summary>
public sealed record StoryStep(int Line, IReadOnlyList<string> Args, int ExpectedExitCode, IReadOnlyList<string> Excerpts)
{
    public override string ToString() => $"README line {Line}: seratio {string.Join(' ', Args)}";
}

/// <summary>
/// Reads a runnable walkthrough out of a Markdown document: the fenced block between
/// <c>&lt;!-- NAME:begin --&gt;</c> and <c>&lt;!-- NAME:end --&gt;</c>. Inside it, a line starting with
/// <c>seratio </c> is a command (a trailing backslash continues it; words split at spaces, double
/// quotes group); the <c>#&gt; </c> lines after it are excerpts of its output, <c>#&gt; exit N</c>
/// its expected exit code (0 otherwise); other comments and blank lines are prose. Anything else
/// (pipes, variables, other programs) is refused, so the block stays what a reader can type. Pure.
/// </summary>
public static class StoryScript
{
    private const string Excerpt = "#> ";
    private const string ExitPrefix = "exit ";

    public static IReadOnlyList<StoryStep> Parse(string markdown, string name)
    {
        string begin = $"<!-- {name}:begin -->", end = $"<!-- {name}:end -->";
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        int first = Array.FindIndex(lines, l => l.Trim() == begin);
        int last = Array.FindIndex(lines, l => l.Trim() == end);
        if (first < 0 || last < first) throw new FormatException($"no block between '{begin}' and '{end}'");

        var steps = new List<StoryStep>();
        List<string>? args = null;
        int commandLine = 0, exit = 0;
        var excerpts = new List<string>();
        void Flush()
        {
            if (args is not null) steps.Add(new StoryStep(commandLine, args, exit, [.. excerpts]));
            args = null;
            exit = 0;
            excerpts.Clear();
        }

        for (int i = first + 1; i < last; i++)
        {
            string line = lines[i].Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.Length == 0) continue;
            if (line.StartsWith(Excerpt, StringComparison.Ordinal))
            {
                if (args is null) throw new FormatException($"line {i + 1}: an output excerpt before any command");
                string text = line[Excerpt.Length..].Trim();
                if (text.StartsWith(ExitPrefix, StringComparison.Ordinal) && int.TryParse(text[ExitPrefix.Length..], out int code)) exit = code;
                else excerpts.Add(text);
                continue;
            }
            if (line.StartsWith('#')) continue;
            if (!line.StartsWith("seratio ", StringComparison.Ordinal)) throw new FormatException($"line {i + 1}: not a seratio command: {line}");

            Flush();
            commandLine = i + 1;
            var text2 = new StringBuilder(line["seratio ".Length..]);
            while (text2.Length > 0 && text2[^1] == '\\')
            {
                text2.Length--;
                if (++i >= last) throw new FormatException($"line {commandLine}: continued past the end of the block");
                text2.Append(' ').Append(lines[i].Trim());
            }
            args = Split(text2.ToString(), commandLine);
        }
        Flush();
        return steps;
    }

    /// <summary>Words separated by spaces; double quotes group words and are dropped. Shell features the walkthrough must not use are refused.</summary>
    public static List<string> Split(string text, int line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool quoted = false, any = false;
        foreach (char c in text)
        {
            if (c == '"') { quoted = !quoted; any = true; continue; }
            if (!quoted && "$'|<>;&`*".Contains(c, StringComparison.Ordinal)) throw new FormatException($"line {line}: '{c}' needs a shell; keep the walkthrough to plain words");
            if (!quoted && char.IsWhiteSpace(c))
            {
                if (any) words.Add(word.ToString());
                word.Clear();
                any = false;
                continue;
            }
            word.Append(c);
            any = true;
        }
        if (quoted) throw new FormatException($"line {line}: unclosed double quote");
        if (any) words.Add(word.ToString());
        return words;
    }

    /// <summary>Runs of whitespace (spaces, tabs, line breaks) as one space, so an excerpt matches aligned or tab-separated output.</summary>
    public static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
