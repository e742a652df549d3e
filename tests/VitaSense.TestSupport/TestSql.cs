using Npgsql;

namespace VitaSense.TestSupport;

/// <summary>Plain SQL against a test's own database, for arranging rows and checking what a service stored.</summary>
public static class TestSql
{
    /// <summary>The first column of the first row, or null.</summary>
    public static async Task<object?> ScalarAsync(string connectionString, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        AddParameters(command, parameters);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>A <c>count(*)</c>.</summary>
    public static async Task<long> CountAsync(string connectionString, string sql, params (string Name, object? Value)[] parameters) =>
        (long)(await ScalarAsync(connectionString, sql, parameters))!;

    /// <summary>A statement without a result.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        AddParameters(command, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private static void AddParameters(NpgsqlCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}
