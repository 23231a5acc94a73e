using System.Text.Json.Nodes;
using Seratio.Cli.Cli;

namespace Seratio.Cli.Tests.Cli;

public sealed class PrinterTests
{
    private const string Hostile = "\u001b[2J\nevent: transfer FAKE amount=999999SER";

    private static (Printer Printer, StringWriter Out, StringWriter Err) Create(OutputFormat format)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new Printer(new CliConsole(output, error, _ => null, interactive: false), format), output, error);
    }

    [Fact]
    public void Result_AsText_EscapesControlCharactersInEveryLine()
    {
        var (printer, output, _) = Create(OutputFormat.Text);

        // A command that forgets Fields and builds its own line is still escaped.
        printer.Result(new { }, () => [.. Printer.Fields(("memo", Hostile)), "raw " + Hostile]);

        var text = output.ToString();
        Assert.DoesNotContain('\u001b', text);
        var lines = text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.DoesNotContain(lines, l => l.StartsWith("event:", StringComparison.Ordinal));
        Assert.Contains(@"\x1b[2J\nevent: transfer FAKE", lines[0]);
    }

    [Fact]
    public void Result_AsJson_KeepsTheStringExact()
    {
        var (printer, output, _) = Create(OutputFormat.Json);

        printer.Result(new { memo = Hostile }, () => throw new InvalidOperationException("text asked for JSON"));

        Assert.DoesNotContain('\u001b', output.ToString());
        Assert.Equal(Hostile, (string?)JsonNode.Parse(output.ToString())!["memo"]);
    }

    [Fact]
    public void Row_EscapesTabsInsideACell_SoAColumnCannotBeForged()
    {
        var (printer, output, _) = Create(OutputFormat.Text);

        printer.Result(new { }, () => [Printer.Row("1", "person", "name\twith\ttabs")]);

        Assert.Equal(["1", "person", @"name\twith\ttabs"], output.ToString().TrimEnd().Split('\t'));
    }

    [Fact]
    public void Problem_WritesOneEscapedErrorLineOnStderr()
    {
        var (printer, output, error) = Create(OutputFormat.Json);

        printer.Problem("failed: " + Hostile);

        Assert.Empty(output.ToString());
        Assert.Equal(@"error: failed: \x1b[2J\nevent: transfer FAKE amount=999999SER" + Environment.NewLine, error.ToString());
    }
}
