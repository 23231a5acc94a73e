using Seratio.LoadGen;
using Seratio.LoadGen.AnchorLag;

if (args.Length > 0 && args[0] == "anchor-lag") return await AnchorLagMain.RunAsync(args[1..]);

LoadGenOptions options;
try
{
    if (args.Contains("--help") || args.Contains("-h")) { Console.WriteLine(LoadGenOptions.Usage); return 0; }
    options = LoadGenOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"seratio-loadgen: {e.Message}\n\n{LoadGenOptions.Usage}");
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
try
{
    var report = await new LoadRun(options, Console.Out).RunAsync(cts.Token);
    Console.WriteLine();
    Console.WriteLine(report.ToText());
    if (options.JsonOut is not null) await File.WriteAllTextAsync(options.JsonOut, report.ToJson());
    return 0;
}
catch (Grpc.Core.RpcException e)
{
    Console.Error.WriteLine($"seratio-loadgen: node {options.Node} answered {e.StatusCode}: {e.Status.Detail}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("seratio-loadgen: cancelled");
    return 1;
}
