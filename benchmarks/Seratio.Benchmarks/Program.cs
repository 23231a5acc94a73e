using BenchmarkDotNet.Running;

namespace Seratio.Benchmarks;

// dotnet run -c Release --project benchmarks/Seratio.Benchmarks -- --filter '*'
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
