using System.Text.Encodings.Web;
using System.Text.Json;

namespace Seratio.Cli.Cli;

/// <summary>How a command prints its result.</summary>
internal enum OutputFormat
{
    Text,
    Json,
}

/// <summary>
/// Prints results as plain text lines or as one indented JSON document. Every text line passes
/// through <see cref="TerminalText"/> here, the one place text output is written, so no command
/// can print a chain string's control characters raw; JSON keeps strings exact (the serializer
/// escapes control characters itself). Thread safe through the console's writers.
/// </summary>
internal sealed class Printer(CliConsole console, OutputFormat format)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public OutputFormat Format { get; } = format;
    public bool IsJson => Format == OutputFormat.Json;

    /// <summary>Writes <paramref name="json"/> as JSON or <paramref name="text"/> lines, depending on the format.</summary>
    public void Result(object json, Func<IEnumerable<string>> text)
    {
        if (IsJson) console.Out.WriteLine(Serialize(json));
        else foreach (var line in text()) console.Out.WriteLine(TerminalText.Escape(line, keepTabs: true));
    }

    /// <summary>A tab-separated row whose cells cannot add columns: tabs inside a cell are escaped.</summary>
    public static string Row(params string[] cells) => string.Join('\t', cells.Select(c => TerminalText.Escape(c)));

    /// <summary>Aligned "label: value" lines.</summary>
    public static IEnumerable<string> Fields(params (string Label, string Value)[] fields)
    {
        int width = fields.Length == 0 ? 0 : fields.Max(f => f.Label.Length) + 1;
        return fields.Select(f => (f.Label + ":").PadRight(width + 1) + TerminalText.Escape(f.Value));
    }

    /// <summary>Writes an already serialized JSON document as it is (JSON escapes control characters itself).</summary>
    public void RawJson(string json) => console.Out.WriteLine(json);

    /// <summary>Writes "error: <paramref name="message"/>" on stderr, escaped: for a result that failed after it was printed.</summary>
    public void Problem(string message) => console.Error.WriteLine("error: " + TerminalText.Escape(message));

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Json);
}
