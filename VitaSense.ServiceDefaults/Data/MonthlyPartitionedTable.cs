namespace VitaSense.ServiceDefaults.Data;

/// <summary>A table <c>PARTITION BY RANGE (column)</c> whose monthly partitions are kept in place ahead of time.</summary>
/// <param name="Schema">Schema of the table.</param>
/// <param name="Table">The partitioned parent table.</param>
/// <param name="Column">The <c>timestamptz</c> partition key column.</param>
/// <param name="MonthsBehind">Past months to make sure exist (late data lands in its own month).</param>
/// <param name="MonthsAhead">Future months to create in advance.</param>
public sealed record MonthlyPartitionedTable(string Schema, string Table, string Column, int MonthsBehind = 1, int MonthsAhead = 3);
