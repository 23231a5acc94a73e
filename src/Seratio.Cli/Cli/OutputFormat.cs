using System.Text.Encodings.Web;
using System.Text.Json;

namespace Seratio.Cli.Cli;

/// <summary>How a command prints its result.</summary>
internal enum OutputFormat
{
    Text,
    Json,
}

/// <summary>Prints results as plain text lines or as one indented JSON document. Thread safe through the console's writers.</summary>
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
        else foreach (var line in text()) console.Out.WriteLine(line);
    }

    /// <summary>Aligned "label: value" lines.</summary>
    public static IEnumerable<string> Fields(params (string Label, string Value)[] fields)
    {
        int width = fields.Length == 0 ? 0 : fields.Max(f => f.Label.Length) + 1;
        return fields.Select(f => (f.Label + ":").PadRight(width + 1) + f.Value);
    }

    public void Line(string text) => console.Out.WriteLine(text);

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Json);
}
