namespace VitaSense.Ingestion.Tests.HealthExport;

/// <summary>Tests that measure time: run after the parallel ones, alone.</summary>
[CollectionDefinition(nameof(SerialTimingCollection), DisableParallelization = true)]
public sealed class SerialTimingCollection;
