using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/Seratio.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

public partial class Program;
