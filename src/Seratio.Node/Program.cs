// seratio-node --home DIR [overrides]: runs a node until SIGTERM / Ctrl-C (graceful shutdown).
using Microsoft.Extensions.Options;
using Seratio.Node.Hosting;

if (!CommandLine.TryParse(args, out var home, out var overrides))
{
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}
try
{
    await using var app = NodeHost.Build(home, overrides);
    return await NodeRun.RunAsync(app);
}
catch (Exception ex) when (ex is OptionsValidationException or DirectoryNotFoundException or FormatException)
{
    Console.Error.WriteLine($"seratio-node: {ex.Message}");
    return 1;
}
