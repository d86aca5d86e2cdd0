namespace SeedSearch.Benchmarks.Tests;

public class ResourceSamplerTests
{
    [Fact]
    public void SumMetric_HeapByGeneration_SumsOnlyThatMetric()
    {
        const string exposition = """
            # TYPE dotnet_gc_last_collection_heap_size_bytes gauge
            # UNIT dotnet_gc_last_collection_heap_size_bytes bytes
            dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen0"} 1000 1764662400000
            dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System.Runtime",gc_heap_generation="gen1"} 200
            dotnet_gc_last_collection_heap_size_bytes{otel_scope_name="System Runtime",gc_heap_generation="loh"} 3e3
            dotnet_gc_last_collection_heap_size_bytes_total{gc_heap_generation="gen0"} 99999
            dotnet_gc_heap_total_allocated_bytes_total 123456
            """;

        Assert.Equal(4200, ResourceSampler.SumMetric(exposition, ResourceSampler.HeapMetric));
    }

    [Fact]
    public void SumMetric_MetricAbsent_Null() =>
        Assert.Null(ResourceSampler.SumMetric("process_cpu_count 2\n", ResourceSampler.HeapMetric));
}
