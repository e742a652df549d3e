using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace VitaSense.ServiceDefaults.Data;

/// <summary>Registers tables for <see cref="MonthlyPartitionMaintainer"/>.</summary>
public static class MonthlyPartitionExtensions
{
    /// <summary>Keeps monthly partitions of <paramref name="table"/> created ahead of time.</summary>
    public static IServiceCollection AddMonthlyPartitions(this IServiceCollection services, MonthlyPartitionedTable table)
    {
        SchemaName.Validate(table.Schema);
        SchemaName.Validate(table.Table);
        SchemaName.Validate(table.Column);
        services.AddSingleton(table);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SchemaReadiness>();
        services.TryAddSingleton<MonthlyPartitionMaintainer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MonthlyPartitionMaintainer>(sp => sp.GetRequiredService<MonthlyPartitionMaintainer>()));
        return services;
    }
}
