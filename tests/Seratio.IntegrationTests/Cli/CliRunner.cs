using System.Diagnostics;
using System.Text.Json;

namespace Seratio.IntegrationTests.Cli;

/// <summary>What one run of a command printed and how it exited.</summary>
public sealed record CliResult(string CommandLine, int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Stdout parsed as one JSON document (commands run with <c>-o json</c>).</summary>
    public JsonElement Json()
    {
        using var doc = JsonDocument.Parse(StdOut);
        return doc.RootElement.Clone();
    }

    public override string ToString() => $"$ {CommandLine}\nexit {ExitCode}\n--- stdout\n{StdOut}--- stderr\n{StdErr}";
}

/// <summary>
/// Runs the real <c>seratio</c> CLI (the seratio.dll built next to this test assembly, through
/// <c>dotnet</c>) as a separate process with stdin closed, so nothing can prompt. Environment
/// variables that would change defaults (SERATIO_NODE, SERATIO_HOME) are removed, and
/// SERATIO_KEYSTORE points at the caller's folder so no test touches ~/.seratio. Thread safe.
/// </summary>
public sealed class CliRunner(string keystore)
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "seratio.dll");
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    public string Keystore { get; } = keystore;

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, DefaultTimeout);

    public async Task<CliResult> RunAsync(IReadOnlyList<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        return await RunProcessAsync(info, Keystore, timeout);
    }

    /// <summary>Runs <paramref name="info"/> (any executable) with the hermetic environment and captures its output.</summary>
    public static async Task<CliResult> RunProcessAsync(ProcessStartInfo info, string keystore, TimeSpan timeout)
    {
        info.UseShellExecute = false;
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.Environment.Remove("SERATIO_NODE");
        info.Environment.Remove("SERATIO_HOME");
        info.Environment["SERATIO_KEYSTORE"] = keystore;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var commandLine = string.Join(' ', new[] { Path.GetFileName(info.FileName) }.Concat(info.ArgumentList));
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {commandLine}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{commandLine} did not exit within {timeout}:\n{await stdout}\n{await stderr}");
        }
        return new CliResult(commandLine, process.ExitCode, await stdout, await stderr);
    }
}
