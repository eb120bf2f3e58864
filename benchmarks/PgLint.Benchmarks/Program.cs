using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(PgLint.Benchmarks.CorpusBenchmarks).Assembly).Run(args);
