using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace VitaSense.ServiceDefaults.Data;

/// <summary>Registers schema migrations that run at start-up (see <see cref="SchemaMigrationHostedService"/>).</summary>
public static class SchemaMigrationExtensions
{
    /// <summary>
    /// Adds the <c>.sql</c> files embedded in <paramref name="assembly"/> under a folder named
    /// <paramref name="folder"/> as migrations of <paramref name="schema"/>; the file name (without
    /// extension) is the migration id, so name them <c>0001_initial.sql</c>, <c>0002_...sql</c>.
    /// </summary>
    public static IServiceCollection AddSchemaMigrations(this IServiceCollection services, string schema, Assembly assembly, string folder = "Migrations")
    {
        var marker = $".{folder}.";
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.Contains(marker, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                var id = name[(name.LastIndexOf(marker, StringComparison.Ordinal) + marker.Length)..^".sql".Length];
                return new SchemaMigration(id, reader.ReadToEnd());
            })
            .ToList();
        if (migrations.Count == 0)
        {
            throw new InvalidOperationException($"No embedded migrations were found in {assembly.GetName().Name} under '{folder}'.");
        }
        return services.AddSchemaMigrations(schema, migrations);
    }

    /// <summary>Adds migrations given in code (shared building blocks such as the outbox use this).</summary>
    public static IServiceCollection AddSchemaMigrations(this IServiceCollection services, string schema, IReadOnlyList<SchemaMigration> migrations)
    {
        SchemaName.Validate(schema);
        services.AddSingleton(new SchemaMigrationSet(schema, migrations));
        services.TryAddSingleton<SchemaMigrator>();
        services.TryAddSingleton<SchemaReadiness>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SchemaMigrationHostedService>());
        return services;
    }
}
