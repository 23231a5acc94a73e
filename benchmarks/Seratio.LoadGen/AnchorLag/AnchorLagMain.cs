namespace Seratio.LoadGen.AnchorLag;

/// <summary>The entry of <c>seratio-loadgen anchor-lag</c>: parse (exit 2 on bad options), run, print the report (exit 1 when the node or a chain fails).</summary>
internal static class AnchorLagMain
{
    public static async Task<int> RunAsync(string[] args)
    {
        AnchorLagOptions options;
        try
        {
            if (args.Contains("--help") || args.Contains("-h")) { Console.WriteLine(AnchorLagOptions.Usage); return 0; }
            options = AnchorLagOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"seratio-loadgen anchor-lag: {e.Message}\n\n{AnchorLagOptions.Usage}");
            return 2;
        }
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        try
        {
            var report = await new AnchorLagRun(options, Console.Out).RunAsync(cts.Token);
            Console.WriteLine();
            Console.WriteLine(report.ToText());
            return 0;
        }
        catch (Grpc.Core.RpcException e)
        {
            Console.Error.WriteLine($"seratio-loadgen anchor-lag: node {options.Node} answered {e.StatusCode}: {e.Status.Detail}");
            return 1;
        }
        catch (Exception e) when (e is Nethereum.JsonRpc.Client.RpcClientUnknownException or Nethereum.JsonRpc.Client.RpcResponseException or HttpRequestException)
        {
            Console.Error.WriteLine($"seratio-loadgen anchor-lag: an EVM node failed: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("seratio-loadgen anchor-lag: cancelled");
            return 1;
        }
    }
}
